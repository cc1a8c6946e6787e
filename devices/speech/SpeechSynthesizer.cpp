#include "devices/speech/SpeechSynthesizer.h"

#include <espeak-ng/speak_lib.h>

#include <mutex>
#include <string>

namespace devices {
namespace {

// espeak-ng's state is process-wide; so is ours, and this mutex guards both.
std::mutex gEspeak;
int gSampleRate = 0;  // 0: not tried yet; < 0: espeak-ng could not start
kiosk::i18n::Language gVoice{};
bool gVoiceSet = false;
int gWordsPerMinute = 0;

// Where the callback appends; set only while the mutex is held and espeak_Synth runs.
std::vector<std::int16_t>* gSink = nullptr;
const std::atomic<bool>* gCancelled = nullptr;

int collectSamples(short* samples, int count, espeak_EVENT*) {
    if (gCancelled && gCancelled->load(std::memory_order_relaxed)) return 1;  // espeak-ng stops
    if (samples && count > 0 && gSink) gSink->insert(gSink->end(), samples, samples + count);
    return 0;
}

kiosk::Error unavailable(const std::string& why) {
    return {"speech.unavailable",
            "speech: " + why + "; install espeak-ng-data (Debian) to give the kiosk its voice"};
}

}  // namespace

kiosk::Result<SpeechAudio> synthesizeSpeech(std::string_view text, kiosk::i18n::Language language,
                                            const std::atomic<bool>* cancelled, int wordsPerMinute) {
    if (text.size() > kMaxSpokenBytes) {
        return kiosk::Error{"speech.too_long", "speech: the text is " + std::to_string(text.size()) +
                                                   " bytes; at most " + std::to_string(kMaxSpokenBytes) +
                                                   " can be spoken at once"};
    }
    std::lock_guard lock(gEspeak);
    if (gSampleRate == 0) {
        // DONT_EXIT: espeak-ng would otherwise call exit() when its data is missing.
        gSampleRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (gSampleRate > 0) espeak_SetSynthCallback(collectSamples);
        if (gSampleRate <= 0) gSampleRate = -1;
    }
    if (gSampleRate < 0) return unavailable("espeak-ng did not start");
    if (!gVoiceSet || gVoice != language) {
        const std::string name(kiosk::i18n::languageCode(language));
        if (espeak_SetVoiceByName(name.c_str()) != EE_OK)
            return unavailable("no espeak-ng voice '" + name + "'");
        gVoice = language;
        gVoiceSet = true;
        gWordsPerMinute = 0;  // a new voice starts at its own default rate
    }
    if (gWordsPerMinute != wordsPerMinute) {
        espeak_SetParameter(espeakRATE, wordsPerMinute, 0);
        gWordsPerMinute = wordsPerMinute;
    }

    SpeechAudio audio;
    audio.sampleRate = gSampleRate;
    if (text.empty()) return audio;
    const std::string terminated(text);
    gSink = &audio.samples;
    gCancelled = cancelled;
    const espeak_ERROR status = espeak_Synth(terminated.c_str(), terminated.size() + 1, 0, POS_CHARACTER, 0,
                                             espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, nullptr);
    gSink = nullptr;
    gCancelled = nullptr;
    if (cancelled && cancelled->load()) return kiosk::Error{"speech.cancelled", "speech: cancelled"};
    if (status != EE_OK) {
        return kiosk::Error{"speech.failed", "speech: espeak-ng failed (status " +
                                                 std::to_string(static_cast<int>(status)) + ")"};
    }
    return audio;
}

}  // namespace devices
