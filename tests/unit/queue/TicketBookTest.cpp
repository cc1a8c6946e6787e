#include "kiosk/queue/TicketBook.h"

#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "unit/queue/QueueTestSupport.h"

using kiosk::ManualWallClock;
using kiosk::queue::Priority;
using kiosk::queue::QueuePolicy;
using kiosk::queue::Ticket;
using kiosk::queue::TicketBook;
using kiosk::queue::TicketState;
using kiosk::store::Database;
using namespace std::chrono_literals;
using queue_test::vietnamTime;

namespace {

class TicketBookTest : public testing::Test {
protected:
    void SetUp() override {
        auto opened = Database::openInDirectory(
            queue_test::freshDir(testing::UnitTest::GetInstance()->current_test_info()->name()));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(*opened));
        book_.emplace(*database_, queue_test::testServices(), clock_, policy_);
    }

    void usePolicy(QueuePolicy policy) {
        book_.emplace(*database_, queue_test::testServices(), clock_, policy);
    }

    Ticket issue(char service, Priority priority = Priority::None) {
        auto ticket = book_->issue(service, priority);
        EXPECT_TRUE(ticket.ok()) << ticket.error().message;
        return ticket.ok() ? *ticket : Ticket{};
    }

    // Labels of the tickets called one after another until nobody waits (or `limit` calls).
    std::vector<std::string> callAll(std::string_view services = {}, int limit = 100) {
        std::vector<std::string> labels;
        for (int i = 0; i < limit; ++i) {
            auto called = book_->callNext("desk-1", services);
            EXPECT_TRUE(called.ok()) << called.error().message;
            if (!called.ok() || !called->has_value()) break;
            labels.push_back((*called)->label());
            EXPECT_TRUE(book_->done((*called)->id).ok());
        }
        return labels;
    }

    Ticket callNext(std::string_view services = {}) {
        auto called = book_->callNext("desk-1", services);
        EXPECT_TRUE(called.ok() && called->has_value());
        return called.ok() && called->has_value() ? **called : Ticket{};
    }

    ManualWallClock clock_{vietnamTime(23, 9, 0)};
    QueuePolicy policy_;
    std::optional<Database> database_;
    std::optional<TicketBook> book_;
};

std::vector<std::string> labels(const std::vector<Ticket>& tickets) {
    std::vector<std::string> result;
    for (const Ticket& ticket : tickets)
        result.push_back(ticket.label());
    return result;
}

}  // namespace

// ----- Numbering ---------------------------------------------------------------------------------

TEST_F(TicketBookTest, IssuesGapFreeNumbersPerService) {
    EXPECT_EQ(issue('A').label(), "A001");
    EXPECT_EQ(issue('A').label(), "A002");
    EXPECT_EQ(issue('B').label(), "B001");
    EXPECT_EQ(issue('A', Priority::Pregnant).label(), "A003");
    EXPECT_EQ(issue('B').label(), "B002");
    const Ticket ticket = issue('C');
    EXPECT_EQ(ticket.label(), "C001");
    EXPECT_EQ(ticket.day, "2026-11-23");
    EXPECT_EQ(ticket.state, TicketState::Waiting);
    EXPECT_EQ(ticket.issuedAt, vietnamTime(23, 9, 0));
    EXPECT_TRUE(queue_test::queueProblems(*database_, {}).empty());
}

TEST_F(TicketBookTest, IssuedTicketIsStoredAsReturned) {
    const Ticket issued = issue('B', Priority::Aged75Plus);
    auto stored = book_->find(issued.id);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    EXPECT_EQ(stored->label(), "B001");
    EXPECT_EQ(stored->day, issued.day);
    EXPECT_EQ(stored->priority, Priority::Aged75Plus);
    EXPECT_EQ(stored->issuedAt, issued.issuedAt);
    EXPECT_FALSE(stored->householdKey.has_value());
}

TEST_F(TicketBookTest, NumbersRestartAtLocalMidnightNotUtcMidnight) {
    // 23:59:59 in Vietnam is 16:59:59 UTC: the UTC day does not change at local midnight.
    clock_.set(vietnamTime(23, 23, 59, 59));
    const Ticket late = issue('A');
    EXPECT_EQ(late.label(), "A001");
    EXPECT_EQ(issue('A').label(), "A002");
    clock_.advance(2s);
    const Ticket nextDay = issue('A');
    EXPECT_EQ(nextDay.label(), "A001");
    EXPECT_EQ(late.day, "2026-11-23");
    EXPECT_EQ(nextDay.day, "2026-11-24");
    EXPECT_EQ(issue('B').label(), "B001");
}

