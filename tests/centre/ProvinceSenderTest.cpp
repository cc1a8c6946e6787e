// The centre's province outbox: events written in the same transaction as every ticket change,
// and one sender at a time by advisory lock, the others standing by and taking over when the
// sender's connection dies. The province is a fake PostBatch that records what it received.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/ProvinceSender.h"

using kiosk::centre::CentreQueue;
using kiosk::centre::ProvinceSender;
using kiosk::queue::Priority;
using namespace std::chrono_literals;

namespace {

const kiosk::WallTime kMorning{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 2h};

// Accepts every event and counts how often each event id arrived, and from which sender.
struct FakeProvince {
    std::map<std::string, int> received;  // event id -> times
    std::vector<nlohmann::json> bodies;

    kiosk::centre::PostBatch as(const std::string& sender, std::vector<std::string>& senders) {
        return [this, sender, &senders](const std::string& body, const std::string& key) {
            auto batch = nlohmann::json::parse(body);
            EXPECT_EQ(batch["batch_id"], key);
            nlohmann::json accepted = nlohmann::json::array();
            for (const auto& event : batch["events"]) {
                ++received[event["id"].get<std::string>()];
                accepted.push_back(event["id"]);
            }
            bodies.push_back(batch);
            senders.push_back(sender);
            kiosk::sync::UploadReply reply;
            reply.transferred = true;
            reply.httpStatus = 200;
            reply.body = nlohmann::json{{"v", 1}, {"accepted", accepted}}.dump();
            return reply;
        };
    }
};

class ProvinceSenderTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        centre_.emplace(connectMigrated());
        queue_.emplace(*centre_, clock_);
    }

    int64_t scalar(const std::string& sql) {
        auto rows = centre_->query(sql);
        EXPECT_TRUE(rows.ok()) << rows.error().message;
        return rows.ok() ? rows->integer(0, 0) : -1;
    }

    void issueSome(int count) {
        for (int i = 0; i < count; ++i)
            ASSERT_TRUE(queue_->issue('A', Priority::None, "kiosk-1").ok());
    }

    kiosk::ManualWallClock clock_{kMorning};
    std::optional<kiosk::centre::PgConnection> centre_;
    std::optional<CentreQueue> queue_;
};

TEST_F(ProvinceSenderTest, EveryTicketChangeWritesItsEventInItsOwnTransaction) {
    auto issued = queue_->issue('A', Priority::Pregnant, "kiosk-1");
    ASSERT_TRUE(issued.ok());
    ASSERT_TRUE(queue_->callNext(2).ok());
    ASSERT_TRUE(queue_->done(issued->id).ok());
    auto rows = centre_->query("SELECT kind, payload FROM province_outbox ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->count(), 3);
    EXPECT_EQ(rows->text(0, 0), "ticket.issued");
    EXPECT_EQ(rows->text(1, 0), "ticket.called");
    EXPECT_EQ(rows->text(2, 0), "ticket.done");
    const auto done = nlohmann::json::parse(rows->text(2, 1));
    EXPECT_EQ(done["label"], "A001");
    EXPECT_EQ(done["ticket_uuid"], issued->id);
    EXPECT_EQ(done["priority"], "pregnant");
    EXPECT_EQ(done["desk"], "2");
    EXPECT_EQ(done["state"], "done");

    // A change rolled back leaves no event behind.
    ASSERT_TRUE(centre_->run("BEGIN").ok());
    ASSERT_TRUE(centre_->run("UPDATE ticket SET status = 'no_show'").ok());
    ASSERT_TRUE(centre_->run("ROLLBACK").ok());
    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox"), 3);

    // Numbers from 1000 on (leased ones, A9990 ...) show all four digits, as the slip does.
    ASSERT_TRUE(centre_
                    ->run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk) VALUES "
                          "(gen_random_uuid(), '2026-12-03', 'A', 9990, 'none', 'waiting', 'kiosk-1')")
                    .ok());
    auto leased = centre_->query("SELECT payload FROM province_outbox ORDER BY seq DESC LIMIT 1");
    ASSERT_TRUE(leased.ok());
    EXPECT_EQ(nlohmann::json::parse(leased->text(0, 0))["label"], "A9990");
}

TEST_F(ProvinceSenderTest, OneSenderAtATimeAndAStandByTakesOverWhenItsConnectionDies) {
    FakeProvince province;
    std::vector<std::string> senders;
    ProvinceSender first(connectionString_, "centre-1", province.as("first", senders), {.maxEvents = 3});
    ProvinceSender second(connectionString_, "centre-1", province.as("second", senders), {.maxEvents = 3});
    issueSome(5);

    auto round = first.sendOnce();
    ASSERT_TRUE(round.ok()) << round.error().message;
    EXPECT_TRUE(round->sending);
    EXPECT_EQ(round->sent, 3);
    auto standing = second.sendOnce();
    ASSERT_TRUE(standing.ok()) << standing.error().message;
    EXPECT_FALSE(standing->sending);
    EXPECT_EQ(standing->events, 0);
    round = first.sendOnce();
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round->sent, 2);

    // The sender's terminal is cut off: its session ends, and with it the lock.
    issueSome(4);
    ASSERT_TRUE(centre_
                    ->run("SELECT pg_terminate_backend(pid, 2000) FROM pg_locks "
                          "WHERE locktype = 'advisory' AND granted")
                    .ok());
    auto takeover = second.sendOnce();
    ASSERT_TRUE(takeover.ok()) << takeover.error().message;
    EXPECT_TRUE(takeover->sending);
    EXPECT_EQ(takeover->sent, 3);
    // The first comes back and stands by.
    // Its first round may only find its connection gone; either way it never sends again.
    auto back = first.sendOnce();
    if (back.ok()) {
        EXPECT_FALSE(back->sending);
    }
    back = first.sendOnce();
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_FALSE(back->sending);
    takeover = second.sendOnce();
    ASSERT_TRUE(takeover.ok());
    EXPECT_EQ(takeover->sent, 1);

    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox WHERE state = 'sent'"), 9);
    EXPECT_EQ(province.received.size(), 9u);
    for (const auto& [id, times] : province.received)
        EXPECT_EQ(times, 1) << id << " was sent " << times << " times";
    EXPECT_EQ(senders, (std::vector<std::string>{"first", "first", "second", "second"}));
    for (const auto& body : province.bodies) {
        EXPECT_EQ(body["kiosk_id"], "centre-1");
        EXPECT_EQ(body["v"], 1);
    }
}

TEST_F(ProvinceSenderTest, AnUnansweredBatchStaysPendingForTheNextRound) {
    int calls = 0;
    ProvinceSender sender(connectionString_, "centre-1", [&](const std::string&, const std::string&) {
        ++calls;
        kiosk::sync::UploadReply reply;
        reply.problem = "the province's server did not answer";
        return reply;
    });
    issueSome(2);
    auto round = sender.sendOnce();
    ASSERT_TRUE(round.ok()) << round.error().message;
    EXPECT_TRUE(round->sending);
    EXPECT_EQ(round->events, 2);
    EXPECT_EQ(round->sent, 0);
    EXPECT_FALSE(round->problem.empty());
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM province_outbox WHERE state = 'pending'"), 2);
}

}  // namespace
