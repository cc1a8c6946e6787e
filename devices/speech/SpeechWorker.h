// Synthesis off the caller's thread. The UI posts what to say and picks the audio up on a later
// frame; a frame never waits for espeak-ng. Only the latest request matters (the citizen
// pressed "Nghe" on the screen they see now): a new request replaces a waiting one and cancels
// the one being synthesised, and cancel() drops both.
//
// Usage (one per process is plenty; espeak-ng serialises anyway):
//   SpeechWorker worker;
//   const auto id = worker.request(text, Language::Vi);
//   each frame: if (auto done = worker.take()) play(done->audio) when done->id == id
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "devices/speech/SpeechAudio.h"
#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"

namespace devices {

class SpeechWorker {
public:
    struct Spoken {
        std::uint64_t id = 0;
        kiosk::Result<SpeechAudio> audio = kiosk::Error{};
        std::chrono::milliseconds took{0};  // synthesis time, for logs and benchmarks
    };

    SpeechWorker();
    ~SpeechWorker();  // cancels and joins
    SpeechWorker(const SpeechWorker&) = delete;
    SpeechWorker& operator=(const SpeechWorker&) = delete;

    // Returns the request's id (increasing from 1).
    std::uint64_t request(std::string text, kiosk::i18n::Language language);
    void cancel();
    // The latest request's result once it is ready, exactly once; never a superseded one.
    std::optional<Spoken> take();
    // A request is waiting or being synthesised.
    bool busy() const;

private:
    struct Job {
        std::uint64_t id = 0;
        std::string text;
        kiosk::i18n::Language language{};
    };
    void run();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Job> waiting_;
    std::optional<Spoken> done_;
    std::uint64_t latest_ = 0;   // the id of the newest request; older results are dropped
    std::uint64_t working_ = 0;  // the id being synthesised, 0 when idle
    std::atomic<bool> cancelWork_{false};
    bool stopping_ = false;
    std::thread thread_;  // last: starts after everything it reads
};

}  // namespace devices
