#include "kiosk/sync/Outbox.h"

#include <gtest/gtest.h>

#include <set>

#include "kiosk/sync/OutboxBatch.h"
#include "kiosk/sync/SyncDiagnostics.h"
#include "kiosk/sync/Uuid.h"
#include "unit/sync/SyncTestSupport.h"

using kiosk::store::Database;
using kiosk::sync::Batch;
using kiosk::sync::BatchLimits;
using kiosk::sync::BatchReply;
using kiosk::sync::Exchange;
using kiosk::sync::nextBatch;
using sync_test::countRows;
using sync_test::testTime;

namespace {

class OutboxTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = sync_test::freshDir("outbox-" + sync_test::currentTestName());
        auto opened = Database::openInDirectory(dir_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(*opened));
    }

    Batch next(BatchLimits limits = {}) {
        auto batch = nextBatch(*database_, sync_test::kKioskId, limits, testTime());
        EXPECT_TRUE(batch.ok()) << batch.error().message;
        EXPECT_TRUE(batch.ok() && batch->has_value());
        return batch.ok() && batch->has_value() ? **batch : Batch{};
    }

    std::filesystem::path dir_;
    std::optional<Database> database_;
};

}  // namespace

TEST_F(OutboxTest, AppendGivesEachEventAUuidASequenceAndTheDeviceTime) {
    sync_test::appendTestEvents(*database_, 3);
    auto rows = database_->prepare("SELECT seq, uuid, kind, at_ms, payload, state FROM outbox ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    std::set<std::string> uuids;
    for (int64_t expectedSeq = 1; expectedSeq <= 3; ++expectedSeq) {
        ASSERT_TRUE(*rows->step());
        EXPECT_EQ(rows->columnInt(0), expectedSeq);
        const std::string uuid = rows->columnText(1);
        EXPECT_TRUE(kiosk::sync::isUuid(uuid)) << uuid;
        EXPECT_EQ(uuid[14], '4') << "version 4";
        EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos) << "RFC 9562 variant";
        uuids.insert(uuid);
        EXPECT_EQ(rows->columnText(2), "test.event");
        EXPECT_EQ(rows->columnInt(3),
                  (testTime() + std::chrono::seconds(expectedSeq - 1)).time_since_epoch().count());
        EXPECT_EQ(nlohmann::json::parse(rows->columnText(4))["n"], expectedSeq - 1);
        EXPECT_EQ(rows->columnText(5), "pending");
    }
    EXPECT_EQ(uuids.size(), 3u);
}

TEST_F(OutboxTest, SequenceNumbersAreNeverReusedAfterPruning) {
    sync_test::appendTestEvents(*database_, 3);
    ASSERT_TRUE(database_->exec("UPDATE outbox SET state = 'sent', done_at_ms = 0").ok());
    auto pruned = kiosk::sync::pruneSent(*database_, testTime());
    ASSERT_TRUE(pruned.ok());
    EXPECT_EQ(*pruned, 3);
    sync_test::appendTestEvents(*database_, 1);
    auto seq = database_->prepare("SELECT seq FROM outbox");
    ASSERT_TRUE(seq.ok() && *seq->step());
    EXPECT_EQ(seq->columnInt(0), 4);
}

TEST_F(OutboxTest, PruningNeverDeletesPendingOrRejectedEvents) {
    sync_test::appendTestEvents(*database_, 3);
    ASSERT_TRUE(database_->exec("UPDATE outbox SET state = 'rejected', done_at_ms = 0 WHERE seq = 2").ok());
    auto pruned = kiosk::sync::pruneSent(*database_, testTime() + std::chrono::hours(24 * 10000));
    ASSERT_TRUE(pruned.ok());
    EXPECT_EQ(*pruned, 0);
    EXPECT_EQ(countRows(*database_, "1"), 3);
}