TEST_F(TicketBookTest, ClockJumpingBackPastMidnightKeepsTheNewDay) {
    clock_.set(vietnamTime(24, 0, 0, 30));
    EXPECT_EQ(issue('A').label(), "A001");
    EXPECT_EQ(issue('A').label(), "A002");
    clock_.set(vietnamTime(23, 23, 59, 0));  // NTP sets the clock back a minute and a half
    const Ticket afterJump = issue('A');
    EXPECT_EQ(afterJump.label(), "A003");
    EXPECT_EQ(afterJump.day, "2026-11-24");
    auto day = book_->businessDay();
    ASSERT_TRUE(day.ok());
    EXPECT_EQ(*day, "2026-11-24");
    clock_.set(vietnamTime(25, 7, 0));
    EXPECT_EQ(issue('A').label(), "A001");
    EXPECT_TRUE(queue_test::queueProblems(*database_, {}).empty());
}

TEST_F(TicketBookTest, ClockCorrectedBackByDaysFollowsTheClockWithoutReusingNumbers) {
    clock_.set(vietnamTime(28, 9, 0));  // the date was set wrong, five days ahead
    EXPECT_EQ(issue('A').label(), "A001");
    clock_.set(vietnamTime(23, 9, 5));  // a technician corrects it
    const Ticket corrected = issue('A');
    EXPECT_EQ(corrected.label(), "A001");
    EXPECT_EQ(corrected.day, "2026-11-23");
    EXPECT_EQ(callAll(), (std::vector<std::string>{"A001"}));
    clock_.set(vietnamTime(28, 9, 0));  // five days later, that day continues after its A001
    EXPECT_EQ(issue('A').label(), "A002");
    EXPECT_TRUE(queue_test::queueProblems(*database_, {}).empty());
}

TEST_F(TicketBookTest, IssueOnAFullDiskConfirmsNothingAndUsesNoNumber) {
    EXPECT_EQ(issue('A').label(), "A001");
    auto pages = database_->prepare("PRAGMA page_count");
    ASSERT_TRUE(pages.ok() && pages->step().ok());
    ASSERT_TRUE(database_->limitPageCount(pages->columnInt(0)).ok());
    kiosk::Status failed = kiosk::success();
    int issued = 1;
    for (int i = 0; i < 5000 && failed.ok(); ++i) {
        auto ticket = book_->issue('A', Priority::None, std::string(120, 'k'));
        if (ticket.ok()) {
            ++issued;
            EXPECT_EQ(ticket->number, issued);
        } else {
            failed = ticket.error();
        }
    }
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "store.disk_full");
    ASSERT_TRUE(database_->limitPageCount(1000000).ok());
    auto next = book_->issue('A');
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_EQ(next->number, issued + 1);
    EXPECT_TRUE(queue_test::queueProblems(*database_, {}).empty());
}

TEST(WallClock, ParsesAndFormatsLocalDays) {
    using namespace std::chrono;
    const auto day = kiosk::parseDay("2028-02-29");
    ASSERT_TRUE(day.has_value());
    EXPECT_EQ(kiosk::formatDay(*day), "2028-02-29");
    EXPECT_EQ(kiosk::formatDay(*day + days(1)), "2028-03-01");
    EXPECT_FALSE(kiosk::parseDay("2026-02-29").has_value());
    EXPECT_FALSE(kiosk::parseDay("2026-1-01").has_value());
    EXPECT_FALSE(kiosk::parseDay("2026-01-01x").has_value());
    EXPECT_FALSE(kiosk::parseDay("").has_value());
    const ManualWallClock clock(vietnamTime(23, 6, 59, 59));
    EXPECT_EQ(clock.localDay(vietnamTime(23, 0, 0)), "2026-11-23");  // 17:00 UTC the day before
    EXPECT_EQ(clock.localDay(vietnamTime(22, 23, 59, 59)), "2026-11-22");
}

