#include "kiosk/store/BackgroundWorker.h"

namespace kiosk::store {

BackgroundWorker::BackgroundWorker() : thread_([this] { run(); }) {}

BackgroundWorker::~BackgroundWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void BackgroundWorker::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        ++outstanding_;
    }
    wake_.notify_one();
}

int BackgroundWorker::runCompletions() {
    std::deque<Completion> ready;
    {
        std::lock_guard lock(mutex_);
        ready.swap(completions_);
    }
    int ran = 0;
    for (auto& completion : ready) {
        if (completion) completion();
        ++ran;
    }
    std::lock_guard lock(mutex_);
    outstanding_ -= ran;
    return ran;
}

int BackgroundWorker::outstanding() const {
    std::lock_guard lock(mutex_);
    return outstanding_;
}

void BackgroundWorker::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return jobs_.empty() && running_ == 0; });
}

void BackgroundWorker::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and everything posted has run
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        ++running_;
        lock.unlock();
        Completion completion = job();
        lock.lock();
        --running_;
        // Every finished job leaves a completion (maybe empty) so outstanding() counts down.
        completions_.push_back(std::move(completion));
        if (jobs_.empty() && running_ == 0) idle_.notify_all();
    }
}

}  // namespace kiosk::store
