// Faults a centre lives through: a frozen server (accepts, never answers), PostgreSQL stopped
// with `pg_ctl stop -m immediate` mid-run and started again, and one kiosk cut off for a while.
// Afterwards every ticket a citizen holds exists exactly once at the centre, numbers are unique
// per service and day, and the desks call the ones issued offline. Outages here last 2-5 s, not
// the 60 s of a real one: the lease and the deadlines behave the same, the suite stays short.
//
// Its own binary: it stops and freezes its server, which no other test should share.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreIssuer.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/TerminalHealth.h"
#include "support/PostgresCluster.h"
#include "support/TempDatabase.h"

using kiosk::centre::CentreIssuer;
using kiosk::centre::CentreQueue;
using kiosk::centre::IssuerSettings;
using kiosk::centre::PgConnection;
using kiosk::queue::Priority;
using namespace std::chrono_literals;

namespace {

constexpr const char* kNowhere = "host=/nonexistent-centre-socket port=1 user=postgres dbname=none";

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// SIGSTOP on the postmaster and every client backend: connections are accepted by the kernel
// and nothing ever answers, as with a hung machine. SIGCONT when it goes, whatever happened.
class FrozenServer {
public:
    explicit FrozenServer(const std::vector<pid_t>& processes) : processes_(processes) {
        for (const pid_t process : processes_)
            ::kill(process, SIGSTOP);
    }
    ~FrozenServer() {
        for (const pid_t process : processes_)
            ::kill(process, SIGCONT);
    }
    FrozenServer(const FrozenServer&) = delete;
    FrozenServer& operator=(const FrozenServer&) = delete;

private:
    std::vector<pid_t> processes_;
};

// What a kiosk handed out: ticket id -> label, and which were offline.
struct Handed {
    std::map<std::string, std::string> labels;
    std::set<std::string> offline;
    std::vector<std::string> failures;
};

class CentreFaultTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        {
            auto connection = connectMigrated();
            // The suite's server skips commit flushes for speed; a crash test needs a commit
            // acknowledged to be one (the database setting wins over the server's -c option).
            ASSERT_TRUE(
                connection.runScript("ALTER DATABASE " + database_ + " SET synchronous_commit = on").ok());
        }
        centre_.emplace(connect());
        localDir_ = test_support::freshDir("fault", test_support::currentTestName());
    }

    kiosk::store::Database journal(const std::string& kiosk) {
        auto opened = kiosk::store::Database::openInDirectory(localDir_ / kiosk);
        if (!opened) throw std::runtime_error(opened.error().message);
        return std::move(opened).value();
    }

    IssuerSettings settings(const std::string& kiosk, const std::string& connection) const {
        IssuerSettings chosen;
        chosen.connectionString = connection;
        chosen.kioskId = kiosk;
        // Enough for every ticket of the longest outage here (~45 per kiosk, split over two
        // services), so running out of leased numbers is never what a test measures.
        chosen.leaseSize = 60;
        chosen.refillBelow = 30;
        chosen.retryServerAfter = 300ms;
        return chosen;
    }

    std::vector<pid_t> serverProcesses() {
        std::vector<pid_t> processes = {centretest::cluster().postmasterPid()};
        auto backends = centre_->query(
            "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> "
            "pg_backend_pid()");
        EXPECT_TRUE(backends.ok());
        for (int row = 0; backends.ok() && row < backends->count(); ++row)
            processes.push_back(static_cast<pid_t>(backends->integer(row, 0)));
        return processes;
    }

    static void record(Handed& handed, const kiosk::Result<kiosk::centre::IssuedTicket>& issued) {
        if (!issued) {
            handed.failures.push_back(issued.error().code + ": " + issued.error().message);
            return;
        }
        handed.labels[issued->ticket.id] = issued->ticket.label();
        if (issued->offline) handed.offline.insert(issued->ticket.id);
    }

    // Calls until nobody waits; returns the ids called.
    std::vector<std::string> drain(int desk) {
        CentreQueue line(*centre_, clock_);
        std::vector<std::string> called;
        for (;;) {
            auto next = line.callNext(desk);
            EXPECT_TRUE(next.ok()) << next.error().message;
            if (!next.ok() || !*next) return called;
            called.push_back((*next)->id);
        }
    }

    // Every handed-out ticket exactly once at the centre, nothing else there, numbers unique.
    void expectExactlyOnce(const std::vector<Handed>& kiosks) {
        std::map<std::string, std::string> all;
        size_t offline = 0;
        for (const Handed& handed : kiosks) {
            all.insert(handed.labels.begin(), handed.labels.end());
            offline += handed.offline.size();
        }
        auto rows = centre_->query(
            "SELECT id::text, service || CASE WHEN number < 1000 THEN lpad(number::text, 3, '0') ELSE "
            "number::text END, issued_offline FROM ticket");
        ASSERT_TRUE(rows.ok()) << rows.error().message;
        std::set<std::string> labels;
        size_t offlineAtCentre = 0;
        for (int row = 0; row < rows->count(); ++row) {
            const std::string id = rows->text(row, 0);
            ASSERT_TRUE(all.contains(id)) << "the centre holds ticket " << id << " (" << rows->text(row, 1)
                                          << ") that no citizen was given";
            EXPECT_EQ(all[id], rows->text(row, 1)) << id;
            EXPECT_TRUE(labels.insert(rows->text(row, 1)).second) << rows->text(row, 1) << " twice";
            offlineAtCentre += rows->text(row, 2) == "t" ? 1 : 0;
        }
        EXPECT_EQ(static_cast<size_t>(rows->count()), all.size()) << "tickets lost";
        EXPECT_EQ(offlineAtCentre, offline);
    }

    kiosk::SystemWallClock clock_;
    std::optional<PgConnection> centre_;
    std::filesystem::path localDir_;
};

