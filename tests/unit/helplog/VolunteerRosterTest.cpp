#include "kiosk/helplog/VolunteerRoster.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/store/Database.h"
#include "unit/helplog/HelplogTestSupport.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using kiosk::ManualWallClock;
using kiosk::helplog::LockedOut;
using kiosk::helplog::PinCheck;
using kiosk::helplog::PinHashCost;
using kiosk::helplog::SignInPolicy;
using kiosk::helplog::VolunteerId;
using kiosk::helplog::VolunteerRoster;
using kiosk::helplog::VolunteerSession;
using kiosk::helplog::WrongPin;
using kiosk::store::Database;

namespace {

constexpr std::string_view kPin = "730194";
constexpr std::string_view kWrongPin = "730195";

SignInPolicy cheapPolicy() {
    SignInPolicy policy;
    policy.cost = PinHashCost::cheapestForTests();
    return policy;
}

// A database in a fresh directory, a manual clock, and a roster over them that can be reopened.
class RosterTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = helplog_test::freshDir(testing::UnitTest::GetInstance()->current_test_info()->name());
        reopen();
    }

    void reopen() {
        roster_.reset();
        database_.reset();
        auto opened = Database::openInDirectory(dir_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(*opened));
        roster_.emplace(*database_, helplog_test::pepperFrom(42), clock_, cheapPolicy());
    }

    VolunteerId addWithPin(std::string_view name = "Lan") {
        auto added = roster_->add(name);
        EXPECT_TRUE(added.ok()) << added.error().message;
        kiosk::Status set = roster_->setPin(added->id, kPin);
        EXPECT_TRUE(set.ok()) << set.error().message;
        return added->id;
    }

    PinCheck verify(VolunteerId id, std::string_view pin) {
        auto check = roster_->verifyPin(id, pin);
        EXPECT_TRUE(check.ok()) << check.error().message;
        return check.ok() ? *check : PinCheck(WrongPin{-1});
    }

    void lockOut(VolunteerId id) {
        for (int i = 0; i < 5; ++i)
            verify(id, kWrongPin);
    }

    fs::path dir_;
    ManualWallClock clock_{helplog_test::morning()};
    std::optional<Database> database_;
    std::optional<VolunteerRoster> roster_;
};

bool signedIn(const PinCheck& check) {
    return std::holds_alternative<VolunteerSession>(check);
}

std::optional<kiosk::WallTime> lockedUntil(const PinCheck& check) {
    if (const auto* locked = std::get_if<LockedOut>(&check)) return locked->until;
    return std::nullopt;
}

int attemptsLeft(const PinCheck& check) {
    const auto* wrong = std::get_if<WrongPin>(&check);
    return wrong ? wrong->attemptsLeft : -1;
}

std::string fileBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_F(RosterTest, CorrectPinSignsIn) {
    const VolunteerId lan = addWithPin("Lan");
    const PinCheck check = verify(lan, kPin);
    ASSERT_TRUE(signedIn(check));
    const auto& session = std::get<VolunteerSession>(check);
    EXPECT_EQ(session.volunteer, lan);
    EXPECT_EQ(session.displayName, "Lan");
    EXPECT_EQ(session.signedInAt, clock_.now());
}

TEST_F(RosterTest, WrongPinCountsDown) {
    const VolunteerId lan = addWithPin();
    EXPECT_EQ(attemptsLeft(verify(lan, kWrongPin)), 4);
    EXPECT_EQ(attemptsLeft(verify(lan, "000000")), 3);
    EXPECT_EQ(attemptsLeft(verify(lan, "73019")), 2) << "a malformed PIN is a wrong PIN";
    EXPECT_EQ(attemptsLeft(verify(lan, kWrongPin)), 1);
}

