#include "kiosk/setup/SetupApply.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kiosk/Clock.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/helplog/KioskPinPause.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/setup/TechnicianPin.h"
#include "kiosk/store/Database.h"

namespace fs = std::filesystem;
namespace setup = kiosk::setup;

namespace {

fs::path freshDir(const std::string& name) {
    const auto dir = fs::path(testing::TempDir()) / ("setup-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

constexpr const char* kOldConfig =
    "# Installed by the package. Comments survive the wizard.\n"
    "[kiosk]\n"
    "id = \"kiosk-dev\"\n"
    "commune_name = \"Trung tâm\"\n"
    "\n"
    "[desk]\n"
    "recall_window = 5  # the commune asked for more\n";

setup::SetupForm completeForm() {
    setup::SetupForm form;
    form.communeName = "Xã Tân Lập";
    form.communeCode = "09877";
    form.kioskId = "xa-tan-lap-01";
    form.serverUrl = "https://sync.tinh.example.vn";
    form.token = "tok-123";
    form.language = kiosk::i18n::Language::En;
    form.printer = "tcp:192.168.1.50:9100";
    form.volunteers = {{"Lan", "481592"}, {"Hùng", ""}};
    form.technicianPin = "482915";
    form.technicianPinAgain = "482915";
    return form;
}

const auto kCheap = kiosk::helplog::PinHashCost::cheapestForTests();

}  // namespace

TEST(SetupApply, WritesTheConfigInPlaceKeepingCommentsModeAndOtherValues) {
    const fs::path dir = freshDir("write");
    const fs::path config = dir / "commune-kiosk.toml";
    std::ofstream(config) << kOldConfig;
    ASSERT_EQ(::chmod(config.c_str(), 0640), 0);

    auto applied = setup::applySetup(completeForm(), config, dir / "data", kCheap);
    ASSERT_TRUE(applied) << applied.error().message;

    const std::string text = readAll(config);
    EXPECT_NE(text.find("# Installed by the package. Comments survive the wizard."), std::string::npos);
    EXPECT_NE(text.find("recall_window = 5  # the commune asked for more"), std::string::npos);
    auto loaded = kiosk::config::loadConfigFile(config);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(setup::isProvisioned(*loaded));
    EXPECT_EQ(loaded->communeName, "Xã Tân Lập");
    EXPECT_EQ(loaded->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(loaded->language, kiosk::i18n::Language::En);
    EXPECT_EQ(loaded->printer, "tcp:192.168.1.50:9100");
    EXPECT_EQ(loaded->sync.token, "tok-123");
    EXPECT_EQ(loaded->desk.recallWindow, 5);

    struct stat st {};
    ASSERT_EQ(::stat(config.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_FALSE(fs::exists(config.string() + ".new"));

    // What the screen shows: every setting, never the token.
    EXPECT_NE(std::ranges::find(applied->written, "kiosk.commune_code = \"09877\""), applied->written.end());
    EXPECT_NE(std::ranges::find(applied->written, "sync.token = \"<set>\""), applied->written.end());
    for (const auto& line : applied->written)
        EXPECT_EQ(line.find("tok-123"), std::string::npos) << line;
    EXPECT_EQ(applied->volunteersAdded, 2);
    EXPECT_EQ(applied->pinsSet, 1);
}

TEST(SetupApply, StoresVolunteersAndTheTechnicianPinAsHashesOnly) {
    const fs::path dir = freshDir("pins");
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << kOldConfig;
    ASSERT_TRUE(setup::applySetup(completeForm(), config, dir / "data", kCheap));

    auto db = kiosk::store::Database::openInDirectory(dir / "data");
    ASSERT_TRUE(db);
    auto pepper = kiosk::helplog::loadOrCreatePepper(dir / "data" / kiosk::helplog::kPepperFileName);
    ASSERT_TRUE(pepper);
    EXPECT_EQ((*setup::checkTechnicianPin(*db, "482915", *pepper)).check, setup::TechnicianPinCheck::Matches);
    EXPECT_EQ((*setup::checkTechnicianPin(*db, "482916", *pepper)).check, setup::TechnicianPinCheck::Wrong);
    auto stored = db->prepare("SELECT value FROM kiosk_meta WHERE key = 'technician_pin_hash'");
    ASSERT_TRUE(stored);
    ASSERT_TRUE(*stored->step());
    EXPECT_TRUE(stored->columnText(0).starts_with("$argon2id$"));

    kiosk::SystemWallClock clock;
    kiosk::helplog::VolunteerRoster roster(*db, *pepper, clock, {.cost = kCheap});
    auto list = roster.list();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    const auto& lan = (*list)[0].displayName == "Lan" ? (*list)[0] : (*list)[1];
    EXPECT_TRUE(lan.hasPin);
    EXPECT_TRUE(
        std::holds_alternative<kiosk::helplog::VolunteerSession>(*roster.verifyPin(lan.id, "481592")));
}

TEST(SetupApply, RunningItAgainKeepsTheVolunteersOnce) {
    const fs::path dir = freshDir("again");
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << kOldConfig;
    ASSERT_TRUE(setup::applySetup(completeForm(), config, dir / "data", kCheap));
    auto second = setup::applySetup(completeForm(), config, dir / "data", kCheap);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->volunteersAdded, 0);
}

TEST(SetupApply, NoTechnicianPinYetIsNotSet) {
    const fs::path dir = freshDir("notset");
    auto db = kiosk::store::Database::openInDirectory(dir);
    auto pepper = kiosk::helplog::loadOrCreatePepper(dir / kiosk::helplog::kPepperFileName);
    ASSERT_TRUE(db && pepper);
    EXPECT_EQ((*setup::checkTechnicianPin(*db, "482915", *pepper)).check, setup::TechnicianPinCheck::NotSet);
    EXPECT_FALSE(setup::storeTechnicianPin(*db, "123456", *pepper, kCheap));  // weak: refused
}

TEST(SetupApply, AnIncompleteFormChangesNothing) {
    const fs::path dir = freshDir("incomplete");
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << kOldConfig;
    auto form = completeForm();
    form.technicianPinAgain = "000000";
    auto applied = setup::applySetup(form, config, dir / "data", kCheap);
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().code, "setup.invalid");
    EXPECT_EQ(readAll(config), kOldConfig);
    EXPECT_FALSE(fs::exists(dir / "data"));
}

TEST(SetupApply, ABrokenConfigIsRefusedWithItsLineAndLeftAlone) {
    const fs::path dir = freshDir("broken");
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << "[kiosk\nid = 1\n";
    auto applied = setup::applySetup(completeForm(), config, dir / "data", kCheap);
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().code, "config.syntax");
    EXPECT_EQ(readAll(config), "[kiosk\nid = 1\n");
}

TEST(SetupApply, CreatesAMissingConfigPrivately) {
    const fs::path dir = freshDir("missing");
    const fs::path config = dir / "new.toml";
    ASSERT_TRUE(setup::applySetup(completeForm(), config, dir / "data", kCheap));
    struct stat st {};
    ASSERT_EQ(::stat(config.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_TRUE(kiosk::config::loadConfigFile(config));
}

// Root ignores folder permissions, so the write runs in a child that gives them up (uid nobody).
TEST(SetupApply, AnUnwritableFolderLeavesTheOldConfig) {
    const fs::path dir = freshDir("readonly");
    const fs::path etc = dir / "etc";
    fs::create_directories(etc);
    const fs::path config = etc / "kiosk.toml";
    std::ofstream(config) << kOldConfig;
    ASSERT_EQ(::chmod(dir.c_str(), 0777), 0);  // the data folder may be created there
    ASSERT_EQ(::chmod(config.c_str(), 0644), 0);
    ASSERT_EQ(::chmod(etc.c_str(), 0555), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) std::_Exit(3);
        auto applied = setup::applySetup(completeForm(), config, dir / "data", kCheap);
        if (applied) std::_Exit(4);
        std::_Exit(applied.error().code == "setup.write_failed" ? 0 : 5);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ::chmod(etc.c_str(), 0755);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "3: could not drop to nobody, 4: written anyway, 5: another error";
    EXPECT_EQ(readAll(config), kOldConfig);
}

TEST(TechnicianPin, ALockIsElapsedTimeSoCorrectingAClockThatRanAheadDoesNotKeepItLocked) {
    const fs::path dir = freshDir("tech-lock-clock");
    fs::create_directories(dir);
    auto pepper = kiosk::helplog::loadOrCreatePepper(dir / kiosk::helplog::kPepperFileName);
    ASSERT_TRUE(pepper);
    auto db = kiosk::store::Database::openInDirectory(dir / "data");
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        setup::storeTechnicianPin(*db, "482915", *pepper, kiosk::helplog::PinHashCost::cheapestForTests()));
    const auto aYearAhead = std::chrono::system_clock::now() + std::chrono::days(365);
    for (int i = 0; i < 4; ++i) {
        auto wrong = setup::checkTechnicianPin(*db, "111112", *pepper, aYearAhead);
        ASSERT_TRUE(wrong);
        EXPECT_EQ(wrong->attemptsLeft, 4 - i);
    }
    auto locked = setup::checkTechnicianPin(*db, "111112", *pepper, aYearAhead);
    ASSERT_TRUE(locked);
    EXPECT_EQ(locked->check, setup::TechnicianPinCheck::Locked);
    EXPECT_EQ(locked->lockedFor, setup::kTechnicianLockFor);
    // The technician corrects the clock; 16 real minutes later the pad opens.
    const auto corrected = std::chrono::system_clock::now();
    auto stillLocked = setup::checkTechnicianPin(*db, "482915", *pepper, corrected);
    ASSERT_TRUE(stillLocked);
    EXPECT_EQ(stillLocked->check, setup::TechnicianPinCheck::Locked);
    EXPECT_EQ(stillLocked->lockedFor, setup::kTechnicianLockFor) << "a clock step back counts nothing";
    auto later = setup::checkTechnicianPin(*db, "482915", *pepper, corrected + std::chrono::minutes(16));
    ASSERT_TRUE(later);
    EXPECT_EQ(later->check, setup::TechnicianPinCheck::Matches);
}

TEST(TechnicianPin, FiveWrongPinsLockForFifteenMinutesAcrossARestart) {
    const fs::path dir = freshDir("tech-lock");
    fs::create_directories(dir);
    auto pepper = kiosk::helplog::loadOrCreatePepper(dir / kiosk::helplog::kPepperFileName);
    ASSERT_TRUE(pepper);
    const auto start = std::chrono::system_clock::now();
    {
        auto db = kiosk::store::Database::openInDirectory(dir / "data");
        ASSERT_TRUE(db);
        ASSERT_TRUE(setup::storeTechnicianPin(*db, "482915", *pepper,
                                              kiosk::helplog::PinHashCost::cheapestForTests()));
        for (int i = 0; i < 4; ++i)
            EXPECT_EQ((*setup::checkTechnicianPin(*db, "111112", *pepper, start)).check,
                      setup::TechnicianPinCheck::Wrong);
        EXPECT_EQ((*setup::checkTechnicianPin(*db, "111112", *pepper, start)).check,
                  setup::TechnicianPinCheck::Locked);
    }
    auto reopened = kiosk::store::Database::openInDirectory(dir / "data");  // the kiosk restarted
    ASSERT_TRUE(reopened);
    EXPECT_EQ(
        (*setup::checkTechnicianPin(*reopened, "482915", *pepper, start + std::chrono::minutes(14))).check,
        setup::TechnicianPinCheck::Locked)
        << "the right PIN is not even checked while locked";
    EXPECT_EQ(
        (*setup::checkTechnicianPin(*reopened, "482915", *pepper, start + std::chrono::minutes(16))).check,
        setup::TechnicianPinCheck::Matches);
    // A success starts the count again: four more wrong ones do not lock.
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ((*setup::checkTechnicianPin(*reopened, "111112", *pepper, start + std::chrono::minutes(17)))
                      .check,
                  setup::TechnicianPinCheck::Wrong);
    }
}

// #16 item 10: the technician pad shares the kiosk-wide pause, so guessing on the desk's pad
// and then on the technician's is no faster than on one of them.
TEST(TechnicianPin, WrongPinsOnAnyPadPauseTheTechnicianPad) {
    const fs::path dir = freshDir("tech-kiosk-pause");
    fs::create_directories(dir);
    auto pepper = kiosk::helplog::loadOrCreatePepper(dir / kiosk::helplog::kPepperFileName);
    ASSERT_TRUE(pepper);
    auto db = kiosk::store::Database::openInDirectory(dir / "data");
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        setup::storeTechnicianPin(*db, "482915", *pepper, kiosk::helplog::PinHashCost::cheapestForTests()));
    const auto start = std::chrono::system_clock::now();
    const auto startMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch()).count();
    for (int i = 0; i < 4; ++i)
        ASSERT_FALSE(*kiosk::helplog::countKioskWrongPin(*db, startMs)) << "wrong PINs on the desk's pad";
    auto paused = setup::checkTechnicianPin(*db, "111112", *pepper, start);
    ASSERT_TRUE(paused);
    EXPECT_EQ(paused->check, setup::TechnicianPinCheck::Paused) << "the fifth wrong PIN on this kiosk";
    EXPECT_EQ(paused->lockedFor, kiosk::helplog::kFirstPause);
    auto stillPaused = setup::checkTechnicianPin(*db, "482915", *pepper, start + std::chrono::seconds(20));
    ASSERT_TRUE(stillPaused);
    EXPECT_EQ(stillPaused->check, setup::TechnicianPinCheck::Paused);
    EXPECT_EQ(stillPaused->lockedFor, std::chrono::seconds(10));
    auto after = setup::checkTechnicianPin(*db, "482915", *pepper, start + std::chrono::seconds(31));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->check, setup::TechnicianPinCheck::Matches);
}

TEST(KioskPinPause, CountdownIsMinutesAndSecondsRoundedUp) {
    EXPECT_EQ(kiosk::helplog::pauseCountdownText(std::chrono::milliseconds(300000)), "5:00");
    EXPECT_EQ(kiosk::helplog::pauseCountdownText(std::chrono::milliseconds(245001)), "4:06");
    EXPECT_EQ(kiosk::helplog::pauseCountdownText(std::chrono::milliseconds(1)), "0:01");
    EXPECT_EQ(kiosk::helplog::pauseCountdownText(std::chrono::milliseconds(0)), "0:00");
    EXPECT_EQ(kiosk::helplog::pauseCountdownText(std::chrono::milliseconds(-5)), "0:00");
}
