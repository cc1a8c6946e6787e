// The centre's shared queue on a real PostgreSQL: numbering per service and day across kiosks,
// the call policy, SKIP LOCKED between desks, done, counts, transfer, and the NOTIFY on every
// change.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreQueue.h"

using kiosk::centre::CentreQueue;
using kiosk::centre::CentreTicket;
using kiosk::queue::Priority;
using kiosk::queue::TicketState;
using namespace std::chrono_literals;

namespace {

// 09:00 in Vietnam on 2026-12-03.
const kiosk::WallTime kMorning{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 2h};

class CentreQueueTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        connection_.emplace(connectMigrated());
        queue_.emplace(*connection_, clock_);
    }

    CentreTicket issue(char service, Priority priority = Priority::None,
                       const std::string& kiosk = "kiosk-1") {
        auto ticket = queue_->issue(service, priority, kiosk);
        EXPECT_TRUE(ticket.ok()) << ticket.error().message;
        return ticket.ok() ? *ticket : CentreTicket{};
    }
    std::string callNext(int desk, std::string_view services = {}) {
        auto called = queue_->callNext(desk, services);
        EXPECT_TRUE(called.ok()) << called.error().message;
        return called.ok() && *called ? (*called)->label() : "none";
    }

    kiosk::ManualWallClock clock_{kMorning};
    std::optional<kiosk::centre::PgConnection> connection_;
    std::optional<CentreQueue> queue_;
};

}  // namespace

TEST_F(CentreQueueTest, NumbersStartAtOnePerServiceAndDayAndIncreaseAcrossKiosks) {
    EXPECT_EQ(issue('A', Priority::None, "kiosk-1").label(), "A001");
    EXPECT_EQ(issue('A', Priority::None, "kiosk-2").label(), "A002");
    EXPECT_EQ(issue('B', Priority::None, "kiosk-2").label(), "B001");
    EXPECT_EQ(issue('A', Priority::Pregnant, "kiosk-3").label(), "A003");
    clock_.advance(24h);
    const CentreTicket tomorrow = issue('A');
    EXPECT_EQ(tomorrow.label(), "A001");
    EXPECT_EQ(tomorrow.day, "2026-12-04");
    EXPECT_EQ(tomorrow.status, TicketState::Waiting);
    EXPECT_EQ(tomorrow.id.size(), 36u);
}

TEST_F(CentreQueueTest, ServiceMustBeACapitalLetter) {
    auto refused = queue_->issue('a', Priority::None, "kiosk-1");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "queue.unknown_service");
}

