#include "kiosk/service/KioskCore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "ServiceTestSupport.h"
#include "support/TempDatabase.h"

namespace {

using kiosk::service::CoreSetup;
using kiosk::service::KioskCore;
using namespace std::chrono_literals;

// Calls update() as the UI's frames would until `done` or 5 s have passed.
template <typename Done>
bool updateUntil(KioskCore& core, Done done) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        core.update();
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// Takes an 'A' ticket as the citizen's tap would and runs frames until it is answered; nullopt
// when no answer came within 5 s.
std::optional<kiosk::Result<kiosk::session::IssuedTicket>> takeTicket(KioskCore& core) {
    std::optional<kiosk::Result<kiosk::session::IssuedTicket>> issued;
    core.journeyStore().issueTicket(
        'A', kiosk::queue::Priority::None, {},
        [&](kiosk::Result<kiosk::session::IssuedTicket> result) { issued = result; });
    updateUntil(core, [&] { return issued.has_value(); });
    return issued;
}

CoreSetup setupFor(const std::filesystem::path& dataDir) {
    CoreSetup setup;
    setup.dataDir = dataDir;
    setup.services = service_test::services();
    setup.startSync = false;
    setup.storageRetry = 20ms;
    return setup;
}

// Issue #16 item 3: a disk that cannot be written at start-up (full, or here: a file standing
// where the data directory goes) used to disable tickets until a restart.
TEST(KioskCore, StorageThatFailsAtStartComesBackWithoutARestart) {
    const auto dir = test_support::freshDir("core", "storage-retry");
    const auto dataDir = dir / "data";
    std::ofstream(dataDir) << "not a directory";

    KioskCore core(setupFor(dataDir));
    ASSERT_TRUE(core.storageProblem().has_value());
    EXPECT_TRUE(core.journeyStore().services().empty()) << "no ticket tile while nothing can be saved";
    EXPECT_EQ(core.desk(), nullptr);
    bool refused = false;
    core.journeyStore().issueTicket(
        'A', kiosk::queue::Priority::None, {},
        [&](kiosk::Result<kiosk::session::IssuedTicket> issued) { refused = !issued.ok(); });
    EXPECT_TRUE(refused);

    // Still broken: later attempts fail too and the kiosk keeps saying why.
    std::this_thread::sleep_for(60ms);
    for (int frame = 0; frame < 20; ++frame) {
        core.update();
        std::this_thread::sleep_for(5ms);
    }
    EXPECT_TRUE(core.storageProblem().has_value());

    std::filesystem::remove(dataDir);  // the technician frees the disk
    ASSERT_TRUE(updateUntil(core, [&] { return !core.storageProblem().has_value(); }));
    EXPECT_EQ(core.journeyStore().services().size(), 3u);
    EXPECT_NE(core.desk(), nullptr);
    EXPECT_TRUE(core.householdKeyer()) << "the pepper is created on the later attempt too";

    const auto issued = takeTicket(core);
    ASSERT_TRUE(issued.has_value());
    ASSERT_TRUE(issued->ok()) << issued->error().message;
    EXPECT_EQ((*issued)->label, "A001");
    EXPECT_TRUE(std::filesystem::exists(dataDir / "kiosk.sqlite3"));
}

TEST(KioskCore, WorkingStorageNeedsNoRetry) {
    const auto dir = test_support::freshDir("core", "storage-ok");
    KioskCore core(setupFor(dir));
    EXPECT_FALSE(core.storageProblem().has_value());
    EXPECT_NE(core.desk(), nullptr);
    EXPECT_EQ(core.dataDir(), dir);
}

}  // namespace

namespace {

// A synthetic 12-digit number (not a real person's).
constexpr std::string_view kSyntheticIdNumber = "001099000042";

std::string householdKeyAt(KioskCore& core) {
    auto keyer = core.householdKeyer();
    EXPECT_TRUE(keyer);
    if (!keyer) return {};
    auto key = keyer(kSyntheticIdNumber);
    EXPECT_TRUE(key.ok()) << key.error().message;
    return key.ok() ? *key : std::string();
}

}  // namespace

// Issue #15: a household served at two kiosks of one centre is one household in its figures.
TEST(KioskCore, KiosksSharingTheCentresPepperKeyAHouseholdAlike) {
    const auto dir = test_support::freshDir("core", "centre-pepper");
    ASSERT_TRUE(kiosk::helplog::createNewPepper(dir / "centre.key").ok());

    CoreSetup first = setupFor(dir / "kiosk-1");
    CoreSetup second = setupFor(dir / "kiosk-2");
    first.config.centre.householdPepper = second.config.centre.householdPepper = dir / "centre.key";
    KioskCore kioskOne(first);
    KioskCore kioskTwo(second);
    const std::string sharedKey = householdKeyAt(kioskOne);
    EXPECT_FALSE(sharedKey.empty());
    EXPECT_EQ(sharedKey, householdKeyAt(kioskTwo));

    // Each on its own pepper, the same household gets two keys: what the shared pepper fixes.
    KioskCore aloneOne(setupFor(dir / "kiosk-1"));
    KioskCore aloneTwo(setupFor(dir / "kiosk-2"));
    EXPECT_NE(householdKeyAt(aloneOne), householdKeyAt(aloneTwo));
    EXPECT_NE(householdKeyAt(aloneOne), sharedKey);
}

TEST(KioskCore, AMissingCentrePepperCountsNoHouseholdButStillIssues) {
    const auto dir = test_support::freshDir("core", "centre-pepper-missing");
    CoreSetup setup = setupFor(dir / "kiosk");
    setup.config.centre.householdPepper = dir / "centre.key";
    KioskCore core(setup);
    EXPECT_FALSE(core.householdKeyer()) << "the kiosk's own pepper would split the centre's households";
    EXPECT_FALSE(std::filesystem::exists(dir / "centre.key")) << "a kiosk must not make up the shared pepper";

    const auto issued = takeTicket(core);
    ASSERT_TRUE(issued.has_value());
    EXPECT_TRUE(issued->ok()) << issued->error().message;
}
