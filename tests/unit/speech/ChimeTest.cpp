#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "kiosk/speech/Chime.h"

TEST(Chime, IsAudibleShortAndStartsAndEndsWithoutAClick) {
    const int rate = 22050;
    const auto samples = kiosk::speech::chimeSamples(rate, 100);
    const double seconds = static_cast<double>(samples.size()) / rate;
    EXPECT_GT(seconds, 0.3);
    EXPECT_LT(seconds, 1.0) << "a chime, not a siren";
    const auto loudest = std::ranges::max(samples, {}, [](std::int16_t s) { return std::abs(s); });
    EXPECT_GT(std::abs(loudest), 8000) << "heard across a busy room";
    EXPECT_LT(std::abs(samples.front()), 200);
    EXPECT_LT(std::abs(samples.back()), 2000);
}

TEST(Chime, FollowsTheVolume) {
    const auto loud = kiosk::speech::chimeSamples(22050, 100);
    const auto quiet = kiosk::speech::chimeSamples(22050, 25);
    const auto silent = kiosk::speech::chimeSamples(22050, 0);
    auto peak = [](const std::vector<std::int16_t>& s) {
        return std::abs(std::ranges::max(s, {}, [](std::int16_t v) { return std::abs(v); }));
    };
    EXPECT_NEAR(peak(quiet) * 4.0, peak(loud), peak(loud) * 0.02);
    EXPECT_EQ(peak(silent), 0);
}