TEST_F(CentreFaultTest, AFrozenServerIsLeftForTheLeaseWithinTwoSeconds) {
    auto local = journal("kiosk-1");
    Handed handed;
    CentreIssuer kiosk(settings("kiosk-1", connectionString_), local, clock_);
    record(handed, kiosk.issue('A', Priority::None));  // online: the lease is taken
    ASSERT_TRUE(handed.failures.empty()) << handed.failures.front();
    {
        FrozenServer frozen(serverProcesses());
        // Connected: the statement's answer never comes.
        auto start = std::chrono::steady_clock::now();
        record(handed, kiosk.issue('A', Priority::None));
        const double connected = secondsSince(start);
        // Not connected yet: the server's startup answer never comes.
        CentreIssuer fresh(settings("kiosk-1", connectionString_), local, clock_);
        start = std::chrono::steady_clock::now();
        record(handed, fresh.issue('A', Priority::None));
        const double connecting = secondsSince(start);
        std::cout << "[ measured ] frozen server, connected kiosk: " << connected
                  << " s to a leased number; connecting kiosk: " << connecting << " s\n";
        RecordProperty("fallback_connected_s", std::to_string(connected));
        RecordProperty("fallback_connecting_s", std::to_string(connecting));
        EXPECT_LT(connected, 2.6);
        EXPECT_GE(connected, 1.9) << "the deadline is 2 s; faster means something else failed";
        EXPECT_LT(connecting, 2.6);
        ASSERT_TRUE(handed.failures.empty()) << handed.failures.front();
        EXPECT_EQ(handed.offline.size(), 2u);
    }
    // Thawed: the connection that timed out is gone; the next contact pushes the journal.
    std::this_thread::sleep_for(400ms);  // past retryServerAfter
    auto pushed = kiosk.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->pushed, 2);
    expectExactlyOnce({handed});
    EXPECT_EQ(drain(1).size(), 3u);
}

