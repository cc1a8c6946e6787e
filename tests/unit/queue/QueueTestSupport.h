// Shared by the queue tests: fresh database directories, a clock at a known local time, and the
// consistency check the kill test runs after it killed its children.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include "support/TempDatabase.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/Database.h"

namespace queue_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

inline std::filesystem::path freshDir(const std::string& name) {
    return test_support::freshDir("queue", name);
}

// 2026-11-23 at hh:mm local time in Vietnam (UTC+7).
inline kiosk::WallTime vietnamTime(int day, int hour, int minute, int second = 0) {
    using namespace std::chrono;
    const sys_days date = year(2026) / November / day;
    return time_point_cast<milliseconds>(date + hours(hour) + minutes(minute) + seconds(second) - hours(7));
}

inline std::vector<kiosk::queue::Service> testServices() {
    using kiosk::queue::Skill;
    return {
        {'A', {"Hỗ trợ VNeID", "VNeID help"}, {Skill::PublicServices}},
        {'B', {"Hỗ trợ thanh toán", "Payment help"}, {Skill::OnlinePayment}},
        {'C', {"Nộp hồ sơ trực tuyến", "Online filing"}, {Skill::PublicServices}},
    };
}

struct ReportedTicket {
    int64_t id = 0;
    std::string day;
    char letter = 'A';
    int number = 0;
    // A key unique to this issue, so a number handed out twice (a lost ticket's number reused
    // for the next citizen, with the same row id) is told apart. Empty: not checked.
    std::string householdKey;
};

// Everything that must hold after any number of crashes: the file is intact, numbers are
// unique and gap-free per letter and day, and every reported (confirmed) ticket is stored as
// reported, and no number was confirmed twice. Returns one line per problem; empty when all is well.
inline std::vector<std::string> queueProblems(kiosk::store::Database& database,
                                              const std::vector<ReportedTicket>& reported) {
    std::vector<std::string> problems;
    auto integrity = database.prepare("PRAGMA integrity_check");
    if (!integrity || !integrity->step().ok()) return {"integrity_check could not run"};
    if (integrity->columnText(0) != "ok") problems.push_back("integrity_check: " + integrity->columnText(0));

    std::map<std::pair<std::string, char>, std::vector<int>> numbers;
    std::map<int64_t, ReportedTicket> stored;
    auto rows = database.prepare(
        "SELECT id, day, letter, number, coalesce(household_key, '') FROM ticket ORDER BY day, letter, "
        "number");
    if (!rows) return {"cannot read tickets: " + rows.error().message};
    for (;;) {
        auto row = rows->step();
        if (!row) return {"cannot read tickets: " + row.error().message};
        if (!*row) break;
        ReportedTicket ticket{rows->columnInt(0), rows->columnText(1), rows->columnText(2).front(),
                              static_cast<int>(rows->columnInt(3)), rows->columnText(4)};
        numbers[{ticket.day, ticket.letter}].push_back(ticket.number);
        stored[ticket.id] = ticket;
    }
    for (const auto& [key, list] : numbers) {
        for (size_t i = 0; i < list.size(); ++i) {
            if (list[i] != static_cast<int>(i) + 1) {
                problems.push_back(key.first + " " + key.second + ": expected number " +
                                   std::to_string(i + 1) + ", found " + std::to_string(list[i]));
                break;
            }
        }
    }
    std::map<std::tuple<std::string, char, int>, int> timesConfirmed;
    for (const ReportedTicket& ticket : reported) {
        char label[16];
        std::snprintf(label, sizeof label, "%c%03d", ticket.letter, ticket.number);
        if (++timesConfirmed[{ticket.day, ticket.letter, ticket.number}] == 2)
            problems.push_back("ticket " + std::string(label) + " of " + ticket.day + " was confirmed twice");
        const auto found = stored.find(ticket.id);
        if (found == stored.end() || found->second.day != ticket.day ||
            found->second.letter != ticket.letter || found->second.number != ticket.number ||
            (!ticket.householdKey.empty() && found->second.householdKey != ticket.householdKey)) {
            problems.push_back("confirmed ticket " + std::string(label) + " of " + ticket.day + " (id " +
                               std::to_string(ticket.id) + ") is not stored");
        }
    }
    return problems;
}

}  // namespace queue_test
