// The sync thread against a real HTTPS server on loopback that misbehaves on command. After every
// fault script the server must hold every event exactly once (after dedup by uuid), the outbox
// must have no unsent rows (except where the server rejected them), and every request must have
// ended within its timeout. Waits are shortened through SyncHooks::realWait; the planned ones are
// recorded and checked.
#include "kiosk/sync/Syncer.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "unit/sync/SyncerFixture.h"

using kiosk::store::Database;
using kiosk::sync::SyncAttempt;
using kiosk::sync::Syncer;
using kiosk::sync::SyncHooks;
using kiosk::sync::SyncPhase;
using kiosk::sync::SyncSettings;
using std::chrono::milliseconds;
using sync_test::EventServer;
using sync_test::Fault;
using namespace std::chrono_literals;

using sync_test::SyncerTest;

TEST_F(SyncerTest, DeliversEverythingInBatchesOfAtMostFiveHundred) {
    sync_test::appendTestEvents(*database_, 1234);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto requests = server_->requests();
    ASSERT_EQ(requests.size(), 3u);
    for (const auto& request : requests) {
        EXPECT_LE(request.events, 500);
        EXPECT_LE(request.bodyBytes, 1'000'000u);
        EXPECT_EQ(request.idempotencyKey, request.batchId);
    }
    const auto diagnostics = syncer_->diagnostics();
    EXPECT_EQ(diagnostics.pending, 0);
    EXPECT_EQ(diagnostics.sent, 1234);
    EXPECT_EQ(diagnostics.phase, SyncPhase::Idle);
    EXPECT_TRUE(diagnostics.lastSuccess.has_value());
    EXPECT_TRUE(diagnostics.lastError.empty());
    expectEveryRequestWithinItsTimeout();
}

