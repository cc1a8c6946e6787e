// The listening side on a real PostgreSQL: a change committed by one connection reaches the
// listener within half a second; a server crash (pg_ctl stop -m immediate) and restart ends in a
// "resync needed" and later changes arrive again; the board feed turns them into the board's
// state and its spoken calls.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/BoardFeed.h"
#include "kiosk/centre/CentreListener.h"
#include "kiosk/centre/CentreQueue.h"

using kiosk::centre::CentreListener;
using kiosk::centre::CentreQueue;
using kiosk::centre::Heard;
using kiosk::centre::QueueEvent;
using kiosk::centre::QueueEventKind;
using kiosk::queue::Priority;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

class CentreListenerTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        connection_.emplace(connectMigrated());
        queue_.emplace(*connection_, clock_);
    }

    // Waits until the listener (re)connects; false after `limit`.
    static bool waitForResync(CentreListener& listener, std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline)
            if (listener.wait(100ms).resyncNeeded) return true;
        return false;
    }

    // The first event of `kind` within `limit`, and when it arrived.
    static std::optional<std::pair<QueueEvent, Clock::time_point>> waitForEvent(
        CentreListener& listener, QueueEventKind kind, std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
            Heard heard = listener.wait(50ms);
            const auto at = Clock::now();
            for (const QueueEvent& event : heard.events)
                if (event.kind == kind) return std::pair{event, at};
        }
        return std::nullopt;
    }

    kiosk::SystemWallClock clock_;
    std::optional<kiosk::centre::PgConnection> connection_;
    std::optional<CentreQueue> queue_;
};

}  // namespace

TEST_F(CentreListenerTest, ACallReachesTheListenerWithinHalfASecond) {
    CentreListener listener(connectionString_);
    ASSERT_TRUE(waitForResync(listener, 5000ms)) << "the listener never connected";
    ASSERT_TRUE(queue_->issue('A', Priority::None, "kiosk-1").ok());
    auto called = queue_->callNext(2);
    const auto committed = Clock::now();
    ASSERT_TRUE(called.ok() && *called);
    auto heard = waitForEvent(listener, QueueEventKind::Called, 2000ms);
    ASSERT_TRUE(heard) << "no call event";
    EXPECT_LT(heard->second - committed, 500ms);
    EXPECT_EQ(heard->first.id, (*called)->id);
    EXPECT_EQ(heard->first.number, "A001");
    EXPECT_EQ(heard->first.service, 'A');
    EXPECT_EQ(heard->first.desk, 2);
    EXPECT_EQ(heard->first.status, kiosk::queue::TicketState::Called);
}

TEST_F(CentreListenerTest, AServerRestartEndsInAResyncAndLaterEventsArrive) {
    CentreListener listener(connectionString_, {.first = 100ms, .longest = 400ms});
    ASSERT_TRUE(waitForResync(listener, 5000ms));
    queue_.reset();  // the queue's own connection dies with the server too
    connection_.reset();
    ASSERT_EQ(cluster().stopImmediately(), std::nullopt);
    bool lost = false;
    for (const auto deadline = Clock::now() + 5s; !lost && Clock::now() < deadline;)
        lost = listener.wait(100ms).problem.has_value();
    // Started again whatever happened above, so the tests after this one have a server.
    ASSERT_EQ(cluster().startAgain(), std::nullopt);
    ASSERT_TRUE(lost) << "the listener did not notice the server going away";
    EXPECT_FALSE(listener.connected());
    ASSERT_TRUE(waitForResync(listener, 15000ms)) << "no reconnection after the server came back";
    EXPECT_TRUE(listener.connected());

    // The test server commits asynchronously (synchronous_commit=off), so a crash may take the
    // last commits with it, the schema included: migrate again, as `centre init` is safe to.
    connection_.emplace(connectMigrated());
    queue_.emplace(*connection_, clock_);
    auto issued = queue_->issue('B', Priority::None, "kiosk-1");
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    auto called = queue_->callNext(4);
    ASSERT_TRUE(called.ok()) << called.error().message;
    auto heard = waitForEvent(listener, QueueEventKind::Called, 2000ms);
    ASSERT_TRUE(heard) << "no event after the reconnection";
    EXPECT_EQ(heard->first.number, "B001");
    EXPECT_EQ(heard->first.desk, 4);
}

