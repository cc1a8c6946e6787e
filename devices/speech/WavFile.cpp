#include "devices/speech/WavFile.h"

#include <cstdint>
#include <cstring>

#include "kiosk/Files.h"

namespace devices {
namespace {

void putLe(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::uint32_t getLe(std::string_view in, size_t at, int bytes) {
    std::uint32_t value = 0;
    for (int i = bytes - 1; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(in[at + static_cast<size_t>(i)]);
    return value;
}

kiosk::Error notWav(const std::string& why) {
    return {"wav.invalid", "not a 16-bit mono PCM WAV file: " + why};
}

}  // namespace

std::string wavBytes(const SpeechAudio& audio) {
    const auto dataBytes = static_cast<std::uint32_t>(audio.samples.size() * 2);
    const auto rate = static_cast<std::uint32_t>(audio.sampleRate);
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    putLe(out, 36 + dataBytes, 4);
    out += "WAVEfmt ";
    putLe(out, 16, 4);        // fmt chunk size
    putLe(out, 1, 2);         // PCM
    putLe(out, 1, 2);         // mono
    putLe(out, rate, 4);      // samples per second
    putLe(out, rate * 2, 4);  // bytes per second
    putLe(out, 2, 2);         // bytes per frame
    putLe(out, 16, 2);        // bits per sample
    out += "data";
    putLe(out, dataBytes, 4);
    for (std::int16_t sample : audio.samples)
        putLe(out, static_cast<std::uint16_t>(sample), 2);
    return out;
}

kiosk::Status writeWavFile(const std::filesystem::path& file, const SpeechAudio& audio) {
    return kiosk::writeFileAtomically(file, wavBytes(audio));
}

kiosk::Result<SpeechAudio> parseWav(std::string_view bytes) {
    if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE")
        return notWav("no RIFF/WAVE header");
    SpeechAudio audio;
    bool haveFormat = false;
    for (size_t at = 12; at + 8 <= bytes.size();) {
        const std::string_view id = bytes.substr(at, 4);
        const std::uint32_t size = getLe(bytes, at + 4, 4);
        const size_t body = at + 8;
        if (size > bytes.size() - body) return notWav("chunk '" + std::string(id) + "' runs past the end");
        if (id == "fmt ") {
            if (size < 16) return notWav("short fmt chunk");
            if (getLe(bytes, body, 2) != 1 || getLe(bytes, body + 2, 2) != 1 ||
                getLe(bytes, body + 14, 2) != 16)
                return notWav("format is not PCM 16-bit mono");
            audio.sampleRate = static_cast<int>(getLe(bytes, body + 4, 4));
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat) return notWav("data before fmt");
            audio.samples.resize(size / 2);
            for (size_t i = 0; i < audio.samples.size(); ++i)
                audio.samples[i] = static_cast<std::int16_t>(getLe(bytes, body + 2 * i, 2));
            return audio;
        }
        at = body + size + (size & 1);  // chunks are padded to even sizes
    }
    return notWav("no data chunk");
}

}  // namespace devices