TEST_F(OutboxTest, RollsBackWithTheTransactionItIsPartOf) {
    auto failed = database_->transaction([&]() -> kiosk::Status {
        auto appended = kiosk::sync::appendEvent(*database_, "test.event", {{"n", 1}}, testTime());
        if (!appended) return appended;
        return kiosk::Error{"test.failed", "the change itself failed"};
    });
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(countRows(*database_, "1"), 0);
}

TEST_F(OutboxTest, RefusesWhatLooksLikePersonalData) {
    for (const nlohmann::json& payload :
         {nlohmann::json{{"cccd", "001203004567"}}, nlohmann::json{{"phone", "+84 912 345 678"}},
          nlohmann::json{{"nested", {{"list", {"ok", "0912345678"}}}}}}) {
        auto appended = kiosk::sync::appendEvent(*database_, "test.event", payload, testTime());
        ASSERT_FALSE(appended.ok()) << payload.dump();
        EXPECT_EQ(appended.error().code, "sync.personal_data");
        EXPECT_NE(appended.error().message.find("household key"), std::string::npos);
    }
    // Household keys, dates, short codes and numbers are fine.
    EXPECT_TRUE(
        kiosk::sync::appendEvent(*database_, "test.event",
                                 {{"household_key", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d"},
                                  {"day", "2026-11-23"},
                                  {"commune", "26734"},
                                  {"issued_at_ms", int64_t{1795399200000}}},
                                 testTime())
            .ok());
    EXPECT_EQ(countRows(*database_, "1"), 1);
}

TEST_F(OutboxTest, RefusesBadKindsPayloadsAndSizes) {
    EXPECT_EQ(kiosk::sync::appendEvent(*database_, "Ticket Issued", {{"n", 1}}, testTime()).error().code,
              "sync.bad_kind");
    EXPECT_EQ(
        kiosk::sync::appendEvent(*database_, "test.event", nlohmann::json::array(), testTime()).error().code,
        "sync.bad_payload");
    EXPECT_EQ(
        kiosk::sync::appendEvent(*database_, "test.event", {{"pad", std::string(20000, 'x')}}, testTime())
            .error()
            .code,
        "sync.event_too_large");
    EXPECT_EQ(countRows(*database_, "1"), 0);
}

TEST_F(OutboxTest, CountsScansByKindOnly) {
    for (const char* kind : {"vietqr", "cccd", "url", "text", "emv"})
        ASSERT_TRUE(kiosk::sync::countScan(*database_, kind, testTime()).ok()) << kind;
    const auto unknown = kiosk::sync::countScan(*database_, "https://example.com/", testTime());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "sync.bad_scan_kind");
    auto rows = database_->prepare("SELECT kind, payload FROM outbox ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    std::vector<std::string> kinds;
    while (*rows->step()) {
        EXPECT_EQ(rows->columnText(0), "scan.counted");
        const auto payload = nlohmann::json::parse(rows->columnText(1));
        EXPECT_EQ(payload.size(), 1u) << "a scan event carries its kind and nothing else";
        kinds.push_back(payload["scan_kind"]);
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"vietqr", "cccd", "url", "text", "emv"}));
}

TEST_F(OutboxTest, BatchesStopAtFiveHundredEvents) {
    sync_test::appendTestEvents(*database_, 1200);
    const Batch first = next();
    EXPECT_EQ(first.events, 500);
    EXPECT_EQ(first.firstSeq, 1);
    EXPECT_EQ(first.lastSeq, 500);
    ASSERT_TRUE(
        kiosk::sync::settleBatch(*database_, first, BatchReply{}, Exchange{testTime(), std::nullopt, 200})
            .ok());
    // Nothing accepted: the events go back and the next batch starts at the same place, new key.
    const Batch again = next();
    EXPECT_EQ(again.firstSeq, 1);
    EXPECT_NE(again.uuid, first.uuid);
}

