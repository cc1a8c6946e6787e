#include "kiosk/centre/ProvinceSending.h"

#include <spdlog/spdlog.h>

#include "kiosk/centre/ProvinceSender.h"

namespace kiosk::centre {

ProvinceSending::ProvinceSending(ProvinceSendingSettings settings)
    : settings_(std::move(settings)), uploader_(settings_.province), thread_([this] { run(); }) {}

ProvinceSending::~ProvinceSending() {
    stop();
}

void ProvinceSending::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    uploader_.abort();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ProvinceSending::run() {
    const sync::BatchLimits limits{settings_.province.maxBatchEvents, settings_.province.maxBatchBytes};
    ProvinceSender sender(settings_.connectionString, settings_.centreId,
                          ProvinceSender::through(uploader_, sync::eventsUrl(settings_.province)), limits);
    bool wasSending = false;
    for (;;) {
        auto round = sender.sendOnce();
        std::chrono::milliseconds wait = settings_.idle;
        if (!round) {
            spdlog::debug("province: the centre did not answer: {}", round.error().message);
            wait = settings_.afterFailure;
        } else {
            sent_ += round->sent + round->rejected;
            if (round->sending != wasSending) {
                spdlog::info("province: {}",
                             round->sending
                                 ? "this terminal now sends the centre's events"
                                 : "another terminal sends the centre's events; this one stands by");
                wasSending = round->sending;
            }
            if (!round->problem.empty()) {
                spdlog::warn("province: {} event(s) wait: {}", round->events, round->problem);
                wait = settings_.afterFailure;
            } else if (round->events >= limits.maxEvents) {
                wait = std::chrono::milliseconds(0);  // a backlog: the next batch at once
            }
        }
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
    }
}

}  // namespace kiosk::centre