TEST_F(CentreListenerTest, AnAbsentServerIsRetriedWithADoublingDelay) {
    CentreListener listener("host=/nonexistent-socket-dir port=1 user=postgres dbname=none connect_timeout=2",
                            {.first = 200ms, .longest = 400ms});
    EXPECT_TRUE(listener.wait(10ms).problem) << "the first attempt is made at once";
    EXPECT_FALSE(listener.wait(10ms).problem) << "no second attempt before the delay";
    const auto start = Clock::now();
    Heard second;
    while (!second.problem && Clock::now() - start < 3s)
        second = listener.wait(1000ms);
    EXPECT_TRUE(second.problem);
    EXPECT_GE(Clock::now() - start, 150ms);
    const auto thirdStart = Clock::now();
    Heard third;
    while (!third.problem && Clock::now() - thirdStart < 3s)
        third = listener.wait(1000ms);
    EXPECT_GE(Clock::now() - thirdStart, 350ms) << "the delay doubles";
    EXPECT_FALSE(listener.connected());
}

// The feed as the board uses it: a full load at connection, then the events.
TEST_F(CentreListenerTest, TheBoardFeedLoadsTodayThenFollowsCallsAndRecalls) {
    for (char service : {'A', 'A', 'A', 'B'})
        ASSERT_TRUE(queue_->issue(service, Priority::None, "kiosk-1").ok());
    auto first = queue_->callNext(1);
    ASSERT_TRUE(first.ok() && *first);

    std::mutex mutex;
    std::condition_variable changed;
    int changes = 0;
    kiosk::centre::BoardFeed feed(
        connectionString_, clock_,
        [&] {
            std::lock_guard lock(mutex);
            ++changes;
            changed.notify_all();
        },
        {}, "board-hall");
    auto waitUntil = [&](const std::function<bool(const kiosk::centre::BoardSnapshot&)>& shows) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, 3s, [&] {
            lock.unlock();
            const bool ok = shows(*feed.snapshot());
            lock.lock();
            return ok;
        });
    };
    ASSERT_TRUE(waitUntil([](const auto& shown) { return shown.connected; }));
    const auto loaded = *feed.snapshot();
    ASSERT_EQ(loaded.board.state().desks.size(), 1u);
    EXPECT_EQ(loaded.board.state().desks[0].number, "A001");
    EXPECT_EQ(loaded.board.nextNumbers('A', 5), (std::vector<std::string>{"A002", "A003"}));
    EXPECT_EQ(loaded.board.nextNumbers('B', 5), (std::vector<std::string>{"B001"}));
    EXPECT_TRUE(feed.takeAnnouncements().empty()) << "what was called before the board started is not said";
    // The board is in the centre's terminal list (centre status), noted when it connected.
    bool listed = false;
    for (const auto deadline = Clock::now() + 2s; !listed && Clock::now() < deadline;) {
        auto terminals = queue_->terminals();
        ASSERT_TRUE(terminals.ok());
        for (const auto& terminal : *terminals)
            listed = listed || (terminal.id == "board-hall" && terminal.role == "board");
        if (!listed) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(listed);

    auto second = queue_->callNext(2, "A");
    const auto committed = Clock::now();
    ASSERT_TRUE(second.ok() && *second);
    ASSERT_TRUE(waitUntil([](const auto& shown) { return shown.board.state().desks.size() == 2; }));
    EXPECT_LT(Clock::now() - committed, 500ms);
    EXPECT_EQ(feed.snapshot()->board.state().desks[1].number, "A002");
    EXPECT_EQ(feed.takeAnnouncements(), (std::vector<kiosk::centre::Announcement>{{"A002", 2, false}}));

    ASSERT_TRUE(queue_->recall((*second)->id, 2).ok());
    std::vector<kiosk::centre::Announcement> again;
    for (const auto deadline = Clock::now() + 2s; again.empty() && Clock::now() < deadline;) {
        std::this_thread::sleep_for(20ms);
        again = feed.takeAnnouncements();
    }
    EXPECT_EQ(again, (std::vector<kiosk::centre::Announcement>{{"A002", 2, true}}));
}