TEST(WallClock, SystemClockNamesTheDayInTheSystemTimeZone) {
    const char* before = std::getenv("TZ");
    const std::string saved = before ? before : "";
    ::setenv("TZ", "UTC-7", 1);  // POSIX spelling of UTC+7, Vietnam's offset; needs no tzdata
    ::tzset();
    const kiosk::SystemWallClock clock;
    EXPECT_EQ(clock.localDay(vietnamTime(23, 0, 0)), "2026-11-23");
    EXPECT_EQ(clock.localDay(vietnamTime(22, 23, 59, 59)), "2026-11-22");
    if (before) {
        ::setenv("TZ", saved.c_str(), 1);
    } else {
        ::unsetenv("TZ");
    }
    ::tzset();
}

TEST_F(TicketBookTest, ClockJumpingBackWithinTheDayDoesNotReorderTheLine) {
    issue('A');  // A001 at 09:00
    clock_.set(vietnamTime(23, 8, 0));
    const Ticket second = issue('A');  // issued "earlier" by the clock
    EXPECT_EQ(second.label(), "A002");
    EXPECT_EQ(callAll(), (std::vector<std::string>{"A001", "A002"}));
}

TEST_F(TicketBookTest, NumberingContinuesAfterRestart) {
    issue('A');
    issue('A');
    book_.reset();
    const auto dir = database_->file().parent_path();
    database_.reset();
    auto reopened = Database::openInDirectory(dir);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    TicketBook book(*reopened, queue_test::testServices(), clock_);
    auto ticket = book.issue('A');
    ASSERT_TRUE(ticket.ok());
    EXPECT_EQ(ticket->label(), "A003");
}

TEST_F(TicketBookTest, RefusesAServiceThatDoesNotExist) {
    auto ticket = book_->issue('Z');
    ASSERT_FALSE(ticket.ok());
    EXPECT_EQ(ticket.error().code, "queue.unknown_service");
    EXPECT_EQ(issue('A').label(), "A001");  // the refused one took no number
}

TEST_F(TicketBookTest, StopsAt999TicketsPerServiceAndDay) {
    ASSERT_TRUE(database_
                    ->exec("INSERT INTO ticket(day, letter, number, service, priority, state, issued_at_ms) "
                           "VALUES('2026-11-23', 'A', 999, 'A', 'none', 'done', 0)")
                    .ok());
    auto ticket = book_->issue('A');
    ASSERT_FALSE(ticket.ok());
    EXPECT_EQ(ticket.error().code, "queue.day_full");
    EXPECT_EQ(issue('B').label(), "B001");
}

TEST_F(TicketBookTest, StoresAHouseholdKeyButRefusesRawNumbers) {
    const std::string key = "3f1a9c0e5b7d2f48a6c1e0b9d8f7a6c53f1a9c0e5b7d2f48a6c1e0b9d8f7a6c5";
    auto withKey = book_->issue('A', Priority::None, key);
    ASSERT_TRUE(withKey.ok()) << withKey.error().message;
    auto stored = book_->find(withKey->id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->householdKey, key);

    for (const std::string raw : {"001204012345", "0912345678", "short-key"}) {
        auto refused = book_->issue('A', Priority::None, raw);
        ASSERT_FALSE(refused.ok()) << raw;
        EXPECT_EQ(refused.error().code, "queue.bad_household_key");
    }
    auto count = database_->prepare("SELECT count(*) FROM ticket");
    ASSERT_TRUE(count.ok() && count->step().ok());
    EXPECT_EQ(count->columnInt(0), 1);
}

// ----- Priorities and the call policy ------------------------------------------------------------

TEST_F(TicketBookTest, CallsOnePriorityPerTwoNormalOldestFirst) {
    issue('A');                        // A001
    issue('A');                        // A002
    issue('A');                        // A003
    issue('A', Priority::Aged75Plus);  // A004
    issue('A');                        // A005
    issue('A', Priority::Disability);  // A006
    issue('A', Priority::SmallChild);  // A007
    EXPECT_EQ(callAll(), (std::vector<std::string>{"A004", "A001", "A002", "A006", "A003", "A005", "A007"}));
}

TEST_F(TicketBookTest, InterleaveRatioIsConfigurable) {
    QueuePolicy policy;
    policy.interleave = {1, 1};
    usePolicy(policy);
    issue('A');
    issue('A');
    issue('A');
    issue('B', Priority::Pregnant);
    issue('B', Priority::Pregnant);
    EXPECT_EQ(callAll(), (std::vector<std::string>{"B001", "A001", "B002", "A002", "A003"}));
}

