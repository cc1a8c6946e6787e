// What the synthesiser makes: 16-bit signed mono PCM at espeak-ng's own rate (22050 Hz with
// Debian's voices). A value type; playing it or writing it to a file is someone else's job.
#pragma once

#include <cstdint>
#include <vector>

namespace devices {

struct SpeechAudio {
    std::vector<std::int16_t> samples;  // mono
    int sampleRate = 22050;

    double seconds() const { return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0; }
};

}  // namespace devices