// A listening connection sends nothing, so only TCP keepalives notice a centre that vanished from
// the network; every connection asks for them (and for a bound on unacknowledged data), and a
// config that says otherwise wins.
TEST_F(CentreQueueTest, EveryConnectionAsksForKeepalivesUnlessTheConfigSaysOtherwise) {
    for (bool withDeadlines : {false, true}) {
        auto opened = withDeadlines
                          ? kiosk::centre::PgConnection::open(connectionString_, kiosk::centre::PgDeadlines{})
                          : kiosk::centre::PgConnection::open(connectionString_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        EXPECT_EQ(opened->setting("keepalives"), "1");
        EXPECT_EQ(opened->setting("keepalives_idle"), "10");
        EXPECT_EQ(opened->setting("keepalives_interval"), "5");
        EXPECT_EQ(opened->setting("keepalives_count"), "3");
        EXPECT_EQ(opened->setting("tcp_user_timeout"), "20000");
        EXPECT_EQ(opened->setting("connect_timeout"),
                  withDeadlines ? std::optional<std::string>("2") : std::nullopt);
    }
    auto configured = kiosk::centre::PgConnection::open(connectionString_ + " keepalives_idle=60");
    ASSERT_TRUE(configured.ok()) << configured.error().message;
    EXPECT_EQ(configured->setting("keepalives_idle"), "60");
    auto uri = kiosk::centre::PgConnection::open(connectionUri_ + "&keepalives_count=9");
    ASSERT_TRUE(uri.ok()) << uri.error().message;
    EXPECT_EQ(uri->setting("keepalives_count"), "9");
    EXPECT_EQ(uri->setting("keepalives_idle"), "10");
}

TEST_F(CentreQueueTest, CallNextInterleavesPriorityOldestFirst) {
    issue('A');                        // A001 normal
    issue('B');                        // B001 normal
    issue('A', Priority::Aged75Plus);  // A002 priority
    issue('C');                        // C001 normal
    issue('B', Priority::Disability);  // B002 priority
    // Default rule: one priority, then two normal, and again; oldest first within each class.
    EXPECT_EQ(callNext(1), "A002");
    EXPECT_EQ(callNext(2), "A001");
    EXPECT_EQ(callNext(1), "B001");
    EXPECT_EQ(callNext(2), "B002");
    EXPECT_EQ(callNext(1), "C001");
    EXPECT_EQ(callNext(1), "none");
}

// The call statement reads the run itself and follows the rule's answers computed from
// CallPolicy: another rule than the default, with runs longer than one, and a day that starts.
TEST_F(CentreQueueTest, CallNextFollowsAnotherInterleaveRule) {
    kiosk::queue::QueuePolicy policy;
    policy.interleave = {.priorityInARow = 2, .normalInARow = 3};
    CentreQueue line(*connection_, clock_, policy);
    for (int i = 0; i < 5; ++i)
        issue('A');  // A001-A005 normal
    for (int i = 0; i < 3; ++i)
        issue('A', Priority::Pregnant);  // A006-A008 priority
    std::vector<std::string> called;
    for (;;) {
        auto next = line.callNext(1);
        ASSERT_TRUE(next.ok()) << next.error().message;
        if (!*next) break;
        called.push_back((*next)->label());
    }
    EXPECT_EQ(called,
              (std::vector<std::string>{"A006", "A007", "A001", "A002", "A003", "A008", "A004", "A005"}));
}

TEST_F(CentreQueueTest, ADeskCallsOnlyFromItsLines) {
    issue('A');
    issue('B');
    EXPECT_EQ(callNext(3, "B"), "B001");
    EXPECT_EQ(callNext(3, "B"), "none");
    EXPECT_EQ(callNext(3, "AB"), "A001");
}

TEST_F(CentreQueueTest, CalledTicketCarriesItsDesk) {
    const CentreTicket issued = issue('D');
    auto called = queue_->callNext(4);
    ASSERT_TRUE(called.ok() && *called);
    EXPECT_EQ((*called)->id, issued.id);
    EXPECT_EQ((*called)->status, TicketState::Called);
    EXPECT_EQ((*called)->desk, 4);
    auto badDesk = queue_->callNext(0);
    ASSERT_FALSE(badDesk.ok());
    EXPECT_EQ(badDesk.error().code, "queue.bad_desk");
}

// The desk that is taking a ticket holds its row lock; another desk calling at that instant
// must get the next ticket at once, not the same one and not after waiting.
TEST_F(CentreQueueTest, ADeskSkipsTheTicketAnotherDeskIsTaking) {
    const CentreTicket first = issue('A');
    const CentreTicket second = issue('A');
    auto otherDesk = connect();
    ASSERT_TRUE(otherDesk.run("BEGIN").ok());
    ASSERT_TRUE(otherDesk.run("SELECT id FROM ticket WHERE id = $1::uuid FOR UPDATE", {first.id}).ok());
    // Without SKIP LOCKED this call would wait for the lock: fail fast instead of hanging.
    ASSERT_TRUE(connection_->run("SET lock_timeout = '2s'").ok());
    auto called = queue_->callNext(2);
    ASSERT_TRUE(called.ok()) << called.error().message;
    ASSERT_TRUE(*called);
    EXPECT_EQ((*called)->id, second.id);
    ASSERT_TRUE(otherDesk.run("ROLLBACK").ok());
    EXPECT_EQ(callNext(1), first.label());
}

TEST_F(CentreQueueTest, DoneOnlyForACalledTicket) {
    const CentreTicket waiting = issue('A');
    auto early = queue_->done(waiting.id);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "queue.wrong_state");

    ASSERT_EQ(callNext(1), "A001");
    auto done = queue_->done(waiting.id);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->status, TicketState::Done);
    EXPECT_EQ(done->desk, 1);

    auto twice = queue_->done(waiting.id);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, "queue.wrong_state");
    for (const char* unknown : {"00000000-0000-4000-8000-000000000000", "A001", "'; DROP TABLE ticket; --"}) {
        auto missing = queue_->done(unknown);
        ASSERT_FALSE(missing.ok()) << unknown;
        EXPECT_EQ(missing.error().code, "queue.no_such_ticket") << unknown;
    }
}

