// The desk's view of the centre's queue (CentreDeskQueue) on a real PostgreSQL: a ticket issued
// by another connection reaches the desk through NOTIFY within half a second; two desks calling
// at once never get the same ticket; the centre's help requests are listed, reach the desk the
// same way and are answered by exactly one desk; a desk sees and calls only its own lines; a
// stopped server turns into "offline" within the 2 s deadline, never a hang, and the desk is back
// after a restart.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreDeskQueue.h"
#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreQueue.h"

using kiosk::Result;
using kiosk::centre::CentreDeskQueue;
using kiosk::centre::CentreDeskSetup;
using kiosk::centre::CentreHelpRequests;
using kiosk::centre::CentreQueue;
using kiosk::desk::DeskQueueView;
using kiosk::i18n::Language;
using kiosk::queue::HelpRequestId;
using kiosk::queue::HelpRequestState;
using kiosk::queue::HelpUrgency;
using kiosk::queue::Priority;
using kiosk::queue::Ticket;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> labels(const DeskQueueView& view) {
    std::vector<std::string> shown;
    for (const Ticket& ticket : view.waiting)
        shown.push_back(ticket.label());
    return shown;
}

std::vector<HelpRequestId> helpIds(const DeskQueueView& view) {
    std::vector<HelpRequestId> shown;
    for (const auto& request : view.helpRequests)
        shown.push_back(request.id);
    return shown;
}

class CentreDeskTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        connection_.emplace(connectMigrated());
        issuer_.emplace(*connection_, clock_);
    }

    std::unique_ptr<CentreDeskQueue> desk(int number, std::string services = {}) {
        return std::make_unique<CentreDeskQueue>(CentreDeskSetup{.database = connectionUri_,
                                                                 .desk = number,
                                                                 .services = std::move(services),
                                                                 .knownServices = "ABC"},
                                                 clock_);
    }

    // Sends a request and runs the desk's replies (as its UI thread would) until it answered.
    template <class T>
    static std::optional<Result<T>> await(CentreDeskQueue& queue,
                                          const std::function<void(kiosk::desk::DeskQueue::Reply<T>)>& send,
                                          std::chrono::milliseconds limit = 5s) {
        std::optional<Result<T>> answer;
        send([&](Result<T> result) { answer.emplace(std::move(result)); });
        const auto deadline = Clock::now() + limit;
        while (!answer && Clock::now() < deadline) {
            queue.deliver();
            std::this_thread::sleep_for(2ms);
        }
        return answer;
    }

    static std::optional<Result<DeskQueueView>> list(CentreDeskQueue& queue,
                                                     std::chrono::milliseconds limit = 5s) {
        return await<DeskQueueView>(
            queue, [&](auto reply) { queue.list(std::move(reply)); }, limit);
    }

    static std::optional<Ticket> callNext(CentreDeskQueue& queue) {
        auto called = await<std::optional<Ticket>>(
            queue, [&](auto reply) { queue.callNext("volunteer-1", std::move(reply)); });
        EXPECT_TRUE(called && called->ok()) << (called ? called->error().message : "no answer");
        return called && called->ok() ? **called : std::nullopt;
    }

    // The first pushed list that holds `label`, and when it came; nullopt after `limit`.
    static std::optional<Clock::time_point> waitForNews(CentreDeskQueue& queue, const std::string& label,
                                                        std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
            if (auto news = queue.takeNews()) {
                const auto at = Clock::now();
                if (std::ranges::count(labels(*news), label) > 0) return at;
            }
            std::this_thread::sleep_for(1ms);
        }
        return std::nullopt;
    }

    // The first pushed list that holds help request `id` (or, `listed` false, that no longer
    // does), and when it came; nullopt after `limit`.
    static std::optional<Clock::time_point> waitForHelpNews(CentreDeskQueue& queue, HelpRequestId id,
                                                            bool listed, std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
            if (auto news = queue.takeNews()) {
                const auto at = Clock::now();
                if ((std::ranges::count(helpIds(*news), id) > 0) == listed) return at;
            }
            std::this_thread::sleep_for(1ms);
        }
        return std::nullopt;
    }

    kiosk::SystemWallClock clock_;
    std::optional<kiosk::centre::PgConnection> connection_;
    std::optional<CentreQueue> issuer_;
};

