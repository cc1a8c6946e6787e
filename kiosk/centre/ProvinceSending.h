// The centre's province outbox, sent from a terminal's own thread. Every centre kiosk with a
// province server configured runs one; each round, ProvinceSender (kiosk/centre/ProvinceSender.h)
// lets the holder of the centre-wide advisory lock send one batch while the others stand by, so
// the province hears each ticket change once whichever kiosk is up. The terminal's own
// walkthrough and scan counts still go through its sync thread (kiosk/sync/Syncer.h).
//
// Rounds follow each other at once while full batches are sent (a backlog after an outage),
// every `idle` otherwise, and after `afterFailure` when the centre or the province did not answer.
// stop() (and the destructor) ends a request in flight and returns promptly.
//
// Usage:
//   centre::ProvinceSending sending({.connectionString = config.centre.database,
//                                    .centreId = "centre-" + config.communeCode,
//                                    .province = syncSettings});
//   ... sending.sentSoFar() for diagnostics ...
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/sync/SyncSettings.h"
#include "kiosk/sync/Uploader.h"

namespace kiosk::centre {

struct ProvinceSendingSettings {
    std::string connectionString;  // [centre] database
    std::string centreId;         // the same on every terminal of the centre: the province deduplicates on it
    sync::SyncSettings province;  // the [sync] server, token, pin and batch limits
    std::chrono::milliseconds idle = std::chrono::seconds(5);
    std::chrono::milliseconds afterFailure = std::chrono::seconds(30);
};

class ProvinceSending {
public:
    explicit ProvinceSending(ProvinceSendingSettings settings);
    ~ProvinceSending();
    ProvinceSending(const ProvinceSending&) = delete;
    ProvinceSending& operator=(const ProvinceSending&) = delete;

    void stop();
    // Events this terminal delivered since it started.
    int64_t sentSoFar() const { return sent_.load(); }

private:
    void run();

    ProvinceSendingSettings settings_;
    sync::Uploader uploader_;
    std::atomic<int64_t> sent_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once everything above exists
};

}  // namespace kiosk::centre