TEST_F(CentreQueueTest, CountsTodayPerServiceAndStatus) {
    issue('A');
    issue('A');
    issue('B');
    ASSERT_EQ(callNext(1), "A001");
    clock_.advance(24h);
    issue('C');  // tomorrow: not counted below
    clock_.set(kMorning);
    auto counts = queue_->countsToday();
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    std::vector<std::string> seen;
    for (const auto& count : *counts)
        seen.push_back(std::string(1, count.service) + " " +
                       std::string(kiosk::queue::stateName(count.status)) + " " +
                       std::to_string(count.count));
    EXPECT_EQ(seen, (std::vector<std::string>{"A called 1", "A waiting 1", "B waiting 1"}));
    auto terminals = queue_->terminals();
    ASSERT_TRUE(terminals.ok()) << terminals.error().message;
    ASSERT_EQ(terminals->size(), 2u);
    EXPECT_EQ((*terminals)[0].id, "desk-1");
    EXPECT_EQ((*terminals)[1].id, "kiosk-1");
}

// Desks and boards will redraw on NOTIFY kiosk_queue: every committed change sends one, with
// the ticket's id, number and status, and nothing personal.
TEST_F(CentreQueueTest, EveryChangeIsAnnouncedOnTheQueueChannel) {
    auto listener = connect();
    ASSERT_TRUE(listener.run("LISTEN kiosk_queue").ok());
    const CentreTicket ticket = issue('B', Priority::SmallChild);
    ASSERT_EQ(callNext(5), "B001");
    ASSERT_TRUE(queue_->done(ticket.id).ok());
    ASSERT_FALSE(queue_->done(ticket.id).ok());  // refused: rolled back, so no notification

    std::vector<nlohmann::json> events;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (events.size() < 3 && std::chrono::steady_clock::now() < deadline) {
        pollfd socket{PQsocket(listener.handle()), POLLIN, 0};
        ::poll(&socket, 1, 100);
        ASSERT_EQ(PQconsumeInput(listener.handle()), 1);
        while (PGnotify* notify = PQnotifies(listener.handle())) {
            EXPECT_STREQ(notify->relname, "kiosk_queue");
            events.push_back(nlohmann::json::parse(notify->extra));
            PQfreemem(notify);
        }
    }
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0]["event"], "issued");
    EXPECT_EQ(events[1]["event"], "called");
    EXPECT_EQ(events[1]["desk"], 5);
    EXPECT_EQ(events[2]["event"], "done");
    for (const auto& event : events) {
        EXPECT_EQ(event["id"], ticket.id);
        EXPECT_EQ(event["number"], "B001");
    }
    // Nothing more arrives for the refused change.
    ::poll(nullptr, 0, 200);
    ASSERT_EQ(PQconsumeInput(listener.handle()), 1);
    EXPECT_EQ(PQnotifies(listener.handle()), nullptr);
}

TEST_F(CentreQueueTest, RecallCallsACalledTicketAgainToTheGivenDeskAndAnnouncesIt) {
    const CentreTicket ticket = issue('A');
    auto called = queue_->callNext(2);
    ASSERT_TRUE(called.ok() && *called);
    auto listener = connect();
    ASSERT_TRUE(listener.run("LISTEN kiosk_queue").ok());

    auto recalled = queue_->recall(ticket.id, 5);
    ASSERT_TRUE(recalled.ok()) << recalled.error().message;
    EXPECT_EQ(recalled->status, TicketState::Called);
    EXPECT_EQ(recalled->desk, 5);
    EXPECT_EQ(recalled->label(), "A001");

    std::vector<nlohmann::json> events;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (events.empty() && std::chrono::steady_clock::now() < deadline) {
        pollfd socket{PQsocket(listener.handle()), POLLIN, 0};
        ::poll(&socket, 1, 100);
        ASSERT_EQ(PQconsumeInput(listener.handle()), 1);
        while (PGnotify* notify = PQnotifies(listener.handle())) {
            events.push_back(nlohmann::json::parse(notify->extra));
            PQfreemem(notify);
        }
    }
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["event"], "recalled");
    EXPECT_EQ(events[0]["desk"], 5);
    EXPECT_EQ(events[0]["number"], "A001");

    // A recall is not a new call: the interleave rule's run is unchanged (call_order kept).
    auto order = connection_->query("SELECT count(*) FROM ticket WHERE call_order IS NOT NULL");
    ASSERT_TRUE(order.ok());
    EXPECT_EQ(order->integer(0, 0), 1);
}

