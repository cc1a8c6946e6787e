// Text to speech with espeak-ng (Debian's libespeak-ng, offline): UTF-8 text and a language in,
// 16-bit mono PCM out. The kiosk's voice (`Nghe` buttons), the `say` command and, later, the
// now-serving board all speak through this one function.
//
// espeak-ng keeps global state (one voice, one rate, one output callback), so every call in the
// process is serialised by a mutex inside. A sentence takes tens of milliseconds to synthesise:
// screens never call this on the UI thread; devices/speech/SpeechWorker does.
//
// Usage:
//   auto audio = devices::synthesizeSpeech("Số của bạn là A 12.", kiosk::i18n::Language::Vi);
//   if (!audio) log(audio.error().message);
#pragma once

#include <atomic>
#include <string_view>

#include "devices/speech/SpeechAudio.h"
#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"

namespace devices {

// Elderly listeners follow a slower voice better; espeak-ng's default is 175 words per minute.
inline constexpr int kKioskWordsPerMinute = 145;

// Synthesises `text` (UTF-8, at most kMaxSpokenBytes) with the Vietnamese voice "vi" or the
// English voice "en". When `cancelled` becomes true, synthesis stops early and returns the
// error "speech.cancelled". Errors: "speech.unavailable" (espeak-ng or its voice data is
// missing), "speech.too_long", "speech.failed".
kiosk::Result<SpeechAudio> synthesizeSpeech(std::string_view text, kiosk::i18n::Language language,
                                            const std::atomic<bool>* cancelled = nullptr,
                                            int wordsPerMinute = kKioskWordsPerMinute);

// A screenful of text is a few hundred bytes; anything far longer is a mistake, not speech.
inline constexpr std::size_t kMaxSpokenBytes = 8000;

}  // namespace devices