TEST_F(CentreDeskTest, SeesATicketIssuedElsewhereWithinHalfASecond) {
    auto desk1 = desk(1);
    // Connected and listening: the first resync pushes the (empty) list.
    const auto start = Clock::now();
    while (!desk1->takeNews() && Clock::now() - start < 10s)
        std::this_thread::sleep_for(5ms);
    // Timed from the start of the issuing call: the push often arrives before issue() has
    // returned (the NOTIFY goes out with the commit, and issue() still notes the kiosk's contact).
    std::vector<long long> latencies;
    for (int i = 0; i < 5; ++i) {
        const auto sent = Clock::now();
        const auto issued = issuer_->issue('A', Priority::None, "kiosk-1");
        const auto committed = Clock::now();
        ASSERT_TRUE(issued.ok()) << issued.error().message;
        const auto seen = waitForNews(*desk1, issued->label(), 2s);
        ASSERT_TRUE(seen) << issued->label() << " never reached the desk";
        latencies.push_back(std::chrono::duration_cast<std::chrono::microseconds>(*seen - sent).count());
        EXPECT_LE(*seen - committed, 500ms);
    }
    std::ranges::sort(latencies);
    std::printf("issue sent -> desk's list pushed: min %.1f ms, median %.1f ms, max %.1f ms (5 tickets)\n",
                static_cast<double>(latencies.front()) / 1000.0, static_cast<double>(latencies[2]) / 1000.0,
                static_cast<double>(latencies.back()) / 1000.0);
}

TEST_F(CentreDeskTest, TwoDesksCallingAtOnceNeverGetTheSameTicket) {
    for (int i = 0; i < 30; ++i)
        ASSERT_TRUE(issuer_->issue(i % 3 == 0 ? 'B' : 'A', Priority::None, "kiosk-1").ok());
    auto desk1 = desk(1);
    auto desk2 = desk(2);
    std::vector<std::string> called1;
    std::vector<std::string> called2;
    auto drain = [](CentreDeskQueue& queue, std::vector<std::string>& called) {
        while (auto ticket = callNext(queue))
            called.push_back(ticket->label());
    };
    std::thread other([&] { drain(*desk2, called2); });
    drain(*desk1, called1);
    other.join();
    std::set<std::string> all(called1.begin(), called1.end());
    all.insert(called2.begin(), called2.end());
    EXPECT_EQ(all.size(), called1.size() + called2.size()) << "a ticket was given to both desks";
    EXPECT_EQ(all.size(), 30u);
    EXPECT_FALSE(called1.empty());
    EXPECT_FALSE(called2.empty());
}

TEST_F(CentreDeskTest, ADeskSeesAndCallsOnlyItsOwnLines) {
    for (char service : {'A', 'B', 'C', 'B'})
        ASSERT_TRUE(issuer_->issue(service, Priority::None, "kiosk-1").ok());
    auto desk2 = desk(2, "BC");
    auto shown = list(*desk2);
    ASSERT_TRUE(shown && shown->ok());
    EXPECT_EQ(labels(**shown), (std::vector<std::string>{"B001", "C001", "B002"}));
    std::vector<std::string> called;
    while (auto ticket = callNext(*desk2))
        called.push_back(ticket->label());
    EXPECT_EQ(called.size(), 3u);
    EXPECT_EQ(std::ranges::count(called, "A001"), 0);
    // A001 still waits for a desk that serves line A.
    auto rest = issuer_->callNext(9, "A");
    ASSERT_TRUE(rest.ok() && *rest);
    EXPECT_EQ((*rest)->label(), "A001");
}