TEST_F(CentreQueueTest, RecallRefusesWaitingAndDoneTicketsAndUnknownIds) {
    const CentreTicket waiting = issue('A');
    auto refused = queue_->recall(waiting.id, 1);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "queue.wrong_state");
    ASSERT_TRUE(queue_->callNext(1).ok());
    ASSERT_TRUE(queue_->done(waiting.id).ok());
    refused = queue_->recall(waiting.id, 1);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "queue.wrong_state");
    EXPECT_EQ(queue_->recall("not-a-uuid", 1).error().code, "queue.no_such_ticket");
    EXPECT_EQ(queue_->recall("00000000-0000-4000-8000-000000000000", 1).error().code, "queue.no_such_ticket");
    EXPECT_EQ(queue_->recall(waiting.id, 0).error().code, "queue.bad_desk");
}

TEST_F(CentreQueueTest, ANoShowCanBeRecalledOnlyWithinTheRecallWindow) {
    const CentreTicket early = issue('A');
    for (int i = 0; i < 4; ++i)
        issue('A');
    EXPECT_EQ(callNext(1), "A001");
    EXPECT_EQ(queue_->noShow(issue('B').id).error().code, "queue.wrong_state") << "a waiting ticket";
    auto missed = queue_->noShow(early.id);
    ASSERT_TRUE(missed.ok()) << missed.error().message;
    EXPECT_EQ(missed->status, TicketState::NoShow);
    EXPECT_EQ(missed->desk, 1);

    EXPECT_EQ(callNext(1, "A"), "A002");
    EXPECT_EQ(callNext(1, "A"), "A003");
    auto back = queue_->recall(early.id, 3);  // two later calls: inside the default window of 3
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->status, TicketState::Called);
    EXPECT_EQ(back->desk, 3);

    ASSERT_TRUE(queue_->noShow(early.id).ok());
    EXPECT_EQ(callNext(1, "A"), "A004");
    auto late = queue_->recall(early.id, 3);
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, "queue.recall_window_passed");
}

// Transfer, as the lone kiosk's TicketBook does it: the ticket keeps its printed number and its
// place (issue order) and waits again in the new line, where the desk serving that line calls it
// by the policy like any ticket issued for it at that moment.
TEST_F(CentreQueueTest, TransferMovesATicketToTheOtherLineKeepingItsNumberAndPlace) {
    const CentreTicket a1 = issue('A');  // A001
    issue('B');                          // B001
    issue('B');                          // B002
    ASSERT_EQ(callNext(1, "A"), "A001");

    auto moved = queue_->transfer(a1.id, 'B', "ABC");
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_EQ(moved->label(), "A001");
    EXPECT_EQ(moved->letter, 'A');
    EXPECT_EQ(moved->service, 'B');
    EXPECT_EQ(moved->status, TicketState::Waiting);
    EXPECT_EQ(moved->desk, std::nullopt);

    // Line A is empty now; line B's desk calls A001 first: it was issued before B001.
    EXPECT_EQ(callNext(1, "A"), "none");
    EXPECT_EQ(callNext(2, "B"), "A001");
    EXPECT_EQ(callNext(2, "B"), "B001");
    // Numbers stay per letter: line B goes on from B002, and A from A001.
    EXPECT_EQ(issue('B').label(), "B003");
    EXPECT_EQ(issue('A').label(), "A002");

    auto stored = queue_->find(a1.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->service, 'B');
    EXPECT_EQ(stored->desk, 2);
}

TEST_F(CentreQueueTest, ATransferredPriorityTicketIsCalledByThePolicyInItsNewLine) {
    issue('B');                                              // B001 normal
    const CentreTicket a1 = issue('A', Priority::Pregnant);  // A001 priority
    issue('B');                                              // B002 normal
    ASSERT_TRUE(queue_->transfer(a1.id, 'B', "AB").ok());
    // Default rule: one priority, then two normal.
    EXPECT_EQ(callNext(3, "B"), "A001");
    EXPECT_EQ(callNext(3, "B"), "B001");
    EXPECT_EQ(callNext(3, "B"), "B002");
}

