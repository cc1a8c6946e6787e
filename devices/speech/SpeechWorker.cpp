#include "devices/speech/SpeechWorker.h"

#include "devices/speech/SpeechSynthesizer.h"

namespace devices {

SpeechWorker::SpeechWorker() : thread_([this] { run(); }) {}

SpeechWorker::~SpeechWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        cancelWork_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t SpeechWorker::request(std::string text, kiosk::i18n::Language language) {
    std::uint64_t id = 0;
    {
        std::lock_guard lock(mutex_);
        id = ++latest_;
        waiting_ = Job{id, std::move(text), language};
        done_.reset();
        if (working_ != 0) cancelWork_ = true;
    }
    wake_.notify_all();
    return id;
}

void SpeechWorker::cancel() {
    std::lock_guard lock(mutex_);
    ++latest_;  // whatever is in flight is now superseded
    waiting_.reset();
    done_.reset();
    if (working_ != 0) cancelWork_ = true;
}

std::optional<SpeechWorker::Spoken> SpeechWorker::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(done_, std::nullopt);
}

bool SpeechWorker::busy() const {
    std::lock_guard lock(mutex_);
    return waiting_.has_value() || working_ != 0;
}

void SpeechWorker::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || waiting_.has_value(); });
        if (stopping_) return;
        Job job = std::move(*waiting_);
        waiting_.reset();
        working_ = job.id;
        cancelWork_ = false;
        lock.unlock();

        const auto started = std::chrono::steady_clock::now();
        auto audio = synthesizeSpeech(job.text, job.language, &cancelWork_);
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

        lock.lock();
        working_ = 0;
        if (job.id == latest_) done_ = Spoken{job.id, std::move(audio), took};
    }
}

}  // namespace devices
