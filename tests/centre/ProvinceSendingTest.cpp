// The centre's province outbox sent from terminals' own threads to a real HTTPS province server
// (the sync tests' EventServer): two kiosks run a sender each, one sends and the other stands by,
// every ticket change arrives exactly once under the centre's id, and stop() is prompt even while
// the province hangs. A citizen kiosk started on its config sends them by itself.
#include "kiosk/centre/ProvinceSending.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/service/KioskCore.h"
#include "support/TempDatabase.h"
#include "unit/sync/EventServer.h"
#include "unit/sync/SyncTestSupport.h"

using kiosk::centre::ProvinceSending;
using kiosk::centre::ProvinceSendingSettings;
using kiosk::queue::Priority;
using namespace std::chrono_literals;

namespace {

class ProvinceSendingTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        centre_.emplace(connectMigrated());
        dir_ = test_support::freshDir("province-sending", test_support::currentTestName());
        certificate_ = sync_test::makeCertificate(dir_, "province");
        server_ = std::make_unique<sync_test::EventServer>(certificate_);
    }

    ProvinceSendingSettings settings() const {
        ProvinceSendingSettings chosen;
        chosen.connectionString = connectionString_;
        chosen.centreId = sync_test::kKioskId;  // the id the province server expects
        chosen.province = sync_test::testSettings(server_->url(), "", certificate_);
        chosen.idle = 50ms;
        chosen.afterFailure = 100ms;
        return chosen;
    }

    static bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(20ms);
        }
        return true;
    }

    int64_t pending() {
        auto rows = centre_->query("SELECT count(*) FROM province_outbox WHERE state = 'pending'");
        EXPECT_TRUE(rows.ok()) << rows.error().message;
        return rows.ok() ? rows->integer(0, 0) : -1;
    }

    std::optional<kiosk::centre::PgConnection> centre_;
    std::filesystem::path dir_;
    sync_test::TestCertificate certificate_;
    std::unique_ptr<sync_test::EventServer> server_;
};

TEST_F(ProvinceSendingTest, OneOfTwoKiosksSendsEveryTicketChangeOnce) {
    ProvinceSending first(settings());
    ProvinceSending second(settings());
    kiosk::SystemWallClock clock;
    kiosk::centre::CentreQueue line(*centre_, clock);
    for (int i = 0; i < 12; ++i)
        ASSERT_TRUE(line.issue(i % 2 ? 'A' : 'B', Priority::None, "kiosk-1").ok());
    auto called = line.callNext(1);
    ASSERT_TRUE(called.ok() && *called);
    ASSERT_TRUE(line.done((**called).id).ok());

    // 12 issued, 1 called, 1 done.
    ASSERT_TRUE(waitFor([&] { return server_->events().size() == 14; }))
        << server_->events().size() << " of 14 events arrived";
    EXPECT_TRUE(waitFor([&] { return pending() == 0; }));
    EXPECT_EQ(server_->deliveries(), 14u) << "an event sent twice";
    EXPECT_EQ(first.sentSoFar() + second.sentSoFar(), 14);
    EXPECT_TRUE(first.sentSoFar() == 0 || second.sentSoFar() == 0) << "both kiosks sent";
    int issued = 0;
    for (const auto& [id, event] : server_->events())
        issued += event["kind"] == "ticket.issued" ? 1 : 0;
    EXPECT_EQ(issued, 12);
}

TEST_F(ProvinceSendingTest, StopsPromptlyWhileTheProvinceHangs) {
    server_->failNext(sync_test::Fault::Hang, 100);
    std::optional<ProvinceSending> sending(settings());
    kiosk::SystemWallClock clock;
    kiosk::centre::CentreQueue line(*centre_, clock);
    ASSERT_TRUE(line.issue('A', Priority::None, "kiosk-1").ok());
    ASSERT_TRUE(waitFor([&] { return !server_->requests().empty(); })) << "nothing was sent";
    const auto before = std::chrono::steady_clock::now();
    sending.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
    EXPECT_EQ(pending(), 1) << "an unanswered event stays pending for the next sender";
}

// The wiring of a real kiosk: [centre] database, [sync] server and the commune code are all it
// takes for the centre's ticket events to reach the province under the commune's centre id.
TEST_F(ProvinceSendingTest, ACitizenKioskOfTheCentreSendsItsEventsUnderTheCommunesCentreId) {
    sync_test::EventServer province(certificate_, "centre-27001");
    kiosk::service::CoreSetup setup;
    setup.config.kioskId = "kiosk-2";
    setup.config.communeCode = "27001";
    setup.config.sync.serverUrl = province.url();
    setup.config.sync.token = sync_test::kToken;
    setup.provinceCaFile = certificate_.certificateFile;
    setup.dataDir = dir_ / "kiosk-2";
    setup.services = {{'A', {"Hỗ trợ VNeID", "VNeID help"}, {kiosk::queue::Skill::PublicServices}}};
    kiosk::centre::IssuerSettings centre;
    centre.connectionString = connectionString_;
    centre.kioskId = "kiosk-2";
    setup.centreTickets = centre;
    kiosk::service::KioskCore core(setup);

    std::optional<kiosk::Result<kiosk::session::IssuedTicket>> issued;
    core.journeyStore().issueTicket('A', Priority::None, {},
                                    [&](auto result) { issued = std::move(result); });
    ASSERT_TRUE(waitFor([&] {
        core.update();
        return issued.has_value();
    }));
    ASSERT_TRUE(issued->ok()) << issued->error().message;

    ASSERT_TRUE(waitFor([&] { return province.events().size() == 1; }, 20s))
        << province.events().size() << " events arrived; " << province.requests().size() << " requests";
    EXPECT_EQ(province.events().begin()->second["kind"], "ticket.issued");
    EXPECT_TRUE(waitFor([&] { return pending() == 0; }));
}

}  // namespace
