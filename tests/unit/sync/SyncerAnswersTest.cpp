// What the sync thread does with each kind of answer (kiosk/sync/Syncer.h): a whole batch refused
// with a 4xx is kept and retried with backoff, never parked (a typo in the path, a proxy's 413 or a
// firewall's 400 once parked every pending event within seconds); 413 halves the batch; an answer
// for less than half of a batch is followed by a backoff.
#include <gtest/gtest.h>

#include <limits>

#include "unit/sync/SyncerFixture.h"

using kiosk::sync::SyncAttempt;
using kiosk::sync::SyncPhase;
using std::chrono::milliseconds;
using sync_test::Fault;
using sync_test::SyncerTest;
using namespace std::chrono_literals;

namespace {

using SyncerAnswersTest = SyncerTest;

class WholeBatchRefusals : public SyncerTest, public testing::WithParamInterface<int> {};

}  // namespace

TEST_P(WholeBatchRefusals, AreKeptAndRetriedWithBackoffNeverParked) {
    const int status = GetParam();
    sync_test::appendTestEvents(*database_, 30);
    server_->answerNext(status, 3);
    start(settings());
    drain();
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'rejected'"), 0);
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_EQ(all.size(), 4u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(all[i].outcome, SyncAttempt::Outcome::Retry) << i;
        EXPECT_EQ(all[i].httpStatus, status);
        ASSERT_TRUE(all[i].wait.has_value());
        EXPECT_LE(*all[i].wait, settings_.backoffBase * (1 << i));
        EXPECT_NE(all[i].problem.find("HTTP " + std::to_string(status)), std::string::npos) << all[i].problem;
        const bool saysKept = all[i].problem.find("events are kept") != std::string::npos ||
                              all[i].problem.find("keeps the events") != std::string::npos;
        EXPECT_TRUE(saysKept) << all[i].problem;
    }
    EXPECT_EQ(all[3].outcome, SyncAttempt::Outcome::Sent);
}

INSTANTIATE_TEST_SUITE_P(Statuses, WholeBatchRefusals,
                         testing::Values(400, 404, 405, 408, 409, 410, 422, 429),
                         [](const testing::TestParamInfo<int>& status) {
                             return "Http" + std::to_string(status.param);
                         });

