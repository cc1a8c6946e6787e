// The citizen kiosk in centre mode, through the core the UI drives (KioskCore and its journey
// store): the number a citizen takes comes from the centre's shared queue with the people ahead
// of it there, and keeps coming from the kiosk's leased numbers while the centre is down; what was
// issued then reaches the centre by itself once it is back. The kiosk's own book stays empty.
//
// In the fault binary: it stops its server.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/service/KioskCore.h"
#include "support/PostgresCluster.h"
#include "support/TempDatabase.h"

using kiosk::queue::Priority;
using kiosk::service::KioskCore;
using kiosk::session::IssuedTicket;
using namespace std::chrono_literals;

namespace {

class CentreKioskTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        centre_.emplace(connectMigrated());
        // The suite's server skips commit flushes for speed; a test that stops it needs an
        // acknowledged commit to survive (the database setting wins over the server's option).
        ASSERT_TRUE(centre_->runScript("ALTER DATABASE " + database_ + " SET synchronous_commit = on").ok());
        centre_.emplace(connect());
        dataDir_ = test_support::freshDir("centre-kiosk", test_support::currentTestName());
    }

    kiosk::service::CoreSetup setup() const {
        kiosk::service::CoreSetup chosen;
        chosen.config.kioskId = "kiosk-2";
        chosen.dataDir = dataDir_;
        chosen.services = {
            {'A', {"Hỗ trợ VNeID", "VNeID help"}, {kiosk::queue::Skill::PublicServices}},
            {'B', {"Hỗ trợ thanh toán", "Payment help"}, {kiosk::queue::Skill::OnlinePayment}}};
        chosen.startSync = false;
        kiosk::centre::IssuerSettings centre;
        centre.connectionString = connectionString_;
        centre.kioskId = "kiosk-2";
        centre.leaseSize = 5;
        centre.refillBelow = 2;
        centre.retryServerAfter = 300ms;
        chosen.centreTickets = centre;
        chosen.centreContactEvery = 100ms;
        return chosen;
    }

    // Frames as the UI runs them until `done`, or false after `limit`.
    template <typename Done>
    static bool updateUntil(KioskCore& core, Done done, std::chrono::milliseconds limit = 5s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            core.update();
            std::this_thread::sleep_for(5ms);
        }
        return true;
    }

    kiosk::Result<IssuedTicket> take(KioskCore& core, char service) {
        std::optional<kiosk::Result<IssuedTicket>> issued;
        core.journeyStore().issueTicket(service, Priority::None, {}, [&](kiosk::Result<IssuedTicket> result) {
            issued = std::move(result);
        });
        if (!updateUntil(core, [&] { return issued.has_value(); }))
            return kiosk::Error{"test.timeout", "no ticket within 5 s"};
        return *issued;
    }

    int64_t scalar(const std::string& sql) {
        auto rows = centre_->query(sql);
        EXPECT_TRUE(rows.ok()) << rows.error().message;
        return rows.ok() ? rows->integer(0, 0) : -1;
    }

    std::optional<kiosk::centre::PgConnection> centre_;
    std::filesystem::path dataDir_;
};

TEST_F(CentreKioskTest, TheNumberComesFromTheCentreAndStillComesWhileItIsDown) {
    KioskCore core(setup());
    ASSERT_FALSE(core.storageProblem().has_value());
    // The first contact at start-up leases numbers of every line before anyone needs them.
    ASSERT_TRUE(updateUntil(core, [&] {
        return scalar("SELECT count(DISTINCT service) FROM number_lease WHERE kiosk = 'kiosk-2'") == 2;
    })) << "no leased numbers for A and B";
    EXPECT_EQ(scalar("SELECT count(*) FROM terminal WHERE id = 'kiosk-2'"), 1) << "its contact is noted";

    // Another kiosk's ticket is ahead in the centre's line, which this kiosk's book never saw.
    kiosk::SystemWallClock clock;
    kiosk::centre::CentreQueue line(*centre_, clock);
    ASSERT_TRUE(line.issue('A', Priority::None, "kiosk-1").ok());
    auto first = take(core, 'A');
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->label, "A002");
    EXPECT_EQ(first->ahead, std::optional<int>(1));
    EXPECT_EQ(first->estimatedWait, std::chrono::seconds(std::chrono::minutes(5)))
        << "nobody served yet today: the policy's default service time for the one ahead";
    auto other = take(core, 'B');
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_EQ(other->label, "B001");
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket WHERE kiosk = 'kiosk-2'"), 2);

    // Down: the citizen still gets a number at once, from the lease, and is told it is kept.
    ASSERT_FALSE(centretest::cluster().stopImmediately().has_value());
    const auto before = std::chrono::steady_clock::now();
    auto offline = take(core, 'A');
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    auto restartFailed = centretest::cluster().startAgain();
    ASSERT_FALSE(restartFailed.has_value()) << *restartFailed;
    ASSERT_TRUE(offline.ok()) << offline.error().message;
    EXPECT_LT(seconds, 2.5);
    EXPECT_EQ(offline->label.substr(0, 3), "A99") << offline->label << ": a leased number, from the top";
    EXPECT_EQ(offline->ahead, std::nullopt) << "a cut-off kiosk cannot know the others' tickets";

    // Back: the kiosk's regular contact pushes it; the desks then see all three of its tickets.
    centre_.emplace(connect());
    ASSERT_TRUE(updateUntil(
        core, [&] { return scalar("SELECT count(*) FROM ticket WHERE kiosk = 'kiosk-2'") == 3; }, 10s))
        << "the ticket issued offline never reached the centre";
    EXPECT_EQ(scalar("SELECT count(*) FROM ticket WHERE kiosk = 'kiosk-2' AND issued_offline"), 1);

    // The kiosk's own book holds none of them: one queue, the centre's.
    auto local = kiosk::store::Database::openInDirectory(dataDir_);
    ASSERT_TRUE(local.ok()) << local.error().message;
    auto count = local->prepare("SELECT count(*) FROM ticket");
    ASSERT_TRUE(count.ok());
    auto row = count->step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(count->columnInt(0), 0);
}

}  // namespace