TEST_F(OutboxTest, BatchesStopBeforeOneMegabyte) {
    sync_test::appendTestEvents(*database_, 300, 0, 100, 10'000);
    const Batch batch = next();
    EXPECT_LE(batch.body.size(), 1'000'000u);
    EXPECT_GT(batch.body.size(), 950'000u);
    EXPECT_LT(batch.events, 100);
    EXPECT_TRUE(nlohmann::json::accept(batch.body));
}

TEST_F(OutboxTest, AnOpenBatchIsResentWithTheSameKeyAndBodyAfterARestart) {
    sync_test::appendTestEvents(*database_, 10);
    const Batch first = next();
    // New events arrive, the process dies, another connection picks up.
    sync_test::appendTestEvents(*database_, 5, 10);
    auto reopened = Database::openInDirectory(dir_);
    ASSERT_TRUE(reopened.ok());
    auto again = nextBatch(*reopened, sync_test::kKioskId, {}, testTime() + std::chrono::hours(1));
    ASSERT_TRUE(again.ok() && again->has_value());
    EXPECT_EQ((*again)->uuid, first.uuid);
    EXPECT_EQ((*again)->body, first.body);
    EXPECT_EQ((*again)->events, 10);
}

TEST_F(OutboxTest, SettlingMarksOnlyAcceptedEventsOfThisBatch) {
    sync_test::appendTestEvents(*database_, 6);
    const Batch batch = next(BatchLimits{4, 1'000'000});
    const auto stored = sync_test::storedEvents(*database_);
    std::map<int64_t, std::string> bySeq;
    for (const auto& [uuid, event] : stored)
        bySeq[event.seq] = uuid;
    BatchReply reply;
    reply.accepted = {bySeq[1], bySeq[2], bySeq[6] /* not in this batch: ignored */, "no-such-id"};
    reply.rejected = {{bySeq[3], "bad_event", "refused"}};
    auto settled = kiosk::sync::settleBatch(*database_, batch, reply,
                                            Exchange{testTime(), std::chrono::seconds(3), 200});
    ASSERT_TRUE(settled.ok()) << settled.error().message;
    EXPECT_EQ(settled->sent, 2);
    EXPECT_EQ(settled->rejected, 1);
    EXPECT_EQ(settled->returned, 1);  // seq 4: in neither list
    EXPECT_EQ(countRows(*database_, "state = 'sent'"), 2);
    EXPECT_EQ(countRows(*database_, "state = 'rejected' AND seq = 3"), 1);
    EXPECT_EQ(countRows(*database_, "state = 'pending' AND batch_id IS NULL"), 3);
    const Batch following = next();
    EXPECT_EQ(following.firstSeq, 4);
    EXPECT_EQ(following.events, 3);

    auto diagnostics = kiosk::sync::readDiagnostics(*database_);
    ASSERT_TRUE(diagnostics.ok());
    EXPECT_EQ(diagnostics->sent, 2);
    EXPECT_EQ(diagnostics->rejected, 1);
    EXPECT_EQ(diagnostics->pending, 3);
    EXPECT_EQ(diagnostics->serverClockOffset, std::chrono::seconds(3));
    EXPECT_EQ(diagnostics->lastSuccess, testTime());
}

TEST_F(OutboxTest, RejectedEventsAreKeptAndCanBeRequeued) {
    sync_test::appendTestEvents(*database_, 3);
    const Batch batch = next();
    BatchReply reply;
    for (const auto& [uuid, event] : sync_test::storedEvents(*database_))
        reply.rejected.push_back({uuid, "unknown_kind", "kind test.event is not known"});
    auto rejected =
        kiosk::sync::settleBatch(*database_, batch, reply, Exchange{testTime(), std::nullopt, 200});
    ASSERT_TRUE(rejected.ok());
    EXPECT_EQ(rejected->rejected, 3);
    EXPECT_EQ(countRows(*database_, "state = 'rejected'"), 3);
    auto none = nextBatch(*database_, sync_test::kKioskId, {}, testTime());
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value()) << "rejected events are not sent again by themselves";

    auto diagnostics = kiosk::sync::readDiagnostics(*database_);
    ASSERT_TRUE(diagnostics.ok());
    EXPECT_EQ(diagnostics->rejected, 3);
    EXPECT_NE(diagnostics->lastRejection.find("unknown_kind: kind test.event is not known"),
              std::string::npos)
        << diagnostics->lastRejection;

    auto requeued = kiosk::sync::requeueRejected(*database_);
    ASSERT_TRUE(requeued.ok());
    EXPECT_EQ(*requeued, 3);
    EXPECT_EQ(next().events, 3);
}

// A 413 gives the batch up unanswered: its events wait again, for smaller batches under new keys.
TEST_F(OutboxTest, ASplitBatchReleasesItsEventsAndLeavesNoTrace) {
    sync_test::appendTestEvents(*database_, 10);
    const Batch batch = next();
    ASSERT_TRUE(
        kiosk::sync::splitBatch(*database_, batch, "too large", Exchange{testTime(), std::nullopt, 413})
            .ok());
    EXPECT_EQ(countRows(*database_, "state = 'pending' AND batch_id IS NULL"), 10);
    const Batch smaller = next(BatchLimits{5, 1'000'000});
    EXPECT_NE(smaller.uuid, batch.uuid);
    EXPECT_EQ(smaller.events, 5);
    auto diagnostics = kiosk::sync::readDiagnostics(*database_);
    ASSERT_TRUE(diagnostics.ok());
    EXPECT_EQ(diagnostics->lastError, "too large");
    EXPECT_EQ(diagnostics->rejected, 0);
}

// While a batch is retried, diagnostics say so, with the status of the last answer.
TEST_F(OutboxTest, AFailedTryIsCountedWithItsHttpStatus) {
    sync_test::appendTestEvents(*database_, 4);
    const Batch batch = next();
    ASSERT_TRUE(
        kiosk::sync::recordFailure(*database_, &batch, "HTTP 404", Exchange{testTime(), std::nullopt, 404})
            .ok());
    ASSERT_TRUE(
        kiosk::sync::recordFailure(*database_, &batch, "HTTP 404", Exchange{testTime(), std::nullopt, 404})
            .ok());
    auto diagnostics = kiosk::sync::readDiagnostics(*database_);
    ASSERT_TRUE(diagnostics.ok());
    EXPECT_EQ(diagnostics->failedTries, 2);
    EXPECT_EQ(diagnostics->lastHttpStatus, 404);
    EXPECT_NE(kiosk::sync::formatDiagnosticsLine(*diagnostics)
                  .find("retrying after 2 failed tries (last answer HTTP 404)"),
              std::string::npos);
    EXPECT_EQ(kiosk::sync::diagnosticsJson(*diagnostics)["last_http_status"], 404);
}

TEST_F(OutboxTest, DiagnosticsFormatAsOneLineAndAsJson) {
    sync_test::appendTestEvents(*database_, 2);
    auto diagnostics = kiosk::sync::readDiagnostics(*database_);
    ASSERT_TRUE(diagnostics.ok());
    diagnostics->serverClockOffset = std::chrono::milliseconds(-1500);
    diagnostics->lastError = "cannot connect";
    const std::string line = kiosk::sync::formatDiagnosticsLine(*diagnostics);
    EXPECT_EQ(
        line,
        "sync: 2 pending, 0 sent, 0 rejected; last success never; oldest pending 2026-11-23T02:00:00.000Z; "
        "server clock -1.5 s; last error: cannot connect");
    const auto json = kiosk::sync::diagnosticsJson(*diagnostics);
    EXPECT_EQ(json["pending"], 2);
    EXPECT_EQ(json["server_clock_offset_ms"], -1500);
    EXPECT_TRUE(json["last_success"].is_null());
    EXPECT_EQ(json["phase"], "unknown");
}