TEST_F(RosterTest, FifthWrongPinLocksForFifteenMinutes) {
    const VolunteerId lan = addWithPin();
    for (int i = 0; i < 4; ++i)
        verify(lan, kWrongPin);
    const auto lockedAt = clock_.now();
    EXPECT_EQ(lockedUntil(verify(lan, kWrongPin)), lockedAt + 15min);
    clock_.advance(1min);
    EXPECT_EQ(lockedUntil(verify(lan, kPin)), lockedAt + 15min) << "the right PIN does not open a lock";
    auto listed = roster_->list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().lockedUntil, lockedAt + 15min);
}

TEST_F(RosterTest, OtherVolunteersAreNotLocked) {
    const VolunteerId lan = addWithPin("Lan");
    const VolunteerId minh = addWithPin("Minh");
    lockOut(lan);
    clock_.advance(30s);  // the kiosk-wide pause the five wrong PINs started
    EXPECT_TRUE(signedIn(verify(minh, kPin)));
}

bool kioskPaused(const PinCheck& check) {
    const auto* locked = std::get_if<LockedOut>(&check);
    return locked && locked->wholeKiosk;
}

// #16 item 10: one wrong PIN on each of five names paused nothing, so a guesser could go on
// through the team, locking every name; now the fifth wrong PIN on this kiosk pauses every pad.
TEST_F(RosterTest, WrongPinsAcrossNamesPauseEveryPadForAGrowingTime) {
    std::vector<VolunteerId> team;
    for (std::string_view name : {"Lan", "Minh", "Hoa", "Tuan", "Mai", "Nam"})
        team.push_back(addWithPin(name));
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(attemptsLeft(verify(team[i], kWrongPin)), 4);
    const PinCheck fifth = verify(team[4], kWrongPin);
    ASSERT_TRUE(kioskPaused(fifth));
    EXPECT_EQ(lockedUntil(fifth), clock_.now() + 30s);
    clock_.advance(10s);
    EXPECT_TRUE(kioskPaused(verify(team[5], kPin))) << "no PIN is checked during the pause";
    reopen();
    EXPECT_EQ(lockedUntil(verify(team[5], kPin)), clock_.now() + 20s) << "a restart keeps the pause";
    clock_.advance(20s);
    for (int i = 0; i < 4; ++i)
        EXPECT_FALSE(kioskPaused(verify(team[5], kWrongPin)));
    // Nam's own lock (five wrong) wins over the second pause, which is twice as long.
    EXPECT_EQ(lockedUntil(verify(team[5], kWrongPin)), clock_.now() + 15min);
    EXPECT_EQ(lockedUntil(verify(team[0], kPin)), clock_.now() + 60s);
    clock_.advance(60s);
    EXPECT_TRUE(signedIn(verify(team[0], kPin)));
    // A correct PIN ends the run: the next pause is the shortest again.
    for (int i = 1; i < 5; ++i)
        EXPECT_EQ(attemptsLeft(verify(team[i], kWrongPin)), 3);
    EXPECT_EQ(lockedUntil(verify(team[0], kWrongPin)), clock_.now() + 30s);
}

TEST_F(RosterTest, TeamLeaderLiftsALockWithTheirOwnPin) {
    const VolunteerId lan = addWithPin("Lan");
    auto leader = roster_->add("Hoa", kiosk::helplog::VolunteerRole::TeamLeader);
    ASSERT_TRUE(leader.ok()) << leader.error().message;
    ASSERT_TRUE(roster_->setPin(leader->id, "582046").ok());
    lockOut(lan);
    clock_.advance(30s);
    auto listed = roster_->list();
    ASSERT_TRUE(listed.ok());
    EXPECT_TRUE(listed->front().teamLeader) << "Hoa is listed first, as a team leader";

    auto wrong = roster_->unlockWithLeader(lan, leader->id, kWrongPin);
    ASSERT_TRUE(wrong.ok()) << wrong.error().message;
    EXPECT_EQ(attemptsLeft(*wrong), 4) << "a wrong leader PIN counts against the leader";
    EXPECT_TRUE(lockedUntil(verify(lan, kPin))) << "and lifts nothing";

    auto lifted = roster_->unlockWithLeader(lan, leader->id, "582046");
    ASSERT_TRUE(lifted.ok()) << lifted.error().message;
    EXPECT_TRUE(signedIn(*lifted));
    EXPECT_EQ(attemptsLeft(verify(lan, kWrongPin)), 4) << "a fresh count";
    EXPECT_TRUE(signedIn(verify(lan, kPin)));
}

