// A kiosk never stops issuing: online through the centre, from its leased numbers while the
// centre cannot be reached, pushed back once and only once; broken-off issues voided; silent
// terminals shown offline. On a real PostgreSQL; the kiosk's journal is a real SQLite file.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreIssuer.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/LeaseJournal.h"
#include "kiosk/centre/TerminalHealth.h"
#include "support/TempDatabase.h"

using kiosk::centre::CentreIssuer;
using kiosk::centre::CentreQueue;
using kiosk::centre::IssuerSettings;
using kiosk::queue::Priority;
using namespace std::chrono_literals;

namespace {

// 09:00 in Vietnam on 2026-12-03.
const kiosk::WallTime kMorning{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 2h};
constexpr const char* kDay = "2026-12-03";
// No server listens here: connecting fails at once, like a centre whose machine is off.
constexpr const char* kNowhere = "host=/nonexistent-centre-socket port=1 user=postgres dbname=none";

class CentreIssuerTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        centre_.emplace(connectMigrated());
        localDir_ = test_support::freshDir("issuer", test_support::currentTestName());
        journal_.emplace(openJournal("kiosk-1"));
    }

    kiosk::store::Database openJournal(const std::string& name) {
        auto opened = kiosk::store::Database::openInDirectory(localDir_ / name);
        if (!opened) throw std::runtime_error(opened.error().message);
        return std::move(opened).value();
    }

    IssuerSettings settings(const std::string& kiosk, bool reachable = true) const {
        IssuerSettings chosen;
        chosen.connectionString = reachable ? connectionString_ : kNowhere;
        chosen.kioskId = kiosk;
        chosen.leaseSize = 5;
        chosen.refillBelow = 2;
        chosen.retryServerAfter = 0ms;
        return chosen;
    }

    int64_t scalar(const std::string& sql) {
        auto rows = centre_->query(sql);
        EXPECT_TRUE(rows.ok()) << rows.error().message;
        return rows.ok() ? rows->integer(0, 0) : -1;
    }

    kiosk::ManualWallClock clock_{kMorning};
    std::optional<kiosk::centre::PgConnection> centre_;
    std::filesystem::path localDir_;
    std::optional<kiosk::store::Database> journal_;
};

TEST_F(CentreIssuerTest, OnlineTicketsComeFromTheCentreAndALeaseIsKeptAhead) {
    CentreIssuer issuer(settings("kiosk-1"), *journal_, clock_);
    auto first = issuer.issue('A', Priority::None);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_FALSE(first->offline);
    EXPECT_EQ(first->ticket.label(), "A001");
    EXPECT_FALSE(issuer.offline());
    // The lease is A9995-A9999, from the top: online numbers go on without a gap and never reach it.
    EXPECT_EQ(scalar("SELECT first_number FROM number_lease WHERE kiosk = 'kiosk-1'"), 9995);
    EXPECT_EQ(scalar("SELECT last_number FROM number_lease WHERE kiosk = 'kiosk-1'"), 9999);
    CentreQueue other(*centre_, clock_);
    auto elsewhere = other.issue('A', Priority::None, "kiosk-2");
    ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().message;
    EXPECT_EQ(elsewhere->label(), "A002");
    auto left = kiosk::centre::LeaseJournal(*journal_).numbersLeft(kDay, 'A');
    ASSERT_TRUE(left.ok());
    EXPECT_EQ(*left, 5);
}

