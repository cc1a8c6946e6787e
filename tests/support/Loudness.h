// How loud a stretch of recorded samples is, for tests that check a chime or a voice is there.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace testsupport {

// Root mean square of samples [from, to); 0 for an empty stretch.
inline double rms(const std::vector<std::int16_t>& samples, size_t from, size_t to) {
    to = std::min(to, samples.size());
    if (from >= to) return 0;
    double sum = 0;
    for (size_t i = from; i < to; ++i)
        sum += double(samples[i]) * samples[i];
    return std::sqrt(sum / double(to - from));
}

}  // namespace testsupport
