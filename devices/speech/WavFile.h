// SpeechAudio as a RIFF/WAVE file (PCM, 16-bit, mono): what `commune-kiosk say --out` writes
// and what a check outside the project reads back with any audio tool.
#pragma once

#include <filesystem>
#include <string>

#include "devices/speech/SpeechAudio.h"
#include "kiosk/Result.h"

namespace devices {

// The whole file: a 44-byte header, then the samples little-endian.
std::string wavBytes(const SpeechAudio& audio);

// Written atomically: a reader never sees half a file.
kiosk::Status writeWavFile(const std::filesystem::path& file, const SpeechAudio& audio);

// Reads back what wavBytes writes (PCM 16-bit mono, any rate); for tests and checks.
kiosk::Result<SpeechAudio> parseWav(std::string_view bytes);

}  // namespace devices