TEST_F(CentreIssuerTest, AnUnreachableCentreIssuesFromTheLeaseAndEveryTicketIsPushedOnce) {
    {
        CentreIssuer online(settings("kiosk-1"), *journal_, clock_);
        ASSERT_TRUE(online.issue('A', Priority::None).ok());  // A001, leases A9995-A9999
    }
    CentreIssuer cutOff(settings("kiosk-1", false), *journal_, clock_);
    std::set<std::string> offlineIds;
    for (const char* expected : {"A9995", "A9996"}) {
        const auto started = std::chrono::steady_clock::now();
        auto ticket = cutOff.issue('A', Priority::Aged75Plus);
        ASSERT_TRUE(ticket.ok()) << ticket.error().message;
        EXPECT_TRUE(ticket->offline);
        EXPECT_TRUE(cutOff.offline());
        EXPECT_EQ(ticket->ticket.label(), expected);
        EXPECT_LT(std::chrono::steady_clock::now() - started, 1s)
            << "a refused connection is no reason to wait";
        offlineIds.insert(ticket->ticket.id);
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket"), 1) << "the centre knows nothing of them yet";

    CentreIssuer back(settings("kiosk-1"), *journal_, clock_);
    auto pushed = back.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->pushed, 2);
    EXPECT_EQ(pushed->waiting, 0);
    auto again = back.push();
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->pushed, 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket WHERE issued_offline AND priority = 'aged_75_plus' "
                     "AND number IN (9995, 9996) AND kiosk = 'kiosk-1'"),
              2);

    // A push repeated after a crash between the centre's commit and the local mark counts once.
    ASSERT_TRUE(journal_->exec("UPDATE centre_journal SET pushed_at_ms = NULL").ok());
    auto replayed = back.push();
    ASSERT_TRUE(replayed.ok()) << replayed.error().message;
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket"), 3);
    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox WHERE kind = 'ticket.issued'"), 3);

    // The desks call them like any other ticket.
    CentreQueue desk(*centre_, clock_);
    std::set<std::string> called;
    for (int call = 0; call < 3; ++call) {
        auto next = desk.callNext(1);
        ASSERT_TRUE(next.ok() && *next) << (next.ok() ? "nobody waits" : next.error().message);
        called.insert((*next)->id);
    }
    for (const std::string& id : offlineIds)
        EXPECT_TRUE(called.contains(id)) << id;
}

// Where "Get help" was pressed and the household of a scanned card travel with the ticket,
// online or journaled and pushed later, so the centre's sheet and household count have them; a
// raw ID number instead of a household key is never stored, offline either.
TEST_F(CentreIssuerTest, OriginAndHouseholdKeyTravelWithTheTicketOnlineAndFromTheLease) {
    const std::string household(64, 'c');  // synthetic: a digest's shape
    const kiosk::centre::TicketTags tags{"walkthrough:vneid-level1/nfc", household};
    {
        CentreIssuer online(settings("kiosk-1"), *journal_, clock_);
        auto first = online.issue('A', Priority::None, tags);
        ASSERT_TRUE(first.ok()) << first.error().message;
        EXPECT_FALSE(first->offline);
        auto raw = online.issue('A', Priority::None, {"", "001234567890"});
        ASSERT_FALSE(raw.ok());
        EXPECT_EQ(raw.error().code, "queue.bad_household_key");
    }
    CentreIssuer cutOff(settings("kiosk-1", false), *journal_, clock_);
    auto offline = cutOff.issue('A', Priority::None, {"scan", household});
    ASSERT_TRUE(offline.ok()) << offline.error().message;
    EXPECT_TRUE(offline->offline);
    auto raw = cutOff.issue('A', Priority::None, {"", "001234567890"});
    ASSERT_FALSE(raw.ok());
    EXPECT_EQ(raw.error().code, "queue.bad_household_key");

    CentreIssuer back(settings("kiosk-1"), *journal_, clock_);
    ASSERT_TRUE(back.push().ok());
    auto rows = centre_->query(
        "SELECT number, origin, household_key, issued_offline FROM ticket ORDER BY issue_order");
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->count(), 2);
    EXPECT_EQ(rows->integer(0, 0), 1);
    EXPECT_EQ(rows->text(0, 1), "walkthrough:vneid-level1/nfc");
    EXPECT_EQ(rows->text(0, 2), household);
    EXPECT_EQ(rows->text(1, 1), "scan");
    EXPECT_EQ(rows->text(1, 2), household);
    EXPECT_EQ(rows->text(1, 3), "t");
    EXPECT_EQ(scalar("SELECT count(DISTINCT household_key) FROM ticket"), 1);
}

TEST_F(CentreIssuerTest, OfflineAndOnlineKiosksNeverShareANumber) {
    auto secondJournal = openJournal("kiosk-2");
    CentreIssuer kioskOne(settings("kiosk-1"), *journal_, clock_);
    CentreIssuer kioskTwo(settings("kiosk-2"), secondJournal, clock_);
    ASSERT_TRUE(kioskOne.issue('B', Priority::None).ok());
    ASSERT_TRUE(kioskTwo.issue('B', Priority::None).ok());
    CentreIssuer kioskOneCutOff(settings("kiosk-1", false), *journal_, clock_);
    std::multiset<int> numbers;
    for (int round = 0; round < 4; ++round) {
        auto offline = kioskOneCutOff.issue('B', Priority::None);
        ASSERT_TRUE(offline.ok()) << offline.error().message;
        ASSERT_TRUE(offline->offline);
        numbers.insert(offline->ticket.number);
        auto online = kioskTwo.issue('B', Priority::None);
        ASSERT_TRUE(online.ok()) << online.error().message;
        ASSERT_FALSE(online->offline);
        numbers.insert(online->ticket.number);
    }
    ASSERT_TRUE(kioskOne.push().ok());
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket WHERE service = 'B'"), 10);
    EXPECT_EQ(scalar("SELECT count(DISTINCT number) FROM ticket WHERE service = 'B'"), 10);
    for (const int number : numbers)
        EXPECT_EQ(numbers.count(number), 1u) << number;
}

