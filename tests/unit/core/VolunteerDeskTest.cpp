#include <gtest/gtest.h>

#include "kiosk/desk/VolunteerDesk.h"

using namespace std::chrono_literals;
using kiosk::desk::DeskScreen;
using kiosk::desk::SignInNotice;
using kiosk::desk::VolunteerDesk;
using kiosk::helplog::LockedOut;
using kiosk::helplog::VolunteerSession;
using kiosk::helplog::WrongPin;

namespace {

const kiosk::SteadyTime kStart{std::chrono::hours(1)};

void type(VolunteerDesk& desk, std::string_view digits) {
    for (char digit : digits)
        desk.pressDigit(digit, kStart);
}

kiosk::queue::Ticket doneTicket() {
    kiosk::queue::Ticket ticket;
    ticket.id = 7;
    ticket.letter = 'B';
    ticket.number = 3;
    ticket.state = kiosk::queue::TicketState::Done;
    return ticket;
}

VolunteerDesk signedInDesk() {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    type(desk, "481592");
    EXPECT_TRUE(desk.takePinForCheck().has_value());
    desk.pinChecked(VolunteerSession{4, "Lan", {}}, kStart);
    return desk;
}

}  // namespace

TEST(VolunteerDesk, PinIsHandedOverOnlyWithSixDigitsAndThenWiped) {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    EXPECT_EQ(desk.screen(), DeskScreen::EnterPin);
    type(desk, "12345");
    EXPECT_FALSE(desk.takePinForCheck().has_value());
    type(desk, "6x7");  // 'x' ignored, the 7th digit too
    EXPECT_EQ(desk.pinDigits(), 6u);
    auto pin = desk.takePinForCheck();
    ASSERT_TRUE(pin.has_value());
    EXPECT_EQ(*pin, "123456");
    EXPECT_EQ(desk.pinDigits(), 0u);
    EXPECT_TRUE(desk.checkingPin());
    desk.pressDigit('1', kStart);  // typing while the check runs is ignored
    EXPECT_EQ(desk.pinDigits(), 0u);
}

TEST(VolunteerDesk, EraseRemovesTheLastDigit) {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    type(desk, "12");
    desk.erase(kStart);
    EXPECT_EQ(desk.pinDigits(), 1u);
    desk.erase(kStart);
    desk.erase(kStart);
    EXPECT_EQ(desk.pinDigits(), 0u);
}

TEST(VolunteerDesk, WrongPinStaysOnThePadWithAttemptsLeft) {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    type(desk, "000000");
    ASSERT_TRUE(desk.takePinForCheck());
    desk.pinChecked(WrongPin{3}, kStart);
    EXPECT_EQ(desk.screen(), DeskScreen::EnterPin);
    EXPECT_EQ(desk.signInNotice(), SignInNotice::WrongPin);
    EXPECT_EQ(desk.attemptsLeft(), 3);
    EXPECT_FALSE(desk.signedIn());
    desk.pinChecked(LockedOut{}, kStart);
    EXPECT_EQ(desk.signInNotice(), SignInNotice::Locked);
}

TEST(VolunteerDesk, RightPinOpensTheQueue) {
    VolunteerDesk desk = signedInDesk();
    EXPECT_EQ(desk.screen(), DeskScreen::Queue);
    ASSERT_TRUE(desk.signedIn());
    EXPECT_EQ(desk.volunteer()->displayName, "Lan");
}

TEST(VolunteerDesk, DoneOpensTheFormWhichNeedsEveryChoice) {
    VolunteerDesk desk = signedInDesk();
    desk.ticketDone(doneTicket(), kiosk::helplog::Skill::OnlinePayment);
    EXPECT_EQ(desk.screen(), DeskScreen::HelpForm);
    EXPECT_EQ(desk.form().skill, kiosk::helplog::Skill::OnlinePayment);
    EXPECT_FALSE(desk.helpEntry().has_value());
    desk.form().task = kiosk::helplog::Task::BankOrQrPayment;
    desk.form().outcome = kiosk::helplog::Outcome::Done;
    desk.form().visit = kiosk::helplog::Visit::First;
    EXPECT_FALSE(desk.helpEntry().has_value());
    desk.form().ageBand = kiosk::helplog::AgeBand::From60To74;
    auto entry = desk.helpEntry();
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->ticket, 7);
    EXPECT_EQ(entry->volunteer, 4);
    desk.helpLogged();
    EXPECT_EQ(desk.screen(), DeskScreen::Rating);
    ASSERT_TRUE(desk.ratingTicket().has_value());
    EXPECT_FALSE(desk.current().has_value());
    desk.ratingGiven();
    EXPECT_EQ(desk.screen(), DeskScreen::Queue);
}