TEST_F(RosterTest, OnlyATeamLeaderCanLiftALock) {
    const VolunteerId lan = addWithPin("Lan");
    const VolunteerId minh = addWithPin("Minh");
    lockOut(lan);
    clock_.advance(30s);
    auto refused = roster_->unlockWithLeader(lan, minh, kPin);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "helplog.not_team_leader");
    EXPECT_TRUE(lockedUntil(verify(lan, kPin)));
}

TEST_F(RosterTest, TeamLeaderFlagSurvivesReopening) {
    auto leader = roster_->add("Hoa", kiosk::helplog::VolunteerRole::TeamLeader);
    ASSERT_TRUE(leader.ok());
    EXPECT_TRUE(leader->teamLeader);
    addWithPin("Lan");
    reopen();
    auto listed = roster_->list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_TRUE(listed->at(0).teamLeader);
    EXPECT_FALSE(listed->at(1).teamLeader);
}

TEST_F(RosterTest, LockSurvivesReopeningTheDatabase) {
    const VolunteerId lan = addWithPin();
    lockOut(lan);
    clock_.advance(5min);
    reopen();
    EXPECT_EQ(lockedUntil(verify(lan, kPin)), clock_.now() + 10min);
}

TEST_F(RosterTest, FailuresAreCountedAcrossConnections) {
    const VolunteerId lan = addWithPin();
    for (int i = 0; i < 3; ++i)
        verify(lan, kWrongPin);
    // A second process on the same file (another desk screen) sees and adds to the same count.
    auto other = Database::openInDirectory(dir_);
    ASSERT_TRUE(other.ok()) << other.error().message;
    VolunteerRoster otherRoster(*other, helplog_test::pepperFrom(42), clock_, cheapPolicy());
    auto fourth = otherRoster.verifyPin(lan, kWrongPin);
    ASSERT_TRUE(fourth.ok());
    EXPECT_EQ(attemptsLeft(*fourth), 1);
    EXPECT_TRUE(lockedUntil(verify(lan, kWrongPin)));
    auto blocked = otherRoster.verifyPin(lan, kPin);
    ASSERT_TRUE(blocked.ok());
    EXPECT_TRUE(lockedUntil(*blocked));
}

TEST_F(RosterTest, FailuresSurviveReopeningTheDatabase) {
    const VolunteerId lan = addWithPin();
    for (int i = 0; i < 3; ++i)
        verify(lan, kWrongPin);
    reopen();
    EXPECT_EQ(attemptsLeft(verify(lan, kWrongPin)), 1);
}

TEST_F(RosterTest, LockHoldsWhenTheClockGoesBackwards) {
    const VolunteerId lan = addWithPin();
    lockOut(lan);
    clock_.advance(10min);
    EXPECT_TRUE(lockedUntil(verify(lan, kPin)));  // 10 of 15 minutes counted
    clock_.advance(-2h);                          // NTP or a technician sets the clock back
    EXPECT_EQ(lockedUntil(verify(lan, kPin)), clock_.now() + 5min);
    clock_.advance(4min);
    EXPECT_TRUE(lockedUntil(verify(lan, kPin))) << "only 14 minutes have passed";
    reopen();
    clock_.advance(1min);
    EXPECT_TRUE(signedIn(verify(lan, kPin))) << "15 minutes have passed: a step back must not lengthen it";
}

TEST_F(RosterTest, ClockSetBackWithoutAnAttemptInBetweenDoesNotShortenTheLock) {
    const VolunteerId lan = addWithPin();
    lockOut(lan);
    clock_.advance(-1h);
    clock_.advance(14min);
    EXPECT_TRUE(lockedUntil(verify(lan, kPin)));
    clock_.advance(59s);
    EXPECT_TRUE(lockedUntil(verify(lan, kPin)));
}