TEST_F(CentreDeskTest, CallRecallNoShowAndDoneReachTheCentre) {
    const auto a1 = issuer_->issue('A', Priority::None, "kiosk-1");
    const auto a2 = issuer_->issue('A', Priority::None, "kiosk-1");
    ASSERT_TRUE(a1.ok() && a2.ok());
    auto desk4 = desk(4);
    auto first = callNext(*desk4);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->label(), "A001");
    auto recalled =
        await<Ticket>(*desk4, [&](auto reply) { desk4->recall(first->id, "v", std::move(reply)); });
    ASSERT_TRUE(recalled && recalled->ok()) << (recalled ? recalled->error().message : "no answer");
    auto done = await<Ticket>(*desk4, [&](auto reply) { desk4->done(first->id, std::move(reply)); });
    ASSERT_TRUE(done && done->ok());
    EXPECT_EQ((*done)->state, kiosk::queue::TicketState::Done);
    auto second = callNext(*desk4);
    ASSERT_TRUE(second);
    auto gone = await<Ticket>(*desk4, [&](auto reply) { desk4->noShow(second->id, std::move(reply)); });
    ASSERT_TRUE(gone && gone->ok());
    auto stored1 = issuer_->find(a1->id);
    auto stored2 = issuer_->find(a2->id);
    ASSERT_TRUE(stored1.ok() && stored2.ok());
    EXPECT_EQ(stored1->status, kiosk::queue::TicketState::Done);
    EXPECT_EQ(stored1->desk, 4);
    EXPECT_EQ(stored2->status, kiosk::queue::TicketState::NoShow);
    EXPECT_FALSE(callNext(*desk4)) << "nobody waits any more";
}

// The help log goes to the centre, not the desk's own file: a record written at desk 1 counts in
// the figures desk 2 opens, with the desk's number and terminal id on it.
TEST_F(CentreDeskTest, HelpLogRatingAndFiguresAreTheCentres) {
    ASSERT_TRUE(issuer_->issue('A', Priority::None, "kiosk-1").ok());
    ASSERT_TRUE(issuer_->issue('A', Priority::None, "kiosk-1").ok());
    CentreDeskSetup setup;
    setup.database = connectionUri_;
    setup.desk = 1;
    setup.terminalId = "desk-1";
    auto desk1 = std::make_unique<CentreDeskQueue>(setup, clock_);
    auto desk2 = desk(2);
    auto first = callNext(*desk1);
    ASSERT_TRUE(first);
    auto done = await<Ticket>(*desk1, [&](auto reply) { desk1->done(first->id, std::move(reply)); });
    ASSERT_TRUE(done && done->ok());

    kiosk::helplog::HelpEntry entry;
    entry.ticket = first->id;
    entry.volunteer = 7;
    entry.skill = kiosk::helplog::Skill::PublicServices;
    entry.task = kiosk::helplog::Task::VneidLevel2Preparation;
    auto logged = await<kiosk::Done>(*desk1, [&](auto reply) { desk1->logHelp(entry, std::move(reply)); });
    ASSERT_TRUE(logged && logged->ok()) << (logged ? logged->error().message : "no answer");
    auto rated = await<kiosk::Done>(*desk1, [&](auto reply) {
        desk1->rate(first->id, kiosk::helplog::Rating::Satisfied, std::move(reply));
    });
    ASSERT_TRUE(rated && rated->ok()) << (rated ? rated->error().message : "no answer");
    // The second waiting ticket, not done: the desk passes the centre's refusal on.
    auto second = callNext(*desk1);
    ASSERT_TRUE(second);
    entry.ticket = second->id;
    auto early = await<kiosk::Done>(*desk1, [&](auto reply) { desk1->logHelp(entry, std::move(reply)); });
    ASSERT_TRUE(early && !early->ok());
    EXPECT_EQ(early->error().code, "helplog.ticket_not_done");

    auto figures = await<kiosk::helplog::PeriodStatistics>(
        *desk2, [&](auto reply) { desk2->statistics(kiosk::desk::StatisticsRange::Week, std::move(reply)); });
    ASSERT_TRUE(figures && figures->ok()) << (figures ? figures->error().message : "no answer");
    EXPECT_EQ((*figures)->issued, 2);
    EXPECT_EQ((*figures)->served, 1);
    EXPECT_EQ((*figures)->beingServed, 1);
    EXPECT_EQ((*figures)->helpRecords, 1);
    EXPECT_EQ((*figures)->ratings, 1);
    EXPECT_EQ((*figures)->period, *kiosk::helplog::Period::thisWeek(clock_.localDay(clock_.now())));
    auto written = connection_->query("SELECT desk, terminal, volunteer_id FROM help_record");
    ASSERT_TRUE(written.ok() && written->count() == 1);
    EXPECT_EQ(written->integer(0, 0), 1);
    EXPECT_EQ(written->text(0, 1), "desk-1");
    EXPECT_EQ(written->integer(0, 2), 7);
}