TEST_F(TicketBookTest, InterleaveContinuesAcrossCallsAndRestarts) {
    issue('A', Priority::Pregnant);
    issue('A');
    EXPECT_EQ(callNext().label(), "A001");
    EXPECT_EQ(callNext().label(), "A002");
    // A new book (a restart) reads the run of calls from the database: one normal so far.
    usePolicy({});
    issue('A', Priority::Pregnant);  // A003
    issue('A');                      // A004
    EXPECT_EQ(callAll(), (std::vector<std::string>{"A004", "A003"}));
}

TEST_F(TicketBookTest, DeskCallsOnlyFromItsServices) {
    issue('A');
    issue('B');
    issue('C', Priority::Aged75Plus);
    EXPECT_EQ(callAll("AC"), (std::vector<std::string>{"C001", "A001"}));
    EXPECT_EQ(callAll("B"), (std::vector<std::string>{"B001"}));
}

TEST_F(TicketBookTest, CallNextWithNobodyWaitingGivesNothing) {
    auto called = book_->callNext("desk-1");
    ASSERT_TRUE(called.ok());
    EXPECT_FALSE(called->has_value());
}

TEST_F(TicketBookTest, CallRecordsDeskAndOnlyCalledTicketsCanBeDone) {
    const Ticket waiting = issue('A');
    auto notYet = book_->done(waiting.id);
    ASSERT_FALSE(notYet.ok());
    EXPECT_EQ(notYet.error().code, "queue.wrong_state");
    const Ticket called = callNext();
    EXPECT_EQ(called.state, TicketState::Called);
    EXPECT_EQ(called.desk, "desk-1");
    EXPECT_EQ(called.calls, 1);
    EXPECT_EQ(called.calledAt, vietnamTime(23, 9, 0));
    auto finished = book_->done(called.id);
    ASSERT_TRUE(finished.ok());
    EXPECT_EQ(finished->state, TicketState::Done);
    EXPECT_FALSE(book_->done(called.id).ok());
}

TEST_F(TicketBookTest, YesterdaysWaitingTicketsAreNotCalledToday) {
    clock_.set(vietnamTime(23, 16, 0));
    issue('A');
    clock_.set(vietnamTime(24, 8, 0));
    auto called = book_->callNext("desk-1");
    ASSERT_TRUE(called.ok());
    EXPECT_FALSE(called->has_value());
}

// ----- Transfers ---------------------------------------------------------------------------------

TEST_F(TicketBookTest, TransferKeepsThePlaceByOriginalIssueOrder) {
    const Ticket first = issue('A');  // A001, issued first
    issue('C');                       // C001
    issue('C');                       // C002
    const Ticket called = callNext("A");
    ASSERT_EQ(called.id, first.id);
    auto moved = book_->transfer(first.id, 'C');
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_EQ(moved->label(), "A001");  // the slip in the citizen's hand stays valid
    EXPECT_EQ(moved->service, 'C');
    EXPECT_EQ(moved->state, TicketState::Waiting);
    EXPECT_EQ(moved->issuedAt, first.issuedAt);
    auto where = book_->position(first.id);
    ASSERT_TRUE(where.ok());
    EXPECT_EQ(where->ahead, 0);
    EXPECT_EQ(callAll("C"), (std::vector<std::string>{"A001", "C001", "C002"}));
}

TEST_F(TicketBookTest, TransferLandsBehindOlderTicketsOfTheNewLine) {
    issue('C');                        // C001
    const Ticket ticket = issue('A');  // A001
    issue('C');                        // C002
    ASSERT_TRUE(book_->transfer(ticket.id, 'C').ok());
    auto line = book_->waitingInCallOrder();
    ASSERT_TRUE(line.ok());
    EXPECT_EQ(labels(*line), (std::vector<std::string>{"C001", "A001", "C002"}));
    EXPECT_EQ(callAll("A"), std::vector<std::string>{});  // nobody left in line A
}

TEST_F(TicketBookTest, TransferRefusesSameOrUnknownServiceAndFinishedTickets) {
    const Ticket ticket = issue('A');
    auto same = book_->transfer(ticket.id, 'A');
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().code, "queue.same_service");
    auto unknown = book_->transfer(ticket.id, 'Z');
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "queue.unknown_service");
    callNext();
    ASSERT_TRUE(book_->done(ticket.id).ok());
    auto finished = book_->transfer(ticket.id, 'B');
    ASSERT_FALSE(finished.ok());
    EXPECT_EQ(finished.error().code, "queue.wrong_state");
    auto missing = book_->transfer(9999, 'B');
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "queue.no_such_ticket");
}