TEST_F(RosterTest, UnlocksAfterFifteenMinutesWithAFreshCount) {
    const VolunteerId lan = addWithPin();
    lockOut(lan);
    clock_.advance(15min - 1ms);
    EXPECT_TRUE(lockedUntil(verify(lan, kPin)));
    clock_.advance(1ms);
    EXPECT_EQ(attemptsLeft(verify(lan, kWrongPin)), 4);
    EXPECT_TRUE(signedIn(verify(lan, kPin)));
    auto listed = roster_->list();
    ASSERT_TRUE(listed.ok());
    EXPECT_FALSE(listed->front().lockedUntil);
}

TEST_F(RosterTest, CorrectPinResetsTheCounter) {
    const VolunteerId lan = addWithPin();
    for (int i = 0; i < 4; ++i)
        verify(lan, kWrongPin);
    EXPECT_TRUE(signedIn(verify(lan, kPin)));
    EXPECT_EQ(attemptsLeft(verify(lan, kWrongPin)), 4);
}

TEST_F(RosterTest, WeakOrMalformedPinsAreNotSet) {
    auto added = roster_->add("Lan");
    ASSERT_TRUE(added.ok());
    for (std::string_view weak : {"000000", "123456", "111111"}) {
        kiosk::Status set = roster_->setPin(added->id, weak);
        ASSERT_FALSE(set.ok());
        EXPECT_EQ(set.error().code, "helplog.weak_pin");
    }
    kiosk::Status set = roster_->setPin(added->id, "12345");
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "helplog.pin_format");
    auto listed = roster_->list();
    ASSERT_TRUE(listed.ok());
    EXPECT_FALSE(listed->front().hasPin);
    auto check = roster_->verifyPin(added->id, "123456");
    ASSERT_FALSE(check.ok());
    EXPECT_EQ(check.error().code, "helplog.no_pin");
}

// Issue #16 item 11: "Hòa" and "HO\u0300A" (or "Lan" and "L\u200Ban") could both be added.
TEST_F(RosterTest, LookAlikeNamesAreOneNameAndAreStoredComposed) {
    auto hoa = roster_->add("Ho\u0300a\u200B");
    ASSERT_TRUE(hoa.ok()) << hoa.error().message;
    EXPECT_EQ(hoa->displayName, "Hòa");
    for (std::string_view lookAlike : {"Hòa", "HÒA", "ho\u0300a", "\u202EHòa\u202C", "H\u200Dòa"}) {
        auto again = roster_->add(lookAlike);
        ASSERT_FALSE(again.ok()) << lookAlike;
        EXPECT_EQ(again.error().code, "helplog.duplicate_name") << lookAlike;
    }
    EXPECT_TRUE(roster_->add("Hoa").ok()) << "without the tone mark it is another name";
}

TEST_F(RosterTest, ChangedPinReplacesTheOldOne) {
    const VolunteerId lan = addWithPin();
    ASSERT_TRUE(roster_->setPin(lan, "604913").ok());
    EXPECT_EQ(attemptsLeft(verify(lan, kPin)), 4);
    EXPECT_TRUE(signedIn(verify(lan, "604913")));
}

TEST_F(RosterTest, StoredHashNeverContainsThePin) {
    const VolunteerId lan = addWithPin();
    auto statement = database_->prepare("SELECT pin_hash FROM volunteer WHERE id = ?");
    ASSERT_TRUE(statement.ok());
    statement->bind(1, lan);
    auto row = statement->step();
    ASSERT_TRUE(row.ok() && *row);
    const std::string stored = statement->columnText(0);
    EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u);
    EXPECT_EQ(stored.find(kPin), std::string::npos);
    // Nor anywhere in the files on disk (the change may still be in the WAL).
    const fs::path file = database_->file();
    const std::string onDisk = fileBytes(file) + fileBytes(file.string() + "-wal");
    EXPECT_NE(onDisk.find(stored), std::string::npos) << "the check reads the right files";
    EXPECT_EQ(onDisk.find(kPin), std::string::npos);
}

