#include <gtest/gtest.h>

#include "kiosk/session/IdleWatch.h"

using namespace std::chrono_literals;
using kiosk::session::IdlePhase;
using kiosk::session::IdleWatch;

TEST(IdleWatch, ActiveUntilIdleTimeThenAsksWithCountdown) {
    IdleWatch watch(90s, 20s);
    const kiosk::SteadyTime start{};
    watch.noteInput(start);
    EXPECT_EQ(watch.stateAt(start + 89s).phase, IdlePhase::Active);
    const auto asking = watch.stateAt(start + 90s);
    EXPECT_EQ(asking.phase, IdlePhase::Asking);
    EXPECT_EQ(asking.secondsLeft, 20);
    EXPECT_EQ(watch.stateAt(start + 90s + 500ms).secondsLeft, 20);
    EXPECT_EQ(watch.stateAt(start + 101s).secondsLeft, 9);
    EXPECT_EQ(watch.stateAt(start + 109s + 999ms).secondsLeft, 1);
    EXPECT_EQ(watch.stateAt(start + 110s).phase, IdlePhase::Expired);
}

TEST(IdleWatch, OnlyAnAnswerCancelsTheQuestion) {
    IdleWatch watch(90s, 20s);
    const kiosk::SteadyTime start{};
    watch.noteInput(start);
    ASSERT_EQ(watch.stateAt(start + 95s).phase, IdlePhase::Asking);
    watch.noteInput(start + 95s);  // e.g. the press on "End now": it must still be there on release
    EXPECT_EQ(watch.stateAt(start + 96s).phase, IdlePhase::Asking);
    watch.confirmPresence(start + 95s);
    EXPECT_EQ(watch.stateAt(start + 96s).phase, IdlePhase::Active);
    EXPECT_EQ(watch.stateAt(start + 184s).phase, IdlePhase::Active);
}

TEST(IdleWatch, TellsTheLoopHowLongItMaySleep) {
    IdleWatch watch(90s, 20s);
    const kiosk::SteadyTime start{};
    watch.noteInput(start);
    EXPECT_NEAR(std::chrono::duration<double>(watch.stateAt(start + 30s).untilNextChange).count(), 60.0,
                0.01);
    // While asking, wake for each second of the countdown.
    EXPECT_LE(watch.stateAt(start + 95s + 300ms).untilNextChange, 701ms);
}

TEST(IdleWatch, OlderInputDoesNotMoveTimeBack) {
    IdleWatch watch(90s, 20s);
    const kiosk::SteadyTime start{};
    watch.noteInput(start + 50s);
    watch.noteInput(start);
    EXPECT_EQ(watch.stateAt(start + 139s).phase, IdlePhase::Active);
}
