// The desk's "someone needs help" sound: two soft falling notes, made here rather than shipped as
// a file, so it plays wherever the voice plays and needs no asset. Mono 16-bit PCM.
#pragma once

#include <cstdint>
#include <vector>

namespace kiosk::speech {

// `volume` 0..100, as [speech] volume.
std::vector<std::int16_t> chimeSamples(int sampleRate, int volume);

}  // namespace kiosk::speech