TEST_F(CentreFaultTest, IssuingRidesThroughAnImmediateStopAndRestart) {
    constexpr int kKiosks = 3;
    std::vector<kiosk::store::Database> journals;
    std::vector<std::unique_ptr<CentreIssuer>> kiosks;
    for (int k = 0; k < kKiosks; ++k)
        journals.push_back(journal("kiosk-" + std::to_string(k + 1)));
    for (int k = 0; k < kKiosks; ++k)
        kiosks.push_back(std::make_unique<CentreIssuer>(
            settings("kiosk-" + std::to_string(k + 1), connectionString_), journals[k], clock_));
    std::vector<Handed> handed(kKiosks);
    std::atomic<bool> running{true};
    std::vector<std::thread> threads;
    for (int k = 0; k < kKiosks; ++k) {
        threads.emplace_back([&, k] {
            for (int n = 0; running; ++n) {
                record(handed[k],
                       kiosks[k]->issue(n % 2 ? 'B' : 'A', n % 5 ? Priority::None : Priority::Disability));
                std::this_thread::sleep_for(60ms);
            }
        });
    }
    // A desk calling all along, reconnecting when the server is gone.
    std::vector<std::string> calledDuringRun;
    threads.emplace_back([&] {
        std::optional<PgConnection> desk;
        while (running) {
            std::this_thread::sleep_for(100ms);
            if (!desk || !desk->isOpen()) {
                auto opened = PgConnection::open(connectionString_, kiosk::centre::PgDeadlines{});
                if (!opened) continue;
                desk.emplace(std::move(opened).value());
            }
            CentreQueue line(*desk, clock_);
            auto called = line.callNext(4);
            if (!called) {
                desk.reset();
                continue;
            }
            if (*called) calledDuringRun.push_back((*called)->id);
        }
    });
    std::this_thread::sleep_for(1500ms);
    const auto stoppedAt = std::chrono::steady_clock::now();
    ASSERT_FALSE(centretest::cluster().stopImmediately().has_value());
    std::this_thread::sleep_for(2s);
    auto restartFailed = centretest::cluster().startAgain();
    const double down = secondsSince(stoppedAt);
    std::this_thread::sleep_for(1500ms);  // back online: pushes, new tickets, calls
    running = false;
    for (auto& thread : threads)
        thread.join();
    ASSERT_FALSE(restartFailed.has_value()) << *restartFailed;
    centre_.emplace(connect());

    size_t offline = 0;
    for (int k = 0; k < kKiosks; ++k) {
        EXPECT_TRUE(handed[k].failures.empty()) << "kiosk-" << k + 1 << ": " << handed[k].failures.front();
        offline += handed[k].offline.size();
        std::this_thread::sleep_for(350ms);
        auto pushed = kiosks[k]->push();
        ASSERT_TRUE(pushed.ok()) << pushed.error().message;
        EXPECT_EQ(pushed->waiting, 0);
    }
    std::cout << "[ measured ] server down " << down << " s; " << offline << " of "
              << handed[0].labels.size() + handed[1].labels.size() + handed[2].labels.size()
              << " tickets issued from leases\n";
    EXPECT_GT(offline, 0u) << "the stop did not reach the kiosks";
    expectExactlyOnce(handed);

    std::vector<std::string> called = calledDuringRun;
    for (const std::string& id : drain(5))
        called.push_back(id);
    EXPECT_EQ(std::set<std::string>(called.begin(), called.end()).size(), called.size())
        << "a ticket was called twice";
    auto waiting = centre_->query("SELECT count(*) FROM ticket WHERE status = 'waiting'");
    ASSERT_TRUE(waiting.ok());
    EXPECT_EQ(waiting->integer(0, 0), 0);
}

