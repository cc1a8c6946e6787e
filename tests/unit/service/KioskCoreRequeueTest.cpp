// The diagnostics screen's "Resend rejected events": the core requeues them on its storage thread
// (the UI never opens the database) and answers on the calling thread through update().
#include "kiosk/service/KioskCore.h"

#include <gtest/gtest.h>

#include <thread>

#include "kiosk/sync/Outbox.h"
#include "support/TempDatabase.h"

using namespace std::chrono_literals;

namespace {

class KioskCoreRequeueTest : public test_support::TempDatabase {
protected:
    int64_t count(const std::string& where) {
        auto rows = db().prepare("SELECT count(*) FROM outbox WHERE " + where);
        EXPECT_TRUE(rows.ok() && rows->step().ok());
        return rows->columnInt(0);
    }
};

}  // namespace

TEST_F(KioskCoreRequeueTest, RejectedEventsBecomePendingOnTheStorageThread) {
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(kiosk::sync::appendEvent(db(), "test.event", {{"n", i}}, kiosk::WallTime{}).ok());
    }
    ASSERT_TRUE(db().exec("UPDATE outbox SET state = 'rejected' WHERE seq <= 2").ok());

    kiosk::service::KioskCore core({kiosk::config::KioskConfig{}, dir(), {}, std::nullopt, false});
    ASSERT_FALSE(core.storageProblem().has_value());
    std::optional<kiosk::Result<int64_t>> answer;
    core.requeueRejectedEvents([&](kiosk::Result<int64_t> requeued) { answer = std::move(requeued); });
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!answer && std::chrono::steady_clock::now() < until) {
        core.update();
        std::this_thread::sleep_for(2ms);
    }
    ASSERT_TRUE(answer.has_value()) << "the storage thread never answered";
    ASSERT_TRUE(answer->ok()) << answer->error().message;
    EXPECT_EQ(**answer, 2);
    EXPECT_EQ(count("state = 'pending'"), 3);
    EXPECT_EQ(count("state = 'rejected'"), 0);
}