// A desk that lost power while serving finds its work again at the next sign-in: the ticket it
// still had called and the one it marked done without a help record, and no other desk's.
TEST_F(CentreDeskTest, AfterAPowerCutTheDeskIsOfferedWhatItLeftUnfinished) {
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(issuer_->issue('A', Priority::None, "kiosk-1").ok());
    {
        auto before = desk(5);
        auto first = callNext(*before);
        ASSERT_TRUE(first);
        auto done = await<Ticket>(*before, [&](auto reply) { before->done(first->id, std::move(reply)); });
        ASSERT_TRUE(done && done->ok());
        ASSERT_TRUE(callNext(*before));  // A002, still called when the power goes
    }
    ASSERT_TRUE(issuer_->callNext(6, "A").ok());  // A003 at another desk
    auto after = desk(5);
    const auto unfinished = [&](CentreDeskQueue& queue) {
        auto left = await<std::vector<Ticket>>(
            queue, [&](auto reply) { queue.unfinished("volunteer-1", std::move(reply)); });
        EXPECT_TRUE(left && left->ok()) << (left ? left->error().message : "no answer");
        return left && left->ok() ? **left : std::vector<Ticket>{};
    };
    auto left = unfinished(*after);
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].label(), "A001");
    EXPECT_EQ(left[0].state, kiosk::queue::TicketState::Done);
    EXPECT_EQ(left[1].label(), "A002");
    EXPECT_EQ(left[1].state, kiosk::queue::TicketState::Called);

    kiosk::helplog::HelpEntry entry;
    entry.ticket = left[0].id;
    auto logged = await<kiosk::Done>(*after, [&](auto reply) { after->logHelp(entry, std::move(reply)); });
    ASSERT_TRUE(logged && logged->ok()) << (logged ? logged->error().message : "no answer");
    auto rest = unfinished(*after);
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].label(), "A002");
}

// `centre status` lists a desk silent for 90 s as offline: an idle desk, with nobody calling,
// still tells the centre it is there.
TEST_F(CentreDeskTest, AnIdleDeskKeepsInTouchWithTheCentre) {
    CentreDeskSetup setup;
    setup.database = connectionUri_;
    setup.desk = 7;
    setup.terminalId = "desk-7";
    setup.contactEvery = 150ms;
    auto desk7 = std::make_unique<CentreDeskQueue>(setup, clock_);
    auto shown = list(*desk7);
    ASSERT_TRUE(shown && shown->ok());
    const auto lastContact = [&] {
        auto rows = connection_->query(
            "SELECT (extract(epoch FROM last_contact) * 1000)::bigint FROM terminal WHERE id = 'desk-7' "
            "AND role = 'desk'");
        EXPECT_TRUE(rows.ok() && rows->count() == 1);
        return rows.ok() && rows->count() == 1 ? rows->integer(0, 0) : 0;
    };
    const int64_t connected = lastContact();
    ASSERT_GT(connected, 0);
    std::this_thread::sleep_for(600ms);
    EXPECT_GT(lastContact(), connected) << "the idle desk said nothing for 600 ms";
}