TEST_F(CentreQueueTest, TransferRefusesAnUnknownServiceTheSameLineADoneTicketAndUnknownIds) {
    const CentreTicket a1 = issue('A');
    for (const char unknown : {'D', 'a', '1'}) {
        auto refused = queue_->transfer(a1.id, unknown, "ABC");
        ASSERT_FALSE(refused.ok()) << unknown;
        EXPECT_EQ(refused.error().code, "queue.unknown_service") << unknown;
    }
    auto same = queue_->transfer(a1.id, 'A', "ABC");
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().code, "queue.same_service");

    ASSERT_EQ(callNext(1), "A001");
    ASSERT_TRUE(queue_->done(a1.id).ok());
    auto served = queue_->transfer(a1.id, 'B', "ABC");
    ASSERT_FALSE(served.ok());
    EXPECT_EQ(served.error().code, "queue.wrong_state");
    EXPECT_NE(served.error().message.find("done"), std::string::npos) << served.error().message;
    auto stored = queue_->find(a1.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->service, 'A');
    EXPECT_EQ(stored->status, TicketState::Done);

    auto missing = queue_->transfer("00000000-0000-4000-8000-000000000000", 'B', "ABC");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "queue.no_such_ticket");
}

// A desk marking the ticket done while another desk transfers it: the transfer waits for the
// row lock, then sees the ticket done and refuses; it never moves a served ticket.
TEST_F(CentreQueueTest, ATransferRacingADoneWaitsForItAndRefuses) {
    const CentreTicket a1 = issue('A');
    ASSERT_EQ(callNext(1), "A001");
    auto otherDesk = connect();
    ASSERT_TRUE(otherDesk.run("BEGIN").ok());
    ASSERT_TRUE(
        otherDesk.run("UPDATE ticket SET status = 'done', done_at = now() WHERE id = $1::uuid", {a1.id})
            .ok());
    std::optional<kiosk::Result<CentreTicket>> moved;
    std::thread transferring([&] { moved.emplace(queue_->transfer(a1.id, 'B', "AB")); });
    std::this_thread::sleep_for(200ms);
    ASSERT_TRUE(otherDesk.run("COMMIT").ok());
    transferring.join();
    ASSERT_TRUE(moved);
    ASSERT_FALSE(moved->ok());
    EXPECT_EQ(moved->error().code, "queue.wrong_state");
}

TEST_F(CentreQueueTest, TransferIsAnnouncedAndRecordedForTheProvinceInItsTransaction) {
    auto listener = connect();
    ASSERT_TRUE(listener.run("LISTEN kiosk_queue").ok());
    const CentreTicket a1 = issue('A');
    ASSERT_EQ(callNext(4), "A001");
    ASSERT_TRUE(queue_->transfer(a1.id, 'C', "AC").ok());

    std::vector<nlohmann::json> events;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (events.size() < 3 && std::chrono::steady_clock::now() < deadline) {
        pollfd socket{PQsocket(listener.handle()), POLLIN, 0};
        ::poll(&socket, 1, 100);
        ASSERT_EQ(PQconsumeInput(listener.handle()), 1);
        while (PGnotify* notify = PQnotifies(listener.handle())) {
            events.push_back(nlohmann::json::parse(notify->extra));
            PQfreemem(notify);
        }
    }
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[2]["event"], "transferred");
    EXPECT_EQ(events[2]["number"], "A001");
    EXPECT_EQ(events[2]["service"], "C");
    EXPECT_EQ(events[2]["status"], "waiting");
    EXPECT_TRUE(events[2]["desk"].is_null());

    auto outbox = connection_->query("SELECT kind, payload FROM province_outbox ORDER BY seq");
    ASSERT_TRUE(outbox.ok()) << outbox.error().message;
    ASSERT_EQ(outbox->count(), 3);
    EXPECT_EQ(outbox->text(2, 0), "ticket.transferred");
    const auto payload = nlohmann::json::parse(outbox->text(2, 1));
    EXPECT_EQ(payload["label"], "A001");
    EXPECT_EQ(payload["letter"], "A");
    EXPECT_EQ(payload["service"], "C");
    EXPECT_EQ(payload["from_service"], "A");
    EXPECT_EQ(payload["state"], "waiting");
    EXPECT_EQ(payload["desk"], "");
    // Later events keep the printed label.
    ASSERT_EQ(callNext(5, "C"), "A001");
    auto called = connection_->query("SELECT payload FROM province_outbox ORDER BY seq DESC LIMIT 1");
    ASSERT_TRUE(called.ok());
    EXPECT_EQ(nlohmann::json::parse(called->text(0, 0))["label"], "A001");
}