TEST_F(SyncerAnswersTest, AWrongPathIsShownAsRetryingWithItsStatus) {
    sync_test::appendTestEvents(*database_, 600);
    server_->answerNext(404, 1000);
    start(settings());
    ASSERT_TRUE(waitForAttempts(3));
    // The snapshot is refreshed before each wait; give the third one time to land.
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (syncer_->diagnostics().failedTries < 3 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    const auto diagnostics = syncer_->diagnostics();
    syncer_->stop();
    EXPECT_GE(diagnostics.failedTries, 3);
    EXPECT_EQ(diagnostics.lastHttpStatus, 404);
    EXPECT_EQ(diagnostics.rejected, 0);
    EXPECT_EQ(diagnostics.pending, 600);
    EXPECT_NE(diagnostics.lastError.find("HTTP 404"), std::string::npos) << diagnostics.lastError;
    EXPECT_NE(diagnostics.lastError.find("server_url"), std::string::npos) << diagnostics.lastError;
    EXPECT_NE(kiosk::sync::formatDiagnosticsLine(diagnostics).find("(last answer HTTP 404)"),
              std::string::npos)
        << kiosk::sync::formatDiagnosticsLine(diagnostics);
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'pending'"), 600);
}

TEST_F(SyncerAnswersTest, TooLargeHalvesTheBatchUntilItFits) {
    // Each event ~1.1 kB: a proxy that takes 64 kB bodies takes about 55 events.
    sync_test::appendTestEvents(*database_, 500, 0, 500, 1000);
    server_->setBodyLimit(64 * 1024);
    start(settings());
    drain();
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'rejected'"), 0);
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    std::vector<int> refused;
    for (const SyncAttempt& attempt : attempts()) {
        if (attempt.httpStatus == 413) {
            EXPECT_EQ(attempt.outcome, SyncAttempt::Outcome::Split);
            refused.push_back(attempt.events);
        }
    }
    EXPECT_EQ(refused, (std::vector<int>{500, 250, 125, 62})) << "halved until a batch fits";
    for (const auto& request : server_->requests())
        EXPECT_LE(request.events, 31);
}

TEST_F(SyncerAnswersTest, ASingleEventTooLargeWaitsWithBackoffAndIsKept) {
    sync_test::appendTestEvents(*database_, 8, 0, 500, 2000);
    server_->setBodyLimit(1000);
    random_ = [] { return std::numeric_limits<uint32_t>::max(); };
    start(settings());
    ASSERT_TRUE(waitForAttempts(7));
    const auto all = attempts();
    // 8 → 4 → 2 → 1 events, then the single event waits a growing backoff.
    ASSERT_EQ(all[0].events, 8);
    ASSERT_EQ(all[3].events, 1);
    for (size_t i = 3; i < 7; ++i) {
        EXPECT_EQ(all[i].outcome, SyncAttempt::Outcome::Retry) << i;
        EXPECT_EQ(all[i].events, 1);
        ASSERT_TRUE(all[i].wait.has_value());
        EXPECT_GE(*all[i].wait, settings_.backoffBase * (1 << (i - 3)));
    }
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'rejected'"), 0);

    server_->setBodyLimit(SIZE_MAX);  // the province raised the limit
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

// A server that answers for one event per batch: the kiosk must pause between requests, not send
// the other 499 again at once (192 requests in 12 s before).
TEST_F(SyncerAnswersTest, AnAnswerForLessThanHalfABatchIsFollowedByABackoff) {
    sync_test::appendTestEvents(*database_, 20);
    server_->failNext(Fault::AcceptOne, 4);
    random_ = [] { return std::numeric_limits<uint32_t>::max(); };
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_EQ(all.size(), 5u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(all[i].outcome, SyncAttempt::Outcome::Partial) << i;
        ASSERT_TRUE(all[i].wait.has_value()) << i;
        EXPECT_EQ(*all[i].wait, settings_.backoffBase * (1 << i)) << i;
    }
    EXPECT_EQ(all[4].outcome, SyncAttempt::Outcome::Sent);
    EXPECT_FALSE(all[4].wait.has_value());
}

TEST_F(SyncerAnswersTest, AnAnswerForHalfABatchOrMoreGoesOnAtOnce) {
    sync_test::appendTestEvents(*database_, 40);
    server_->failNext(Fault::AcceptHalf, 1);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    for (const SyncAttempt& attempt : attempts()) {
        EXPECT_EQ(attempt.outcome, SyncAttempt::Outcome::Sent);
        EXPECT_FALSE(attempt.wait.has_value());
    }
}

// Measured with real waits: how many requests one kiosk sends in 3 s to a server that takes one
// event per batch (base 500 ms, so 0.5 + 1 + 2 s of pauses at most).
TEST_F(SyncerAnswersTest, APartiallyAcceptingServerGetsFewRequestsInRealTime) {
    sync_test::appendTestEvents(*database_, 500);
    server_->failNext(Fault::AcceptOne, 1000);
    auto settings = this->settings();
    settings.backoffBase = 500ms;
    kiosk::sync::SyncHooks realTime;
    realTime.random = [] { return std::numeric_limits<uint32_t>::max(); };
    syncer_ = std::make_unique<kiosk::sync::Syncer>(settings, realTime);
    ASSERT_TRUE(syncer_->start().ok());
    std::this_thread::sleep_for(3s);
    syncer_->stop();
    const size_t requests = server_->requests().size();
    std::printf("requests in 3 s to a server taking one event per batch: %zu\n", requests);
    EXPECT_LE(requests, 4u);
    EXPECT_GE(requests, 2u);
}