TEST_F(CentreIssuerTest, AnUsedUpLeaseSaysSoAndWaitsForTheCentre) {
    {
        CentreIssuer online(settings("kiosk-1"), *journal_, clock_);
        ASSERT_TRUE(online.issue('C', Priority::None).ok());
    }
    CentreIssuer cutOff(settings("kiosk-1", false), *journal_, clock_);
    for (int leased = 0; leased < 5; ++leased)
        ASSERT_TRUE(cutOff.issue('C', Priority::None).ok());
    auto none = cutOff.issue('C', Priority::None);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "centre.no_lease");
    EXPECT_NE(none.error().message.find("volunteer"), std::string::npos) << none.error().message;
    // A service never leased has nothing to give either, and says the same.
    auto never = cutOff.issue('D', Priority::None);
    ASSERT_FALSE(never.ok());
    EXPECT_EQ(never.error().code, "centre.no_lease");
}

TEST_F(CentreIssuerTest, ARefusalByTheCentreIsAnErrorNotAnOfflineTicket) {
    CentreIssuer issuer(settings("kiosk-1"), *journal_, clock_);
    ASSERT_TRUE(issuer.issue('A', Priority::None).ok());
    // Online numbers have reached the lease (A9995-A9999): the day is full, and nothing is
    // issued offline instead, since the server did answer.
    ASSERT_TRUE(centre_->run("UPDATE ticket_counter SET last_number = 9994").ok());
    auto full = issuer.issue('A', Priority::None);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "queue.day_full");
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket"), 1);
}

TEST_F(CentreIssuerTest, ABrokenOffIssueIsRemovedOnceItsServerProcessHasEnded) {
    // The ticket an issue committed just as its connection broke: nobody holds it.
    auto brokenConnection = connect();
    auto pid = brokenConnection.query("SELECT pg_backend_pid()");
    ASSERT_TRUE(pid.ok());
    CentreQueue line(brokenConnection, clock_);
    auto ghost = line.issue('A', Priority::None, "kiosk-1");
    ASSERT_TRUE(ghost.ok()) << ghost.error().message;
    auto called = line.issue('A', Priority::None, "kiosk-1");  // one a desk already called
    ASSERT_TRUE(called.ok());
    ASSERT_TRUE(
        centre_->run("UPDATE ticket SET status = 'called', desk = 1 WHERE id = $1::uuid", {called->id}).ok());
    kiosk::centre::LeaseJournal journal(*journal_);
    const int backend = static_cast<int>(pid->integer(0, 0));
    ASSERT_TRUE(journal.noteUnsure({ghost->id, backend}).ok());
    ASSERT_TRUE(journal.noteUnsure({called->id, backend}).ok());

    CentreIssuer issuer(settings("kiosk-1"), *journal_, clock_);
    // Its server process still runs (it could still commit): ended first, then removed.
    auto pushed = issuer.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->voided, 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox WHERE kind = 'ticket.voided'"), 1);
    auto left = journal.unsureTickets();
    ASSERT_TRUE(left.ok());
    EXPECT_TRUE(left->empty());
}

