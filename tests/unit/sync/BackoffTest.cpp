#include "kiosk/sync/Backoff.h"

#include <gtest/gtest.h>

#include <limits>

using kiosk::WallTime;
using kiosk::sync::fullJitterDelay;
using kiosk::sync::parseHttpDate;
using kiosk::sync::parseRetryAfter;
using kiosk::sync::retryDelay;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

namespace {

constexpr uint32_t kLowest = 0;
constexpr uint32_t kHighest = std::numeric_limits<uint32_t>::max();

WallTime at(int hour, int minute, int second) {
    using namespace std::chrono;
    return time_point_cast<milliseconds>(sys_days(year(1994) / November / 6) + hours(hour) + minutes(minute) +
                                         seconds(second));
}

}  // namespace

TEST(Backoff, FullJitterSpansZeroToTheDoublingCeiling) {
    const milliseconds base = 2s;
    const milliseconds cap = 10min;
    EXPECT_EQ(fullJitterDelay(1, kLowest, base, cap), 0ms);
    EXPECT_EQ(fullJitterDelay(1, kHighest, base, cap), 2s);
    EXPECT_EQ(fullJitterDelay(2, kHighest, base, cap), 4s);
    EXPECT_EQ(fullJitterDelay(5, kHighest, base, cap), 32s);
    // Half the random range gives about half the ceiling.
    EXPECT_NEAR(fullJitterDelay(5, kHighest / 2, base, cap).count(), 16000, 1);
}

TEST(Backoff, FullJitterNeverExceedsTheCapEvenAfterManyFailures) {
    for (const int failures : {10, 11, 20, 64, 1000, std::numeric_limits<int>::max()}) {
        EXPECT_EQ(fullJitterDelay(failures, kHighest, 2s, 10min), 10min) << failures;
        EXPECT_LE(fullJitterDelay(failures, 12345, 2s, 10min), 10min) << failures;
    }
}

TEST(Backoff, NoFailureMeansNoWait) {
    EXPECT_EQ(fullJitterDelay(0, kHighest, 2s, 10min), 0ms);
}

TEST(Backoff, ParsesTheThreeHttpDateForms) {
    const WallTime expected = at(8, 49, 37);
    EXPECT_EQ(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), expected);   // IMF-fixdate
    EXPECT_EQ(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), expected);  // RFC 850
    EXPECT_EQ(parseHttpDate("Sun Nov  6 08:49:37 1994"), expected);        // asctime
    EXPECT_FALSE(parseHttpDate("soon"));
    EXPECT_FALSE(parseHttpDate(""));
}

// Found by fuzz_retry_after: curl reads this as a year past 400 million, whose milliseconds
// overflowed int64 (undefined behaviour, caught by UBSan).
TEST(Backoff, RefusesHttpDatesPastTheYear9999) {
    EXPECT_FALSE(parseHttpDate("3Dec0449444444"));
    EXPECT_FALSE(parseHttpDate("Fri, 31 Dec 10000 23:59:59 GMT"));
    EXPECT_TRUE(parseHttpDate("Fri, 31 Dec 9999 23:59:59 GMT"));
    EXPECT_FALSE(parseRetryAfter("3Dec0449444444", std::nullopt, at(8, 0, 0)));
}

TEST(Backoff, RetryAfterInSeconds) {
    const WallTime now = at(8, 0, 0);
    EXPECT_EQ(parseRetryAfter("120", std::nullopt, now), 120s);
    EXPECT_EQ(parseRetryAfter(" 0 ", std::nullopt, now), 0s);
    // Capped: a broken server must not silence the kiosk for a year.
    EXPECT_EQ(parseRetryAfter("31536000", std::nullopt, now), 1h);
    EXPECT_EQ(parseRetryAfter("99999999999999999999", std::nullopt, now), 1h);
    EXPECT_FALSE(parseRetryAfter("-5", std::nullopt, now));
    EXPECT_FALSE(parseRetryAfter("", std::nullopt, now));
}

TEST(Backoff, RetryAfterDateIsMeasuredOnTheServersClock) {
    // The kiosk's clock is 10 minutes slow; the server's own Date header tells the real distance.
    const WallTime kioskNow = at(7, 50, 0);
    const WallTime serverNow = at(8, 0, 0);
    EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:00:30 GMT", serverNow, kioskNow), 30s);
    // Without a Date header the kiosk's clock is all there is.
    EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:00:30 GMT", std::nullopt, kioskNow), 10min + 30s);
    // A date in the past means now.
    EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 07:00:00 GMT", serverNow, kioskNow), 0s);
}

TEST(Backoff, RetryAfterWinsOverBackoffWithALittleJitter) {
    EXPECT_EQ(retryDelay(7, kLowest, 30s, 2s, 10min), 30s);
    EXPECT_EQ(retryDelay(7, kHighest, 30s, 2s, 10min), 33s);
    EXPECT_EQ(retryDelay(1, kHighest, std::nullopt, 2s, 10min), 2s);
}
