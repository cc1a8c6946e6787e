#include "kiosk/speech/Chime.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kiosk::speech {

std::vector<std::int16_t> chimeSamples(int sampleRate, int volume) {
    // E5 then C5, 0.22 s each: a doorbell, noticed without alarming anyone in the room.
    constexpr double kNotes[] = {659.25, 523.25};
    constexpr double kNoteSeconds = 0.22;
    const double peak = 0.6 * 32767 * std::clamp(volume, 0, 100) / 100.0;
    const int perNote = static_cast<int>(sampleRate * kNoteSeconds);
    std::vector<std::int16_t> samples;
    samples.reserve(static_cast<size_t>(perNote) * std::size(kNotes));
    for (double frequency : kNotes) {
        for (int i = 0; i < perNote; ++i) {
            const double t = static_cast<double>(i) / sampleRate;
            // A 5 ms attack and an exponential decay: no click at either end.
            const double envelope = std::min(1.0, t / 0.005) * std::exp(-t * 9.0);
            samples.push_back(
                static_cast<std::int16_t>(peak * envelope * std::sin(2 * std::numbers::pi * frequency * t)));
        }
    }
    return samples;
}

}  // namespace kiosk::speech