TEST_F(CentreIssuerTest, SilentTerminalsAreOfflineAndLateTicketsAreCounted) {
    {
        CentreIssuer online(settings("kiosk-1"), *journal_, clock_);
        ASSERT_TRUE(online.issue('A', Priority::None).ok());
        CentreIssuer cutOff(settings("kiosk-1", false), *journal_, clock_);
        ASSERT_TRUE(cutOff.issue('A', Priority::None).ok());
        ASSERT_TRUE(cutOff.issue('A', Priority::None).ok());
        ASSERT_TRUE(online.push().ok());
    }
    CentreQueue line(*centre_, clock_);
    ASSERT_TRUE(line.callNext(3).ok());
    ASSERT_TRUE(
        centre_->run("UPDATE terminal SET last_contact = now() - interval '5 minutes' WHERE id = 'kiosk-1'")
            .ok());
    auto health = kiosk::centre::terminalHealth(*centre_, kDay, 90s);
    ASSERT_TRUE(health.ok()) << health.error().message;
    ASSERT_EQ(health->size(), 2u);
    const auto& desk = (*health)[0];
    const auto& kiosk = (*health)[1];
    EXPECT_EQ(desk.id, "desk-3");
    EXPECT_FALSE(desk.offline);
    EXPECT_EQ(kiosk.id, "kiosk-1");
    EXPECT_TRUE(kiosk.offline);
    EXPECT_GE(kiosk.secondsSilent, 299);
    EXPECT_EQ(kiosk.offlineTicketsToday, 2);
}

TEST_F(CentreIssuerTest, KeepingInTouchPushesTheJournalAndLeasesEveryServiceForTodayAndTomorrow) {
    {
        CentreIssuer online(settings("kiosk-1"), *journal_, clock_);
        ASSERT_TRUE(online.issue('A', Priority::None).ok());
    }
    CentreIssuer cutOff(settings("kiosk-1", false), *journal_, clock_);
    ASSERT_TRUE(cutOff.issue('A', Priority::None).ok());
    EXPECT_FALSE(cutOff.keepInTouch("AB").ok()) << "nothing to reach";

    CentreIssuer back(settings("kiosk-1"), *journal_, clock_);
    ASSERT_TRUE(centre_->run("UPDATE terminal SET last_contact = now() - interval '1 hour'").ok());
    auto kept = back.keepInTouch("AB");
    ASSERT_TRUE(kept.ok()) << kept.error().message;
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket WHERE issued_offline"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM terminal WHERE last_contact > now() - interval '1 minute'"), 1);
    kiosk::centre::LeaseJournal journal(*journal_);
    EXPECT_EQ(*journal.numbersLeft(kDay, 'A'), 4) << "A had 4 of 5 left, enough: no new lease";
    EXPECT_EQ(*journal.numbersLeft(kDay, 'B'), 5);

    // Tomorrow is leased too: a centre whose server is down at opening still issues, and
    // tomorrow's online numbers still start at 001.
    EXPECT_EQ(*journal.numbersLeft("2026-12-04", 'A'), 5);
    clock_.advance(24h);
    CentreIssuer nextMorningCutOff(settings("kiosk-1", false), *journal_, clock_);
    auto early = nextMorningCutOff.issue('A', Priority::None);
    ASSERT_TRUE(early.ok()) << early.error().message;
    EXPECT_TRUE(early->offline);
    EXPECT_EQ(early->ticket.day, "2026-12-04");
    EXPECT_EQ(early->ticket.label(), "A9995");
    CentreIssuer nextMorning(settings("kiosk-1"), *journal_, clock_);
    auto first = nextMorning.issue('A', Priority::None);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->ticket.label(), "A001");
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket WHERE day = '2026-12-04'"), 2);
}

TEST_F(CentreIssuerTest, AJournaledTicketTheCentreRefusesDoesNotStopIssuing) {
    {
        CentreIssuer online(settings("kiosk-1"), *journal_, clock_);
        ASSERT_TRUE(online.issue('A', Priority::None).ok());
    }
    CentreIssuer cutOff(settings("kiosk-1", false), *journal_, clock_);
    auto offline = cutOff.issue('A', Priority::None);
    ASSERT_TRUE(offline.ok()) << offline.error().message;
    ASSERT_EQ(offline->ticket.label(), "A9995");
    // Something else holds A9995 at the centre: never by design, but a hand edit or a bug must
    // not stop the kiosk.
    ASSERT_TRUE(centre_
                    ->run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk) VALUES "
                          "(gen_random_uuid(), '2026-12-03', 'A', 9995, 'none', 'waiting', 'by-hand')")
                    .ok());
    CentreIssuer back(settings("kiosk-1"), *journal_, clock_);
    auto next = back.issue('A', Priority::None);
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_FALSE(next->offline);
    EXPECT_EQ(next->ticket.label(), "A002");
    auto waiting = kiosk::centre::LeaseJournal(*journal_).unpushed();
    ASSERT_TRUE(waiting.ok());
    EXPECT_EQ(waiting->size(), 1u) << "kept for a technician, never dropped";
}

}  // namespace
