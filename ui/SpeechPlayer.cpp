#include "ui/SpeechPlayer.h"

#include <SDL.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "devices/speech/WavFile.h"
#include "kiosk/speech/Chime.h"

namespace ui {

namespace {
// ~46 ms at 22050 Hz: short enough that "stop" is heard at once, long enough not to underrun.
constexpr Uint16 kBufferFrames = 1024;
}  // namespace

SpeechPlayer::SpeechPlayer(kiosk::config::SpeechConfig config) : config_(config) {}

SpeechPlayer::~SpeechPlayer() {
    worker_.reset();  // joins the synthesis thread first: nothing arrives after this
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    if (audioInitialised_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool SpeechPlayer::openDevice(int sampleRate) {
    if (device_ != 0 && deviceRate_ == sampleRate) return true;
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    device_ = 0;
    if (!audioInitialised_) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            spdlog::warn("speech: no sound ({}); the kiosk stays silent", SDL_GetError());
            deviceFailed_ = true;
            return false;
        }
        audioInitialised_ = true;
    }
    SDL_AudioSpec want{};
    want.freq = sampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = kBufferFrames;
    // No allowed changes: SDL converts to whatever the card wants, and the queue takes our format.
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    if (device_ == 0) {
        spdlog::warn("speech: no sound device ({}); the kiosk stays silent", SDL_GetError());
        deviceFailed_ = true;
        return false;
    }
    deviceRate_ = sampleRate;
    spdlog::info("speech: sound device open ({} driver, {} Hz)", SDL_GetCurrentAudioDriver(), sampleRate);
    return true;
}

void SpeechPlayer::say(kiosk::speech::SpokenText spoken) {
    if (!available()) return;
    if (current_) stop("a new reading");
    if (!worker_) worker_ = std::make_unique<devices::SpeechWorker>();
    request_ = worker_->request(spoken.text, spoken.language);
    current_ = std::move(spoken);
    leadingChime_ = false;
    recordingName_.clear();
}

void SpeechPlayer::announce(kiosk::speech::SpokenText spoken, std::string recordingName) {
    // A recording needs no sound card: a board under test has none.
    if (!config_.enabled || (deviceFailed_ && !recordDir_)) return;
    if (current_) stop("a new call");
    if (!worker_) worker_ = std::make_unique<devices::SpeechWorker>();
    request_ = worker_->request(spoken.text, spoken.language);
    current_ = std::move(spoken);
    leadingChime_ = true;
    recordingName_ = std::move(recordingName);
}

void SpeechPlayer::chime() {
    constexpr int kChimeRate = 22050;
    if (deviceFailed_ || current_) return;
    if (!openDevice(kChimeRate)) return;
    const auto samples = kiosk::speech::chimeSamples(kChimeRate, config_.volume);
    SDL_ClearQueuedAudio(device_);
    if (SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size() * 2)) != 0) {
        spdlog::warn("speech: the sound device refused the chime ({})", SDL_GetError());
        return;
    }
    SDL_PauseAudioDevice(device_, 0);
}

void SpeechPlayer::stop(std::string_view why) {
    if (worker_) worker_->cancel();
    if (device_ != 0) {
        SDL_PauseAudioDevice(device_, 1);
        SDL_ClearQueuedAudio(device_);
    }
    if (current_) spdlog::info("speech: stopped the {} ({})", current_->topic, why);
    current_.reset();
    playing_ = false;
}

void SpeechPlayer::update() {
    if (!current_) return;
    if (playing_) {
        if (SDL_GetQueuedAudioSize(device_) > 0) return;
        // The queue is empty: the last buffer is with the card, and espeak-ng ended the text
        // with a pause, so pausing now cuts nothing that is heard.
        SDL_PauseAudioDevice(device_, 1);
        spdlog::info("speech: finished the {}", current_->topic);
        current_.reset();
        playing_ = false;
        return;
    }
    auto done = worker_ ? worker_->take() : std::nullopt;
    if (!done || done->id != request_) return;
    if (!done->audio) {
        spdlog::error("speech: the {} could not be read: {}", current_->topic, done->audio.error().message);
        current_.reset();
        return;
    }
    devices::SpeechAudio& audio = *done->audio;
    if (leadingChime_) {
        // One sound, so nothing can come between the chime and the call it announces.
        auto chime = kiosk::speech::chimeSamples(audio.sampleRate, 100);
        audio.samples.insert(audio.samples.begin(), chime.begin(), chime.end());
    }
    // Linear gain: the volume is a percentage of the voice's full level, set once per kiosk.
    const int volume = std::clamp(config_.volume, 0, 100);
    for (auto& sample : audio.samples)
        sample = static_cast<std::int16_t>(sample * volume / 100);
    if (recordDir_ && !recordingName_.empty()) {
        const auto file = *recordDir_ / (recordingName_ + ".wav");
        if (auto written = devices::writeWavFile(file, audio); !written) {
            spdlog::error("speech: cannot record the {}: {}", current_->topic, written.error().message);
        } else {
            spdlog::info("speech: recorded the {} in {}", current_->topic, file.string());
        }
    }
    if (deviceFailed_ || !openDevice(audio.sampleRate)) {
        current_.reset();
        return;
    }
    if (SDL_QueueAudio(device_, audio.samples.data(), static_cast<Uint32>(audio.samples.size() * 2)) != 0) {
        spdlog::error("speech: the sound device refused the audio ({})", SDL_GetError());
        current_.reset();
        return;
    }
    SDL_PauseAudioDevice(device_, 0);
    playing_ = true;
    spdlog::info("speech: reading the {} ({}, {:.1f} s of speech, synthesised in {} ms, volume {})",
                 current_->topic, kiosk::i18n::languageCode(current_->language), audio.seconds(),
                 done->took.count(), volume);
}

}  // namespace ui
