// How much slower a piece of work gets when its input grows, for tests that must tell linear work
// from quadratic or cubic work without gating on an absolute time (which depends on the machine,
// the build type and whoever else is using the CPU). Each size is run in alternation and the
// fastest run of each counts, since noise only ever adds time.
//
//   // 4× the steps: linear work takes about 4× as long, quadratic 16×, cubic 64×.
//   EXPECT_LT(growthRatio([&] { check(small); }, [&] { check(large); }), 10.0);
#pragma once

#include <algorithm>
#include <chrono>
#include <limits>

namespace testsupport {

// Fastest time of `large` over fastest time of `small`. Runs at most `maxRounds` rounds, and stops
// after `minRounds` once a second has gone by, so a regression makes the test fail, not hang.
template <typename Small, typename Large>
double growthRatio(Small small, Large large, int minRounds = 3, int maxRounds = 25) {
    using Clock = std::chrono::steady_clock;
    const auto timed = [](auto& work) {
        const Clock::time_point start = Clock::now();
        work();
        return std::chrono::duration<double>(Clock::now() - start).count();
    };
    double fastestSmall = std::numeric_limits<double>::max();
    double fastestLarge = std::numeric_limits<double>::max();
    const Clock::time_point begin = Clock::now();
    for (int round = 0; round < maxRounds; ++round) {
        if (round >= minRounds && Clock::now() - begin > std::chrono::seconds(1)) break;
        fastestSmall = std::min(fastestSmall, timed(small));
        fastestLarge = std::min(fastestLarge, timed(large));
    }
    // A clock too coarse to see the small run at all would make any ratio meaningless.
    return fastestLarge / std::max(fastestSmall, 1e-9);
}

}  // namespace testsupport