TEST_F(RosterTest, RehashesOnSignInWhenTheCostChanged) {
    const VolunteerId lan = addWithPin();
    SignInPolicy stronger = cheapPolicy();
    stronger.cost.opsLimit += 1;
    roster_.emplace(*database_, helplog_test::pepperFrom(42), clock_, stronger);
    EXPECT_TRUE(signedIn(verify(lan, kPin)));
    auto statement = database_->prepare("SELECT pin_hash FROM volunteer WHERE id = ?");
    ASSERT_TRUE(statement.ok());
    statement->bind(1, lan);
    ASSERT_TRUE(*statement->step());
    EXPECT_FALSE(kiosk::helplog::pinHashNeedsRehash(statement->columnText(0), stronger.cost));
    EXPECT_TRUE(signedIn(verify(lan, kPin)));
}

TEST_F(RosterTest, AnotherPepperCannotSignIn) {
    const VolunteerId lan = addWithPin();
    roster_.emplace(*database_, helplog_test::pepperFrom(43), clock_, cheapPolicy());
    EXPECT_EQ(attemptsLeft(verify(lan, kPin)), 4);
}

TEST_F(RosterTest, ListsActiveVolunteersByName) {
    addWithPin("Minh");
    auto lan = roster_->add("  Lan ");
    ASSERT_TRUE(lan.ok());
    EXPECT_EQ(lan->displayName, "Lan");
    ASSERT_TRUE(roster_->add("Hương").ok());
    auto listed = roster_->list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 3u);
    EXPECT_EQ((*listed)[0].displayName, "Hương");
    EXPECT_EQ((*listed)[1].displayName, "Lan");
    EXPECT_FALSE((*listed)[1].hasPin);
    EXPECT_EQ((*listed)[2].displayName, "Minh");
    EXPECT_TRUE((*listed)[2].hasPin);
}

TEST_F(RosterTest, DeactivatedVolunteerCannotSignInAndLeavesTheList) {
    const VolunteerId lan = addWithPin("Lan");
    ASSERT_TRUE(roster_->deactivate(lan).ok());
    auto check = roster_->verifyPin(lan, kPin);
    ASSERT_FALSE(check.ok());
    EXPECT_EQ(check.error().code, "helplog.inactive_volunteer");
    EXPECT_EQ(roster_->setPin(lan, "604913").error().code, "helplog.inactive_volunteer");
    EXPECT_TRUE(roster_->list()->empty());
    auto all = roster_->list(true);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1u);
    EXPECT_FALSE(all->front().active);
    EXPECT_TRUE(roster_->add("Lan").ok()) << "the name is free again";
    EXPECT_EQ(roster_->deactivate(9999).error().code, "helplog.unknown_volunteer");
    EXPECT_EQ(roster_->verifyPin(9999, kPin).error().code, "helplog.unknown_volunteer");
}

TEST_F(RosterTest, NamesMustBeShortNicknames) {
    for (std::string_view bad :
         {"", "   ", "Lan 0912", "lan@example.org", "Abcdefghijklmnopqrstuvwxy", "Lan\tMinh", "\xff\xfe"}) {
        auto added = roster_->add(bad);
        ASSERT_FALSE(added.ok()) << bad;
        EXPECT_EQ(added.error().code, "helplog.bad_display_name") << bad;
    }
    EXPECT_TRUE(roster_->add("Cô Ba 2").ok());
    EXPECT_TRUE(roster_->add("Chị Hương tổ tình nguyện").ok()) << "24 characters, not bytes";
    ASSERT_TRUE(roster_->add("Lan").ok());
    auto twice = roster_->add("Lan");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, "helplog.duplicate_name");
}