TEST_F(SyncerTest, NewEventsAreSentAfterWake) {
    start(settings());
    drain();
    sync_test::appendTestEvents(*database_, 7);
    syncer_->wake();
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

// waitUntilIdle() must not count a pass that read the outbox before the caller wrote: with a pass
// under way when the events were written, it once returned with every event unsent (CI, under
// load). The clock is read before a pass reads the outbox and again after an idle one: made slow,
// it holds each idle pass open for 15 ms after its read, and each round below writes inside that
// window (the pass after a drain starts at once, reads at ~15 ms, ends at ~30 ms).
TEST_F(SyncerTest, WaitUntilIdleCountsOnlyAPassBegunAfterTheCall) {
    auto hooks = this->hooks();
    hooks.now = [] {
        std::this_thread::sleep_for(15ms);
        return std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
    };
    settings_ = settings();
    syncer_ = std::make_unique<Syncer>(settings_, hooks);
    ASSERT_TRUE(syncer_->start().ok());
    drain();
    for (int round = 0; round < 10; ++round) {
        std::this_thread::sleep_for(20ms);
        sync_test::appendTestEvents(*database_, 1);
        drain();
        ASSERT_EQ(syncer_->diagnostics().pending, 0) << "round " << round;
    }
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

TEST_F(SyncerTest, ConnectionDroppedAfterTheServerCommittedIsRetriedUnderTheSameKey) {
    sync_test::appendTestEvents(*database_, 1000);
    server_->failNext(Fault::DropAfterCommit, 2);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    // The server got the first batch three times (twice dropped) under one key and one body.
    EXPECT_EQ(server_->deliveries(), 1000u + 2 * 500u);
    const auto requests = server_->requests();
    ASSERT_GE(requests.size(), 3u);
    EXPECT_EQ(requests[0].idempotencyKey, requests[1].idempotencyKey);
    EXPECT_EQ(requests[1].idempotencyKey, requests[2].idempotencyKey);
    EXPECT_EQ(requests[0].bodyHash, requests[2].bodyHash);
    EXPECT_EQ(countOutcome(SyncAttempt::Outcome::Retry), 2);
    expectEveryRequestWithinItsTimeout();
}

TEST_F(SyncerTest, ServerErrorsAreRetriedWithFullJitterBackoff) {
    sync_test::appendTestEvents(*database_, 20);
    server_->failNext(Fault::Error500, 4);
    auto settings = this->settings();
    start(settings);
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_EQ(all.size(), 5u);
    // The n-th failure in a row waits at most base · 2^(n-1).
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(all[i].outcome, SyncAttempt::Outcome::Retry);
        EXPECT_EQ(all[i].httpStatus, 500);
        ASSERT_TRUE(all[i].wait.has_value());
        EXPECT_LE(*all[i].wait, settings.backoffBase * (1 << i)) << i;
        EXPECT_NE(all[i].problem.find("HTTP 500: internal: the database is unavailable"), std::string::npos)
            << all[i].problem;
    }
    EXPECT_EQ(all[4].outcome, SyncAttempt::Outcome::Sent);
    expectEveryRequestWithinItsTimeout();
}

TEST_F(SyncerTest, BusyServerIsHonouredInSecondsAndAsAnHttpDate) {
    sync_test::appendTestEvents(*database_, 20);
    server_->setClockSkew(3600s);  // the server's clock is an hour ahead: the date is read on its clock
    const auto inTwoMinutes = std::chrono::system_clock::now() + 3600s + 120s;
    const time_t seconds = std::chrono::system_clock::to_time_t(inTwoMinutes);
    char date[64];
    struct tm parts {};
    gmtime_r(&seconds, &parts);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    server_->failNext(Fault::Busy503, 1, "7");
    server_->failNext(Fault::Busy503, 1, date);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_EQ(all.size(), 3u);
    ASSERT_TRUE(all[0].wait && all[1].wait);
    EXPECT_GE(*all[0].wait, 7s);
    EXPECT_LE(*all[0].wait, 7700ms);
    EXPECT_GE(*all[1].wait, 118s);
    EXPECT_LE(*all[1].wait, 135s);
    const auto offset = syncer_->diagnostics().serverClockOffset;
    ASSERT_TRUE(offset.has_value());
    EXPECT_NEAR(static_cast<double>(offset->count()), 3600'000.0, 1500.0);
}

TEST_F(SyncerTest, AHangingServerTimesOutAndTheBatchIsRetried) {
    sync_test::appendTestEvents(*database_, 20);
    server_->failNext(Fault::Hang, 1);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_GE(all.size(), 2u);
    EXPECT_EQ(all[0].outcome, SyncAttempt::Outcome::Retry);
    EXPECT_NE(all[0].problem.find("did not answer in time"), std::string::npos) << all[0].problem;
    EXPECT_GE(all[0].elapsed, 900ms);
    expectEveryRequestWithinItsTimeout();
}

TEST_F(SyncerTest, AServerTricklingOneBytePerSecondIsGivenUp) {
    sync_test::appendTestEvents(*database_, 20);
    server_->failNext(Fault::Trickle, 1);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_GE(all.size(), 2u);
    EXPECT_EQ(all[0].outcome, SyncAttempt::Outcome::Retry);
    EXPECT_NE(all[0].problem.find("did not answer in time"), std::string::npos) << all[0].problem;
    expectEveryRequestWithinItsTimeout();
}

TEST_F(SyncerTest, EventsRejectedOneByOneAreKeptShownAndSentAgainWhenRequeued) {
    sync_test::appendTestEvents(*database_, 700);
    server_->failNext(Fault::RejectOddSeq, 1);
    start(settings());
    drain();
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'rejected'"), 250);
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'pending'"), 0);
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'sent'"), 450);
    const auto diagnostics = syncer_->diagnostics();
    EXPECT_EQ(diagnostics.rejected, 250);

    // The technician requeues them once the server is fixed: then all arrive, once each.
    auto requeued = kiosk::sync::requeueRejected(*database_);
    ASSERT_TRUE(requeued.ok());
    EXPECT_EQ(*requeued, 250);
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

TEST_F(SyncerTest, ARefusedTokenKeepsTheEventsAndSaysWhatToCheck) {
    sync_test::appendTestEvents(*database_, 20);
    server_->failNext(Fault::Unauthorized401, 3);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
    const auto all = attempts();
    ASSERT_EQ(all.size(), 4u);
    EXPECT_NE(all[0].problem.find("check the [sync] token"), std::string::npos) << all[0].problem;
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'rejected'"), 0);
}

TEST_F(SyncerTest, EventsTheServerDidNotListAreSentAgain) {
    sync_test::appendTestEvents(*database_, 40);
    server_->failNext(Fault::AcceptHalf, 3);
    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

TEST_F(SyncerTest, EventsRejectedOneByOneAreParkedAndTheOthersSent) {
    sync_test::appendTestEvents(*database_, 10);
    server_->failNext(Fault::RejectOddSeq, 1);
    start(settings());
    drain();
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'rejected' AND seq % 2 = 1"), 5);
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'sent' AND seq % 2 = 0"), 5);
    EXPECT_EQ(server_->events().size(), 5u);
}

TEST_F(SyncerTest, AnUntrustedCertificateSendsNothingUntilTheRightServerAnswers) {
    sync_test::appendTestEvents(*database_, 30);
    const auto impostorCertificate = sync_test::makeCertificate(dir_, "impostor");
    auto impostor = std::make_unique<EventServer>(impostorCertificate);
    start(sync_test::testSettings(impostor->url(), database_->file(), trusted_));
    ASSERT_TRUE(waitForAttempts(3));
    syncer_->stop();
    EXPECT_TRUE(impostor->requests().empty()) << "no request may reach a server the kiosk does not trust";
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'pending'"), 30);
    for (const SyncAttempt& attempt : attempts()) {
        if (attempt.outcome == SyncAttempt::Outcome::Stopped) continue;  // the one stop() cut short
        EXPECT_EQ(attempt.outcome, SyncAttempt::Outcome::Retry);
        EXPECT_NE(attempt.problem.find("certificate is not trusted"), std::string::npos) << attempt.problem;
    }
    EXPECT_NE(syncer_->diagnostics().lastError.find("certificate"), std::string::npos);
    expectEveryRequestWithinItsTimeout();

    start(settings());
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

TEST_F(SyncerTest, APinnedKeyIsEnforced) {
    sync_test::appendTestEvents(*database_, 30);
    const auto otherKey = sync_test::makeCertificate(dir_, "other");
    auto wrongPin = settings();
    wrongPin.pinnedPublicKey = otherKey.pin;
    start(wrongPin);
    ASSERT_TRUE(waitForAttempts(2));
    syncer_->stop();
    EXPECT_TRUE(server_->requests().empty()) << "a server whose key does not match the pin got a request";
    for (const SyncAttempt& attempt : attempts()) {
        if (attempt.outcome == SyncAttempt::Outcome::Stopped) continue;  // the one stop() cut short
        EXPECT_NE(attempt.problem.find("does not match the pinned key"), std::string::npos)
            << attempt.problem;
    }
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'pending'"), 30);

    auto rightPin = settings();
    rightPin.pinnedPublicKey = otherKey.pin + ";" + trusted_.pin;  // several pins: any may match
    start(rightPin);
    drain();
    sync_test::expectDeliveredExactlyOnce(*database_, *server_);
}

TEST_F(SyncerTest, StopEndsAHangingRequestPromptly) {
    sync_test::appendTestEvents(*database_, 5);
    server_->failNext(Fault::Hang, 1);
    auto patient = settings();
    patient.totalTimeout = 60s;
    patient.lowSpeedTime = 60s;
    start(patient);
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (server_->requests().empty() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    ASSERT_FALSE(server_->requests().empty());
    const auto stopping = std::chrono::steady_clock::now();
    syncer_->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 500ms);
    EXPECT_EQ(syncer_->diagnostics().phase, SyncPhase::Stopped);
    EXPECT_EQ(sync_test::countRows(*database_, "state = 'pending'"), 5);
}

TEST_F(SyncerTest, StopEndsABackoffWaitPromptly) {
    sync_test::appendTestEvents(*database_, 5);
    server_->failNext(Fault::Error500, 1);
    SyncHooks realTime;  // the real 0-2 s wait, not shortened
    realTime.random = [] { return std::numeric_limits<uint32_t>::max(); };
    syncer_ = std::make_unique<Syncer>(settings(), realTime);
    ASSERT_TRUE(syncer_->start().ok());
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (syncer_->diagnostics().phase != SyncPhase::WaitingToRetry &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    ASSERT_EQ(syncer_->diagnostics().phase, SyncPhase::WaitingToRetry);
    EXPECT_TRUE(syncer_->diagnostics().nextAttempt.has_value());
    const auto stopping = std::chrono::steady_clock::now();
    syncer_->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 200ms);
}

TEST_F(SyncerTest, RefusesToStartWithoutUsableSettings) {
    auto plain = settings();
    plain.serverUrl = "http://127.0.0.1:1";
    Syncer syncer(plain);
    const auto started = syncer.start();
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, "sync.bad_settings");
    EXPECT_NE(started.error().message.find("https://"), std::string::npos);

    auto badPin = settings();
    badPin.pinnedPublicKey = "AAAA";
    EXPECT_EQ(Syncer(badPin).start().error().code, "sync.bad_settings");
    auto noToken = settings();
    noToken.token.clear();
    EXPECT_NE(Syncer(noToken).start().error().message.find("no token"), std::string::npos);
}

// Weeks offline: 100,000 pending events drain completely, in bounded batches, each exactly once.
// (Memory and speed are measured by bench_sync: peak RSS stays near 22 MB.)
TEST_F(SyncerTest, HundredThousandPendingEventsDrainInBoundedBatches) {
    sync_test::appendTestEvents(*database_, 100'000, 0, 5'000);
    start(settings());
    drain(180s);
    EXPECT_EQ(server_->events().size(), 100'000u);
    EXPECT_EQ(sync_test::countRows(*database_, "state <> 'sent'"), 0);
    const auto requests = server_->requests();
    EXPECT_GE(requests.size(), 200u);
    for (const auto& request : requests) {
        EXPECT_LE(request.events, 500);
        EXPECT_LE(request.bodyBytes, 1'000'000u);
    }
    EXPECT_TRUE(server_->keysWithDifferentBodies().empty());
}
