// Many kiosks and desks at once on one centre database: 8 issuers and 6 desks, each with its
// own connection (as separate terminals have), for a few seconds. Every ticket must be called
// exactly once, numbers unique and gap-free per service and day, and none lost.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreQueue.h"

using kiosk::centre::CentreQueue;
using kiosk::centre::PgConnection;
using namespace std::chrono_literals;

namespace {

constexpr int kIssuers = 8;
constexpr int kDesks = 6;
// Issuing stops after this time or this many tickets per kiosk, whichever comes first: the
// desks then drain the queue, so the test's cost stays bounded on a fast machine too.
constexpr auto kIssuingTime = 4s;
constexpr size_t kMaxTicketsPerKiosk = 150;

const kiosk::WallTime kMorning{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 2h};

class CentreConcurrency : public centretest::CentreDatabaseTest {};

}  // namespace

TEST_F(CentreConcurrency, EightKiosksSixDesksEveryTicketCalledExactlyOnce) {
    { auto schema = connectMigrated(); }
    const kiosk::ManualWallClock clock(kMorning);
    std::atomic<bool> issuing{true};
    std::atomic<int> issuersLeft{kIssuers};
    std::mutex guard;
    std::vector<std::string> failures;
    std::set<std::string> issued;
    std::multiset<std::string> called;
    auto fail = [&](const std::string& what) {
        std::lock_guard lock(guard);
        failures.push_back(what);
    };

    std::vector<std::thread> terminals;
    for (int kiosk = 0; kiosk < kIssuers; ++kiosk) {
        terminals.emplace_back([&, kiosk] {
            auto connection = PgConnection::open(connectionString_);
            if (!connection) {
                fail(connection.error().message);
                --issuersLeft;
                return;
            }
            CentreQueue line(*connection, clock);
            std::mt19937 random(static_cast<unsigned>(kiosk));
            std::vector<std::string> mine;
            while (issuing && mine.size() < kMaxTicketsPerKiosk) {
                const char service = static_cast<char>('A' + random() % 4);
                const auto priority =
                    random() % 5 == 0 ? kiosk::queue::Priority::Aged75Plus : kiosk::queue::Priority::None;
                auto ticket = line.issue(service, priority, "kiosk-" + std::to_string(kiosk));
                if (!ticket) {
                    fail(ticket.error().message);
                    break;
                }
                mine.push_back(ticket->id);
            }
            std::lock_guard lock(guard);
            issued.insert(mine.begin(), mine.end());
            --issuersLeft;
        });
    }
    for (int desk = 1; desk <= kDesks; ++desk) {
        terminals.emplace_back([&, desk] {
            auto connection = PgConnection::open(connectionString_);
            if (!connection) return fail(connection.error().message);
            CentreQueue line(*connection, clock);
            std::vector<std::string> mine;
            for (;;) {
                // Read before calling: empty after every issuer finished means drained for good.
                const bool issuersDone = issuersLeft == 0;
                auto next = line.callNext(desk);
                if (!next) return fail(next.error().message);
                if (!*next) {
                    if (issuersDone) break;
                    std::this_thread::sleep_for(1ms);
                    continue;
                }
                if (auto done = line.done((*next)->id); !done) return fail(done.error().message);
                mine.push_back((*next)->id);
            }
            std::lock_guard lock(guard);
            called.insert(mine.begin(), mine.end());
        });
    }
    std::this_thread::sleep_for(kIssuingTime);
    issuing = false;
    for (auto& terminal : terminals)
        terminal.join();

    EXPECT_EQ(failures, std::vector<std::string>{});
    // Enough traffic that a race would have had its chance (a loaded 2-core machine issued
    // 1,461 in the 4 s, an idle one reaches the cap of 1,200).
    EXPECT_GT(issued.size(), 200u);
    size_t calledTwice = 0;
    for (auto ticket = called.begin(); ticket != called.end(); ticket = called.upper_bound(*ticket))
        calledTwice += called.count(*ticket) > 1;
    size_t neverCalled = 0;
    for (const auto& ticket : issued)
        neverCalled += !called.contains(ticket);
    EXPECT_EQ(calledTwice, 0u) << "tickets called by more than one desk";
    EXPECT_EQ(neverCalled, 0u) << "tickets lost";
    EXPECT_EQ(called.size(), issued.size());

    auto check = connect();
    auto rows = check.query(
        "SELECT service, count(*), count(DISTINCT number), min(number), max(number), "
        "count(*) FILTER (WHERE status <> 'done') FROM ticket GROUP BY service ORDER BY service");
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    int64_t total = 0;
    for (int row = 0; row < rows->count(); ++row) {
        SCOPED_TRACE("service " + rows->text(row, 0));
        const int64_t count = rows->integer(row, 1);
        total += count;
        EXPECT_EQ(rows->integer(row, 2), count) << "a number was given twice";
        EXPECT_EQ(rows->integer(row, 3), 1);
        EXPECT_EQ(rows->integer(row, 4), count) << "a number was skipped";
        EXPECT_EQ(rows->integer(row, 5), 0) << "tickets not served";
    }
    EXPECT_EQ(total, static_cast<int64_t>(issued.size()));
    // Within a service, a later issue never got a smaller number.
    auto inversions = check.query(
        "SELECT count(*) FROM ticket a JOIN ticket b ON a.service = b.service AND a.day = b.day "
        "AND a.issue_order < b.issue_order AND a.number > b.number");
    ASSERT_TRUE(inversions.ok()) << inversions.error().message;
    EXPECT_EQ(inversions->integer(0, 0), 0);
    std::printf("[          ] %zu tickets issued by %d kiosks and served by %d desks\n", issued.size(),
                kIssuers, kDesks);
}