TEST_F(CentreDeskTest, ListsTheCentresOpenHelpRequestsAndAnswersThemThroughIt) {
    CentreHelpRequests help(*connection_);
    auto scan = help.record(
        {.place = "scan", .language = Language::Vi, .urgency = HelpUrgency::Normal, .kioskId = "kiosk-1"});
    auto vneid = help.record({.place = "vneid/step-3",
                              .language = Language::En,
                              .urgency = HelpUrgency::Urgent,
                              .kioskId = "kiosk-2"});
    ASSERT_TRUE(scan.ok() && vneid.ok());
    auto desk1 = desk(1);
    auto desk2 = desk(2);
    auto shown = list(*desk1);
    ASSERT_TRUE(shown && shown->ok()) << (shown ? shown->error().message : "no answer");
    EXPECT_EQ(helpIds(**shown), (std::vector<HelpRequestId>{*vneid, *scan}));
    EXPECT_EQ((*shown)->helpRequests.front().kioskId, "kiosk-2");

    auto answered =
        await<bool>(*desk1, [&](auto reply) { desk1->answerHelp(*scan, 7, "Lan", std::move(reply)); });
    ASSERT_TRUE(answered && answered->ok()) << (answered ? answered->error().message : "no answer");
    EXPECT_TRUE(**answered);
    auto late =
        await<bool>(*desk2, [&](auto reply) { desk2->answerHelp(*scan, 3, "Minh", std::move(reply)); });
    ASSERT_TRUE(late && late->ok());
    EXPECT_FALSE(**late) << "a request already answered was answered again";
    auto status = help.status(*scan);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->state, HelpRequestState::Answered);
    EXPECT_EQ(status->volunteerName, "Lan");
    auto after = list(*desk2);
    ASSERT_TRUE(after && after->ok());
    EXPECT_EQ(helpIds(**after), std::vector<HelpRequestId>{*vneid});
}

TEST_F(CentreDeskTest, SeesAHelpRequestMadeElsewhereWithinHalfASecond) {
    CentreHelpRequests help(*connection_);
    auto desk1 = desk(1);
    const auto start = Clock::now();
    while (!desk1->takeNews() && Clock::now() - start < 10s)
        std::this_thread::sleep_for(5ms);
    for (const HelpUrgency urgency : {HelpUrgency::Normal, HelpUrgency::Urgent, HelpUrgency::Normal}) {
        auto id = help.record(
            {.place = "home", .language = Language::Vi, .urgency = urgency, .kioskId = "kiosk-1"});
        const auto committed = Clock::now();
        ASSERT_TRUE(id.ok()) << id.error().message;
        const auto seen = waitForHelpNews(*desk1, *id, true, 2s);
        ASSERT_TRUE(seen) << "help request " << *id << " never reached the desk";
        EXPECT_LE(*seen - committed, 500ms);
    }
    // Withdrawn at its kiosk: it leaves the desk's list without the desk asking.
    auto open = help.open();
    ASSERT_TRUE(open.ok() && !open->empty());
    const HelpRequestId left = open->front().id;
    ASSERT_TRUE(help.withdraw(left).ok());
    EXPECT_TRUE(waitForHelpNews(*desk1, left, false, 2s)) << "the withdrawn request stayed on the desk";
}

// Two desks, each with its own worker and connection, answer the same request together: exactly
// one volunteer walks to the kiosk.
TEST_F(CentreDeskTest, TwoDesksAnsweringTheSameHelpRequestAtOnceExactlyOneWins) {
    CentreHelpRequests help(*connection_);
    auto desk1 = desk(1);
    auto desk2 = desk(2);
    for (CentreDeskQueue* queue : {desk1.get(), desk2.get()}) {
        auto connected = list(*queue);
        ASSERT_TRUE(connected && connected->ok());
    }
    for (int round = 0; round < 5; ++round) {
        auto id = help.record({.place = "scan",
                               .language = Language::Vi,
                               .urgency = HelpUrgency::Normal,
                               .kioskId = "kiosk-1"});
        ASSERT_TRUE(id.ok());
        std::optional<Result<bool>> second;
        std::thread other([&] {
            second =
                await<bool>(*desk2, [&](auto reply) { desk2->answerHelp(*id, 3, "Minh", std::move(reply)); });
        });
        auto first =
            await<bool>(*desk1, [&](auto reply) { desk1->answerHelp(*id, 7, "Lan", std::move(reply)); });
        other.join();
        ASSERT_TRUE(first && first->ok() && second && second->ok()) << "round " << round;
        EXPECT_NE(**first, **second) << "round " << round << ": " << (**first ? "both won" : "nobody won");
    }
}

