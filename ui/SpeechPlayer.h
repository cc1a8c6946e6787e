// The kiosk's voice on the sound card: what a "Nghe" button asked for is synthesised on
// devices::SpeechWorker (never on the UI thread) and played through an SDL audio queue at the
// configured volume. UI thread only. Without a sound card the kiosk stays silent and says so once
// in the log; nothing else changes. Logs name what is read ("ticket"), never the text.
//
// Usage (KioskApp):
//   SpeechPlayer speech(config.speech);
//   on "Nghe":       speech.say(*kiosk::speech::spokenTextFor(...));
//   every frame:     speech.update();  then stop("navigation") when the screen no longer says
//                    what speech.current() is reading
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "devices/speech/SpeechWorker.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/speech/SpokenText.h"

namespace ui {

class SpeechPlayer {
public:
    explicit SpeechPlayer(kiosk::config::SpeechConfig config);
    ~SpeechPlayer();
    SpeechPlayer(const SpeechPlayer&) = delete;
    SpeechPlayer& operator=(const SpeechPlayer&) = delete;

    // False when [speech] is disabled or the sound card failed: screens then show no button.
    bool available() const { return config_.enabled && !deviceFailed_; }
    void say(kiosk::speech::SpokenText spoken);
    // Drops what is being synthesised and silences what is playing; `why` goes to the log.
    void stop(std::string_view why);
    // The desk's "someone needs help" sound. Not for citizens' screens: it never interrupts a
    // reading, and plays even when [speech] is off (the volume still applies).
    void chime();
    // The board's call: the chime, then `spoken`, as one sound. With recordTo() set, the same
    // sound is also written to DIR/<recordingName>.wav, with or without a sound card.
    void announce(kiosk::speech::SpokenText spoken, std::string recordingName);
    // Every announce() from now on is also written as a WAV file into `dir` (board --speech-out),
    // through the speech module's file output: what tests and checks listen to.
    void recordTo(std::filesystem::path dir) { recordDir_ = std::move(dir); }
    // Once per frame: hands finished synthesis to the sound card, notices the end of playback.
    void update();
    // Synthesising or playing.
    bool speaking() const { return current_.has_value(); }
    const std::optional<kiosk::speech::SpokenText>& current() const { return current_; }
    // How soon update() has something to do: audio is due from synthesis any moment, or the end
    // of playback only needs noticing (to turn "Dừng đọc" back into "Nghe") within a quarter second.
    std::chrono::milliseconds sleepBudget() const {
        return playing_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(50);
    }

private:
    bool openDevice(int sampleRate);

    kiosk::config::SpeechConfig config_;
    std::unique_ptr<devices::SpeechWorker> worker_;  // started at the first "Nghe"
    std::uint64_t request_ = 0;
    // SDL_AudioDeviceID, opened at the first reading and then kept, paused between readings:
    // closing it joins SDL's audio thread, a wait the UI thread should not take on every stop.
    std::uint32_t device_ = 0;
    int deviceRate_ = 0;
    bool audioInitialised_ = false;
    bool deviceFailed_ = false;
    bool playing_ = false;
    std::optional<kiosk::speech::SpokenText> current_;
    // Set by announce() for the reading in progress.
    bool leadingChime_ = false;
    std::string recordingName_;
    std::optional<std::filesystem::path> recordDir_;
};

}  // namespace ui