TEST(VolunteerDesk, IdleSignsOutAndForgetsEverything) {
    VolunteerDesk desk = signedInDesk();
    desk.noteInput(kStart);
    desk.ticketDone(doneTicket(), std::nullopt);
    desk.form().note = "nhờ hướng dẫn lại";
    EXPECT_FALSE(desk.tick(kStart + 299s));
    EXPECT_EQ(desk.untilTimeout(kStart + 299s), 1000ms);
    EXPECT_TRUE(desk.tick(kStart + 300s));
    EXPECT_EQ(desk.screen(), DeskScreen::ChooseVolunteer);
    EXPECT_FALSE(desk.signedIn());
    EXPECT_FALSE(desk.current().has_value());
    EXPECT_TRUE(desk.form().note.empty());
    EXPECT_TRUE(desk.chosenName().empty());
}

TEST(VolunteerDesk, ACheckThatReturnsAfterSignOutSignsNobodyIn) {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    type(desk, "481592");
    ASSERT_TRUE(desk.takePinForCheck());
    desk.cancelSignIn();
    desk.pinChecked(VolunteerSession{4, "Lan", {}}, kStart);
    EXPECT_FALSE(desk.signedIn());
    EXPECT_EQ(desk.screen(), DeskScreen::ChooseVolunteer);
}

TEST(VolunteerDesk, StatisticsOpenOnlyFromTheQueue) {
    VolunteerDesk desk(300s);
    desk.openStatistics(kStart);
    EXPECT_EQ(desk.screen(), DeskScreen::ChooseVolunteer);
    VolunteerDesk signedIn = signedInDesk();
    signedIn.openStatistics(kStart);
    EXPECT_EQ(signedIn.screen(), DeskScreen::Statistics);
    signedIn.closeStatistics(kStart);
    EXPECT_EQ(signedIn.screen(), DeskScreen::Queue);
}

TEST(VolunteerDesk, KioskPauseIsToldApartFromANameLock) {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    type(desk, "111111");
    ASSERT_TRUE(desk.takePinForCheck());
    const kiosk::WallTime now{std::chrono::hours(100)};
    desk.pinChecked(LockedOut{now + 30s, true}, kStart);
    EXPECT_EQ(desk.signInNotice(), SignInNotice::KioskPaused);
    EXPECT_TRUE(desk.pausedAt(now + 29s));
    EXPECT_FALSE(desk.pausedAt(now + 30s));
    desk.startLeaderUnlock(kStart);
    EXPECT_EQ(desk.screen(), DeskScreen::EnterPin) << "a pause is waited out, not unlocked";
}

TEST(VolunteerDesk, TeamLeaderUnlocksTheLockedNameWithTheirPin) {
    VolunteerDesk desk(300s);
    desk.chooseVolunteer(4, "Lan", kStart);
    type(desk, "111111");
    ASSERT_TRUE(desk.takePinForCheck());
    desk.pinChecked(LockedOut{kiosk::WallTime{std::chrono::hours(100)}, false}, kStart);
    ASSERT_EQ(desk.signInNotice(), SignInNotice::Locked);

    desk.startLeaderUnlock(kStart);
    EXPECT_EQ(desk.screen(), DeskScreen::ChooseVolunteer);
    EXPECT_EQ(desk.unlocking(), 4);
    EXPECT_EQ(desk.unlockingName(), "Lan");
    desk.chooseVolunteer(9, "Hoa", kStart);
    EXPECT_EQ(desk.screen(), DeskScreen::EnterPin);
    type(desk, "222222");
    ASSERT_TRUE(desk.takePinForCheck());
    desk.leaderPinChecked(WrongPin{4}, kStart);
    EXPECT_EQ(desk.signInNotice(), SignInNotice::WrongPin) << "the leader's wrong PIN, on the leader's pad";
    EXPECT_EQ(desk.chosenVolunteer(), 9);
    type(desk, "582046");
    ASSERT_TRUE(desk.takePinForCheck());
    desk.leaderPinChecked(VolunteerSession{9, "Hoa", {}}, kStart);
    EXPECT_FALSE(desk.signedIn()) << "lifting a lock signs nobody in";
    EXPECT_EQ(desk.screen(), DeskScreen::EnterPin);
    EXPECT_EQ(desk.chosenVolunteer(), 4);
    EXPECT_EQ(desk.chosenName(), "Lan");
    EXPECT_EQ(desk.signInNotice(), SignInNotice::Unlocked);
    EXPECT_FALSE(desk.unlocking());
}