// ----- No-show and recall ------------------------------------------------------------------------

TEST_F(TicketBookTest, RecallCallsACalledTicketAgain) {
    issue('A');
    const Ticket called = callNext();
    clock_.advance(1min);
    auto again = book_->recall(called.id, "desk-2");
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->calls, 2);
    EXPECT_EQ(again->desk, "desk-2");
    EXPECT_EQ(again->calledAt, vietnamTime(23, 9, 1));
}

TEST_F(TicketBookTest, LateCitizenWithinTheRecallWindowIsCalledBack) {
    QueuePolicy policy;
    policy.recallWindow = 2;
    usePolicy(policy);
    for (int i = 0; i < 4; ++i)
        issue('A');
    const Ticket late = callNext();
    auto missed = book_->noShow(late.id);
    ASSERT_TRUE(missed.ok());
    EXPECT_EQ(missed->state, TicketState::NoShow);
    EXPECT_EQ(callNext().label(), "A002");  // one ticket called after the no-show
    auto back = book_->recall(late.id, "desk-1");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->state, TicketState::Called);
    EXPECT_EQ(back->calls, 2);
    EXPECT_TRUE(book_->done(late.id).ok());
}

TEST_F(TicketBookTest, NoShowPastTheRecallWindowNeedsANewTicket) {
    QueuePolicy policy;
    policy.recallWindow = 2;
    usePolicy(policy);
    for (int i = 0; i < 4; ++i)
        issue('A');
    issue('B');
    const Ticket late = callNext("A");
    ASSERT_TRUE(book_->noShow(late.id).ok());
    callNext("B");  // other lines do not count against the window
    callNext("A");
    callNext("A");
    auto refused = book_->recall(late.id, "desk-1");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "queue.recall_window_passed");
    EXPECT_NE(refused.error().message.find("A001"), std::string::npos);
    auto stored = book_->find(late.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->state, TicketState::NoShow);
}

TEST_F(TicketBookTest, OnlyCalledTicketsCanBeNoShowsOrRecalled) {
    const Ticket waiting = issue('A');
    auto noShow = book_->noShow(waiting.id);
    ASSERT_FALSE(noShow.ok());
    EXPECT_EQ(noShow.error().code, "queue.wrong_state");
    auto recall = book_->recall(waiting.id, "desk-1");
    ASSERT_FALSE(recall.ok());
    EXPECT_EQ(recall.error().code, "queue.wrong_state");
}

// ----- Waiting and the wait estimate -------------------------------------------------------------

TEST_F(TicketBookTest, PeopleAheadFollowTheCallPolicyAcrossEveryLine) {
    const Ticket n1 = issue('A');
    const Ticket n2 = issue('A');
    const Ticket n3 = issue('A');
    const Ticket p1 = issue('A', Priority::Aged75Plus);
    const Ticket other = issue('B');
    auto aheadOf = [&](const Ticket& ticket) {
        auto where = book_->position(ticket.id);
        EXPECT_TRUE(where.ok());
        return where.ok() ? where->ahead : -1;
    };
    // One desk calls every line: P1 (priority first), then A001, A002, then A003 and B001 by age.
    EXPECT_EQ(aheadOf(p1), 0);
    EXPECT_EQ(aheadOf(n1), 1);
    EXPECT_EQ(aheadOf(n2), 2);
    EXPECT_EQ(aheadOf(n3), 3);
    EXPECT_EQ(aheadOf(other), 4);  // a B ticket waits behind older A tickets at the same desk
    callNext("A");
    EXPECT_EQ(aheadOf(p1), 0);  // called: nobody ahead any more
    EXPECT_EQ(aheadOf(n3), 2);
}

TEST_F(TicketBookTest, EstimateUsesTheDefaultServiceTimeBeforeAnyoneWasServed) {
    issue('A');
    issue('A');
    const Ticket third = issue('A');
    auto where = book_->position(third.id);
    ASSERT_TRUE(where.ok());
    EXPECT_EQ(where->estimatedWait, 2 * std::chrono::seconds(5min));
}

