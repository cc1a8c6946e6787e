// Measures on speech audio that the speech tests share: loudness and length.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace testsupport {

// Root mean square of the samples, in sample units (0..32767).
inline double rms(const std::vector<std::int16_t>& samples) {
    if (samples.empty()) return 0;
    double sum = 0;
    for (std::int16_t sample : samples)
        sum += static_cast<double>(sample) * sample;
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

// espeak-ng at the kiosk's 145 words per minute measured 0.08-0.10 s per character of
// Vietnamese and English sentences; the bounds leave room for other voices' versions without
// letting silence or a truncated word pass.
inline constexpr double kMinSecondsPerCharacter = 0.03;
inline constexpr double kMaxSecondsPerCharacter = 0.25;
// A voice is far above this; dither or a click is far below it.
inline constexpr double kSpeechRmsFloor = 500;

}  // namespace testsupport