TEST_F(CentreFaultTest, AKioskCutOffForAWhileLosesNothingAndTheDesksCallItsTickets) {
    auto journalOne = journal("kiosk-1");
    auto journalTwo = journal("kiosk-2");
    CentreIssuer kioskOne(settings("kiosk-1", connectionString_), journalOne, clock_);
    CentreIssuer kioskTwo(settings("kiosk-2", connectionString_), journalTwo, clock_);
    std::vector<Handed> handed(2);
    record(handed[0], kioskOne.issue('A', Priority::None));
    record(handed[1], kioskTwo.issue('A', Priority::None));

    // Kiosk 2's cable is out for 5 s: it reaches nothing, the others carry on.
    CentreIssuer kioskTwoCutOff(settings("kiosk-2", kNowhere), journalTwo, clock_);
    CentreQueue desk(*centre_, clock_);
    std::vector<std::string> called;
    const auto cutAt = std::chrono::steady_clock::now();
    for (int round = 0; secondsSince(cutAt) < 5.0; ++round) {
        record(handed[1], kioskTwoCutOff.issue('A', Priority::None));
        record(handed[0], kioskOne.issue('A', Priority::None));
        if (round % 2 == 0) {
            auto next = desk.callNext(2);
            ASSERT_TRUE(next.ok()) << next.error().message;
            if (*next) called.push_back((*next)->id);
        }
        std::this_thread::sleep_for(250ms);
    }
    // Meanwhile the desk sees kiosk 2 as offline.
    auto health = kiosk::centre::terminalHealth(*centre_, clock_.localDay(clock_.now()), 3s);
    ASSERT_TRUE(health.ok()) << health.error().message;
    for (const auto& terminal : *health) {
        EXPECT_EQ(terminal.offline, terminal.id == "kiosk-2") << terminal.id;
    }
    EXPECT_GE(handed[1].offline.size(), 15u);
    for (const Handed& kiosk : handed)
        ASSERT_TRUE(kiosk.failures.empty()) << kiosk.failures.front();

    // Back: its next ticket pushes the journal first.
    record(handed[1], kioskTwo.issue('A', Priority::None));
    ASSERT_TRUE(handed[1].failures.empty()) << handed[1].failures.front();
    expectExactlyOnce(handed);
    health = kiosk::centre::terminalHealth(*centre_, clock_.localDay(clock_.now()), 3s);
    ASSERT_TRUE(health.ok());
    for (const auto& terminal : *health) {
        if (terminal.id != "kiosk-2") continue;
        EXPECT_FALSE(terminal.offline);
        EXPECT_EQ(terminal.offlineTicketsToday, static_cast<int64_t>(handed[1].offline.size()));
    }
    for (const std::string& id : drain(3))
        called.push_back(id);
    EXPECT_EQ(std::set<std::string>(called.begin(), called.end()).size(), called.size());
    EXPECT_EQ(called.size(), handed[0].labels.size() + handed[1].labels.size());
    for (const std::string& id : handed[1].offline)
        EXPECT_NE(std::find(called.begin(), called.end(), id), called.end()) << id << " never called";
}

TEST_F(CentreFaultTest, AnIssueCutOffDuringItsCommitLeavesNoTicketThatNobodyHolds) {
    // A commit that takes 3 s (a deferred trigger sleeps): the kiosk gives up after 2 s and
    // hands out a leased number, while the server goes on and commits the first ticket.
    ASSERT_TRUE(
        centre_
            ->runScript("CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
                        "$$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$; "
                        "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON ticket "
                        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                        "WHEN (NEW.number = 2 AND NOT NEW.issued_offline) EXECUTE FUNCTION slow_commit()")
            .ok());
    auto local = journal("kiosk-1");
    Handed handed;
    CentreIssuer kiosk(settings("kiosk-1", connectionString_), local, clock_);
    record(handed, kiosk.issue('A', Priority::None));  // A001, online
    const auto start = std::chrono::steady_clock::now();
    record(handed, kiosk.issue('A', Priority::None));  // A002's commit hangs: a leased number
    EXPECT_LT(secondsSince(start), 2.6);
    ASSERT_TRUE(handed.failures.empty()) << handed.failures.front();
    ASSERT_EQ(handed.offline.size(), 1u);
    std::this_thread::sleep_for(1500ms);  // the server has committed A002 by now
    auto ghost = centre_->query("SELECT count(*) FROM ticket WHERE number = 2");
    ASSERT_TRUE(ghost.ok());
    EXPECT_EQ(ghost->integer(0, 0), 1) << "the slow commit should have completed";

    auto pushed = kiosk.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->voided, 1);
    EXPECT_EQ(pushed->pushed, 1);
    expectExactlyOnce({handed});
    auto voided = centre_->query("SELECT count(*) FROM province_outbox WHERE kind = 'ticket.voided'");
    ASSERT_TRUE(voided.ok());
    EXPECT_EQ(voided->integer(0, 0), 1);
}

}  // namespace
