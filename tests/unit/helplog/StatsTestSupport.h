// Shared by the help log, statistics and CSV export tests: a database in a fresh directory with a
// ticket book, a volunteer and a help log over one manual clock, and helpers that put synthetic
// tickets through the queue at chosen local times. Synthetic data only: household keys are
// "hk-test-NNNN-abcdef", never derived from an ID number.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/Database.h"
#include "unit/helplog/HelplogTestSupport.h"
#include "unit/queue/QueueTestSupport.h"

namespace stats_test {

using namespace std::chrono_literals;

// hh:mm:ss local time in Vietnam (UTC+7) on `date`.
inline kiosk::WallTime vietnamTime(std::chrono::year_month_day date, int hour, int minute, int second = 0) {
    using namespace std::chrono;
    return time_point_cast<milliseconds>(sys_days(date) + hours(hour) + minutes(minute) + seconds(second) -
                                         hours(7));
}

// A synthetic household key that TicketBook accepts: "hk-test-0007-abcdef".
inline std::string householdKey(int n) {
    char key[32];
    std::snprintf(key, sizeof key, "hk-test-%04d-abcdef", n);
    return key;
}

inline std::string fileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Counts of a Statistics tally array, in its order.
template <class Tallies>
std::vector<int> countsOf(const Tallies& tallies) {
    std::vector<int> counts;
    for (const auto& tally : tallies)
        counts.push_back(tally.count);
    return counts;
}

class HelpLogFixture : public testing::Test {
protected:
    void SetUp() override {
        const auto* test = testing::UnitTest::GetInstance()->current_test_info();
        dir_ = helplog_test::freshDir(std::string(test->test_suite_name()) + "-" + test->name());
        auto opened = kiosk::store::Database::openInDirectory(dir_ / "data");
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(*opened));
        book_.emplace(*database_, queue_test::testServices(), clock_);
        kiosk::helplog::SignInPolicy policy;
        policy.cost = kiosk::helplog::PinHashCost::cheapestForTests();
        roster_.emplace(*database_, helplog_test::pepperFrom(7), clock_, policy);
        auto lan = roster_->add("Lan");
        ASSERT_TRUE(lan.ok()) << lan.error().message;
        volunteer_ = lan->id;
        log_.emplace(*database_, clock_);
    }

    kiosk::queue::Ticket issue(char service = 'A',
                               kiosk::queue::Priority priority = kiosk::queue::Priority::None,
                               std::optional<std::string> household = std::nullopt, std::string origin = {}) {
        auto ticket = book_->issue(service, priority, std::move(household), std::move(origin));
        EXPECT_TRUE(ticket.ok()) << ticket.error().message;
        return ticket.ok() ? *ticket : kiosk::queue::Ticket{};
    }

    // Calls the next ticket of `ticket`'s line, which must be `ticket`.
    kiosk::queue::Ticket call(const kiosk::queue::Ticket& ticket) {
        auto called = book_->callNext("desk-1", std::string(1, ticket.service));
        EXPECT_TRUE(called.ok() && called->has_value() && (*called)->id == ticket.id)
            << (called.ok() ? "called another ticket or none" : called.error().message);
        return called.ok() && called->has_value() ? **called : kiosk::queue::Ticket{};
    }

    kiosk::queue::Ticket done(const kiosk::queue::Ticket& ticket) {
        auto served = book_->done(ticket.id);
        EXPECT_TRUE(served.ok()) << served.error().message;
        return served.ok() ? *served : kiosk::queue::Ticket{};
    }

    // Issued now, called after `wait`, done `service` later; the clock ends at done.
    kiosk::queue::Ticket serve(std::chrono::milliseconds wait, std::chrono::milliseconds service,
                               char line = 'A', std::optional<std::string> household = std::nullopt) {
        const kiosk::queue::Ticket ticket = issue(line, kiosk::queue::Priority::None, std::move(household));
        clock_.advance(wait);
        call(ticket);
        clock_.advance(service);
        return done(ticket);
    }

    kiosk::helplog::HelpEntry entryFor(const kiosk::queue::Ticket& ticket) const {
        kiosk::helplog::HelpEntry entry;
        entry.ticket = ticket.id;
        entry.volunteer = volunteer_;
        return entry;
    }

    void record(const kiosk::helplog::HelpEntry& entry) {
        kiosk::Status recorded = log_->record(entry);
        EXPECT_TRUE(recorded.ok()) << recorded.error().message;
    }

    void rate(const kiosk::queue::Ticket& ticket, kiosk::helplog::Rating rating) {
        kiosk::Status rated = log_->rate(ticket.id, rating);
        EXPECT_TRUE(rated.ok()) << rated.error().message;
    }

    std::int64_t countRows(const std::string& sql) {
        auto select = database_->prepare(sql);
        EXPECT_TRUE(select.ok());
        if (!select.ok()) return -1;
        auto row = select->step();
        EXPECT_TRUE(row.ok() && *row);
        return row.ok() && *row ? select->columnInt(0) : -1;
    }

    std::filesystem::path dir_;
    kiosk::ManualWallClock clock_{vietnamTime(std::chrono::year(2026) / 11 / 23, 8, 0)};
    std::optional<kiosk::store::Database> database_;
    std::optional<kiosk::queue::TicketBook> book_;
    std::optional<kiosk::helplog::VolunteerRoster> roster_;
    std::optional<kiosk::helplog::HelpLog> log_;
    kiosk::helplog::VolunteerId volunteer_ = 0;
};

}  // namespace stats_test
