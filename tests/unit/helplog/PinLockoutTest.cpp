#include "kiosk/helplog/PinLockout.h"

#include <gtest/gtest.h>

using kiosk::helplog::PinLockout;
using namespace std::chrono_literals;

namespace {

constexpr std::chrono::milliseconds kLockFor = 15min;
constexpr std::int64_t kMinute = 60'000;

TEST(PinLockout, TheFifthWrongPinLocksAndSuccessResetsTheCount) {
    PinLockout lockout;
    for (int i = 0; i < 4; ++i) {
        EXPECT_FALSE(lockout.countFailure(0, 5));
        EXPECT_EQ(lockout.attemptsLeft(5), 4 - i);
    }
    lockout.succeed();
    EXPECT_EQ(lockout.attemptsLeft(5), 5);
    for (int i = 0; i < 4; ++i)
        lockout.countFailure(0, 5);
    EXPECT_TRUE(lockout.countFailure(0, 5));
    EXPECT_TRUE(lockout.locked());
    EXPECT_EQ(lockout.remaining(kLockFor), kLockFor);
}

TEST(PinLockout, CountsElapsedTimeOnlyWhileTheClockMovesForward) {
    PinLockout lockout;
    for (int i = 0; i < 5; ++i)
        lockout.countFailure(1000 * kMinute, 5);
    lockout.advance(1010 * kMinute, kLockFor);  // 10 minutes pass
    EXPECT_EQ(lockout.remaining(kLockFor), 5min);
    lockout.advance(10 * kMinute, kLockFor);  // the clock is set back by hours: nothing is counted
    EXPECT_EQ(lockout.remaining(kLockFor), 5min);
    lockout.advance(14 * kMinute, kLockFor);
    EXPECT_EQ(lockout.remaining(kLockFor), 1min);
    EXPECT_TRUE(lockout.advance(15 * kMinute, kLockFor));
    EXPECT_FALSE(lockout.locked());
    EXPECT_EQ(lockout.failures, 0);
}

}  // namespace