// "Get help" at a centre kiosk reaches every desk: recorded in the centre's shared list, answered
// there, and the citizen's screen learns who is coming. While the centre is down the kiosk says
// so at once instead of recording a request that no desk would see.
TEST_F(CentreKioskTest, HelpRequestsGoToTheCentresListAndTheAnswerComesBack) {
    KioskCore core(setup());
    std::optional<kiosk::Result<kiosk::queue::HelpRequestId>> asked;
    core.journeyStore().requestHelp({"walkthrough:vneid-level1/nfc", kiosk::i18n::Language::Vi},
                                    [&](kiosk::Result<kiosk::queue::HelpRequestId> id) { asked = id; });
    ASSERT_TRUE(updateUntil(core, [&] { return asked.has_value(); }));
    ASSERT_TRUE(asked->ok()) << asked->error().message;

    kiosk::centre::CentreHelpRequests desk(*centre_);
    auto open = desk.open();
    ASSERT_TRUE(open.ok()) << open.error().message;
    ASSERT_EQ(open->size(), 1u);
    EXPECT_EQ(open->front().id, **asked);
    EXPECT_EQ(open->front().kioskId, "kiosk-2") << "the desk knows where to go";
    EXPECT_EQ(open->front().place, "walkthrough:vneid-level1/nfc");

    core.journeyStore().escalateHelp(**asked);
    ASSERT_TRUE(updateUntil(core, [&] {
        auto status = desk.status(**asked);
        return status.ok() && status->urgency == kiosk::queue::HelpUrgency::Urgent;
    })) << "the urgent press never reached the centre";

    auto won = desk.answer(**asked, "Lan");
    ASSERT_TRUE(won.ok() && *won);
    std::optional<kiosk::Result<kiosk::queue::HelpRequestStatus>> told;
    core.journeyStore().checkHelp(
        **asked, [&](kiosk::Result<kiosk::queue::HelpRequestStatus> status) { told = status; });
    ASSERT_TRUE(updateUntil(core, [&] { return told.has_value(); }));
    ASSERT_TRUE(told->ok()) << told->error().message;
    EXPECT_EQ((*told)->state, kiosk::queue::HelpRequestState::Answered);
    EXPECT_EQ((*told)->volunteerName, "Lan");

    ASSERT_FALSE(centretest::cluster().stopImmediately().has_value());
    std::optional<kiosk::Result<kiosk::queue::HelpRequestId>> unheard;
    const auto before = std::chrono::steady_clock::now();
    core.journeyStore().requestHelp({"home", kiosk::i18n::Language::Vi},
                                    [&](kiosk::Result<kiosk::queue::HelpRequestId> id) { unheard = id; });
    const bool answered = updateUntil(core, [&] { return unheard.has_value(); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
    auto restartFailed = centretest::cluster().startAgain();
    ASSERT_FALSE(restartFailed.has_value()) << *restartFailed;
    ASSERT_TRUE(answered);
    EXPECT_LT(seconds, 2.5);
    ASSERT_FALSE(unheard->ok());
    EXPECT_TRUE(unheard->error().code.starts_with("centre.")) << unheard->error().code;
}