TEST_F(TicketBookTest, EstimateUsesTodaysMedianServiceTime) {
    for (const auto minutes : {2min, 10min, 4min}) {
        issue('A');
        const Ticket called = callNext();
        clock_.advance(minutes);
        ASSERT_TRUE(book_->done(called.id).ok());
    }
    auto median = book_->medianServiceTime('A');
    ASSERT_TRUE(median.ok());
    EXPECT_EQ(*median, 4min);
    issue('A');
    issue('A');
    const Ticket third = issue('A');
    auto where = book_->position(third.id);
    ASSERT_TRUE(where.ok());
    EXPECT_EQ(where->estimatedWait, 8min);
}

TEST_F(TicketBookTest, EstimateAddsEachLinesOwnServiceTime) {
    for (const auto& [service, minutes] : {std::pair{'A', 2min}, std::pair{'B', 6min}}) {
        issue(service);
        const Ticket called = callNext(std::string(1, service));
        clock_.advance(minutes);
        ASSERT_TRUE(book_->done(called.id).ok());
    }
    issue('B');
    issue('A');
    const Ticket last = issue('C');
    auto where = book_->position(last.id);
    ASSERT_TRUE(where.ok());
    EXPECT_EQ(where->ahead, 2);
    EXPECT_EQ(where->estimatedWait, 6min + 2min);
}

TEST_F(TicketBookTest, TwoDesksShareTheWaitOfTheirLines) {
    QueuePolicy policy;
    policy.desks = {kiosk::queue::DeskLines{"A"}, kiosk::queue::DeskLines{"A"}};
    usePolicy(policy);
    for (int i = 0; i < 4; ++i)
        issue('A');
    const Ticket fifth = issue('A');
    auto where = book_->position(fifth.id);
    ASSERT_TRUE(where.ok());
    EXPECT_EQ(where->ahead, 4);
    EXPECT_EQ(where->estimatedWait, 4 * std::chrono::seconds(5min) / 2);
}

TEST_F(TicketBookTest, MedianFallsBackToTheWholeKioskThenIgnoresYesterday) {
    for (const auto minutes : {3min, 7min}) {
        issue('B');
        const Ticket called = callNext();
        clock_.advance(minutes);
        ASSERT_TRUE(book_->done(called.id).ok());
    }
    auto median = book_->medianServiceTime('A');  // nobody served in line A today
    ASSERT_TRUE(median.ok());
    EXPECT_EQ(*median, 5min);  // the median of B's 3 and 7 minutes
    clock_.set(vietnamTime(24, 8, 0));
    auto tomorrow = book_->medianServiceTime('A');
    ASSERT_TRUE(tomorrow.ok());
    EXPECT_EQ(*tomorrow, policy_.defaultServiceTime);
}

TEST_F(TicketBookTest, ClockSetBackDuringServiceCountsAsZeroNotNegative) {
    issue('A');
    const Ticket called = callNext();
    clock_.set(vietnamTime(23, 8, 50));
    ASSERT_TRUE(book_->done(called.id).ok());
    auto median = book_->medianServiceTime('A');
    ASSERT_TRUE(median.ok());
    EXPECT_EQ(*median, 0s);
}

// ----- Timing (printed, not asserted: it depends on the disk) ------------------------------------

TEST(TicketBookTiming, PrintsMedianAndP99OfIssue) {
    auto database = Database::openInDirectory(queue_test::freshDir("timing"));
    ASSERT_TRUE(database.ok()) << database.error().message;
    kiosk::SystemWallClock clock;
    TicketBook book(*database, queue_test::testServices(), clock);
    std::vector<double> micros;
    for (int i = 0; i < 500; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto ticket = book.issue("ABC"[i % 3], i % 5 == 0 ? Priority::Aged75Plus : Priority::None);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        ASSERT_TRUE(ticket.ok()) << ticket.error().message;
        micros.push_back(std::chrono::duration<double, std::micro>(elapsed).count());
    }
    std::ranges::sort(micros);
    std::printf(
        "issue() over %zu tickets (WAL, synchronous=FULL, %s): median %.0f us, p99 %.0f us, max %.0f us\n",
        micros.size(), database->file().c_str(), micros[micros.size() / 2], micros[micros.size() * 99 / 100],
        micros.back());
    EXPECT_TRUE(queue_test::queueProblems(*database, {}).empty());
}