// Desk 1 (line A) moves the ticket it called to line B; desk 2 (line B) learns it by NOTIFY
// alone (its pushed list shows it, with its printed number) and calls it before B001, which
// was issued after it.
TEST_F(CentreDeskTest, ATransferredTicketReachesTheOtherLinesDeskByNotifyAndIsCalledThere) {
    ASSERT_TRUE(issuer_->issue('A', Priority::None, "kiosk-1").ok());
    ASSERT_TRUE(issuer_->issue('B', Priority::None, "kiosk-1").ok());
    auto desk1 = desk(1, "A");
    auto desk2 = desk(2, "B");
    EXPECT_TRUE(desk1->canTransfer());
    auto before = list(*desk2);
    ASSERT_TRUE(before && before->ok());
    EXPECT_EQ(labels(**before), std::vector<std::string>{"B001"});

    auto called = callNext(*desk1);
    ASSERT_TRUE(called);
    EXPECT_EQ(called->label(), "A001");
    auto moved =
        await<Ticket>(*desk1, [&](auto reply) { desk1->transfer(called->id, 'B', std::move(reply)); });
    ASSERT_TRUE(moved && moved->ok()) << (moved ? moved->error().message : "no answer");
    EXPECT_EQ((*moved)->label(), "A001");
    EXPECT_EQ((*moved)->service, 'B');
    EXPECT_EQ((*moved)->state, kiosk::queue::TicketState::Waiting);

    ASSERT_TRUE(waitForNews(*desk2, "A001", 2s)) << "desk 2 never heard of the transfer";
    auto next = callNext(*desk2);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->label(), "A001");

    auto unknown =
        await<Ticket>(*desk2, [&](auto reply) { desk2->transfer(next->id, 'Z', std::move(reply)); });
    ASSERT_TRUE(unknown);
    ASSERT_FALSE(unknown->ok());
    EXPECT_EQ(unknown->error().code, "queue.unknown_service");
}

TEST_F(CentreDeskTest, ADeskThatDoesNotKnowTheCentresServicesOffersNoTransfer) {
    CentreDeskQueue unsure(CentreDeskSetup{.database = connectionUri_, .desk = 1, .services = "A"}, clock_);
    EXPECT_FALSE(unsure.canTransfer());
}

TEST_F(CentreDeskTest, AStoppedServerShowsOfflineWithinTheDeadlineAndTheDeskComesBack) {
    ASSERT_TRUE(issuer_->issue('A', Priority::None, "kiosk-1").ok());
    auto desk1 = desk(1);
    auto before = list(*desk1);
    ASSERT_TRUE(before && before->ok());
    EXPECT_FALSE(desk1->offline());

    // The test server runs with synchronous_commit=off: a checkpoint keeps A001 through the crash.
    ASSERT_TRUE(connection_->run("CHECKPOINT").ok());
    issuer_.reset();
    connection_.reset();
    ASSERT_EQ(cluster().stopImmediately(), std::nullopt);
    const auto stopped = Clock::now();
    // Every request is answered (with an error) within the 2 s deadline and a margin: never a hang.
    for (int i = 0; i < 3; ++i) {
        const auto asked = Clock::now();
        auto during = list(*desk1, 5s);
        ASSERT_TRUE(during) << "the desk's request hung with the server stopped";
        EXPECT_FALSE(during->ok());
        EXPECT_LE(Clock::now() - asked, 2500ms);
        auto call =
            await<std::optional<Ticket>>(*desk1, [&](auto reply) { desk1->callNext("v", std::move(reply)); });
        ASSERT_TRUE(call);
        EXPECT_FALSE(call->ok());
    }
    EXPECT_TRUE(desk1->offline());
    std::printf("server stopped -> 3 list and 3 call-next answers (all errors) in %lld ms\n",
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - stopped).count()));

    ASSERT_EQ(cluster().startAgain(), std::nullopt);
    const auto deadline = Clock::now() + 15s;
    std::optional<Result<DeskQueueView>> after;
    while (Clock::now() < deadline) {
        after = list(*desk1);
        if (after && after->ok()) break;
        std::this_thread::sleep_for(200ms);
    }
    ASSERT_TRUE(after && after->ok())
        << "the desk did not come back after the restart: " << (after ? after->error().message : "no answer");
    EXPECT_EQ(labels(**after), std::vector<std::string>{"A001"});
    // The listener reconnects with its own back-off (at most 5 s).
    while (desk1->offline() && Clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(desk1->offline());
}

}  // namespace
