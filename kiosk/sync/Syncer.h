// The sync thread: drains the outbox to {server}/v1/events over HTTPS, batch by batch, on its own
// database connection (SQLite WAL lets it work beside the UI's). Never touches the UI; the UI
// reads `diagnostics()`, a snapshot that never waits on the network or the disk.
//
// What it guarantees (kiosk/sync/WIRE.md has the server's side):
// - An event is marked sent only when a 2xx answer lists its id as accepted.
// - A batch keeps its Idempotency-Key and its exact body until answered, across retries and
//   restarts, so the server can deduplicate whole batches as well as events.
// - An event is parked as rejected only when a 2xx answer lists it as rejected: kept, shown in
//   diagnostics, sent again when a technician requeues it (`commune-kiosk sync requeue`).
// - Every other failure keeps the events and retries with full-jitter backoff (base 2 s, cap
//   10 min), or after the server's Retry-After: 5xx, 408 and 429 (busy), 401 and 403 (the token),
//   404, 405 and 410 (the address), any other 4xx (a proxy or firewall as often as the server),
//   network errors. Diagnostics show the last status and that it is retrying.
// - 413 (too large) sends the same events in batches half the size, down to one event, then
//   waits as above.
// - An answer that settles less than half of a batch is followed by the same backoff, so a
//   server taking a few events per request is not asked again at once.
// - Nothing unsent is ever deleted; memory stays bounded however much waits (one batch ≤ 1 MB).
// - stop() returns promptly: waits are on a condition variable, and a request in flight is
//   aborted (curl_multi_wakeup and the progress callback).
//
// Usage:
//   sync::Syncer syncer(settings);               // settings.databaseFile = the kiosk database
//   if (Status started = syncer.start(); !started) show(started.error().message);
//   ... syncer.wake() after writing events, syncer.diagnostics() for the technician screen ...
//   syncer.stop();                               // also done by the destructor
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/sync/SyncDiagnostics.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::sync {

class Uploader;

// One try at sending a batch, as the thread saw it (for logs and tests).
struct SyncAttempt {
    // Partial: the server answered for less than half of the batch (the rest waits a backoff).
    // Split: 413, the batch's events go again in smaller batches at once.
    enum class Outcome { Sent, Partial, Split, Retry, Stopped };
    Outcome outcome = Outcome::Retry;
    std::string batchUuid;  // the Idempotency-Key
    int events = 0;
    long httpStatus = 0;  // 0: no HTTP answer
    int curlCode = 0;
    std::chrono::milliseconds elapsed{0};           // how long the request took
    std::optional<std::chrono::milliseconds> wait;  // the planned wait before the next try (Retry)
    std::string problem;                            // empty when sent
};

// What the thread depends on besides the network, replaceable so tests run fast and decide chance.
struct SyncHooks {
    std::function<WallTime()> now;     // the device clock; default: the system clock
    std::function<uint32_t()> random;  // for jitter; default: libsodium's CSPRNG
    // How long the thread really waits when it plans to wait `planned` (a backoff, a Retry-After,
    // the idle poll); default: `planned`. stop() always cuts a wait short.
    std::function<std::chrono::milliseconds(std::chrono::milliseconds planned)> realWait;
    // Called on the sync thread after every try; must not block.
    std::function<void(const SyncAttempt&)> onAttempt;
};

class Syncer {
public:
    explicit Syncer(SyncSettings settings, SyncHooks hooks = {});
    ~Syncer();
    Syncer(const Syncer&) = delete;
    Syncer& operator=(const Syncer&) = delete;

    // Checks the settings, opens the sync thread's own connection to settings.databaseFile and
    // starts the thread. Errors: sync.bad_settings, sync.already_running, store.*.
    Status start();
    // Ends the thread, aborting a request in flight; returns when it has ended. Idempotent.
    void stop();
    // New events were written: look now rather than at the next idle poll. Does not cut a backoff
    // short, so a busy kiosk never hammers a failing server.
    void wake();

    // The latest snapshot: counts, last success and error, clock offset, phase, next try.
    SyncDiagnostics diagnostics() const;
    // Waits until the thread, after this call, found nothing left to send. False on timeout or
    // when the thread is not running.
    bool waitUntilIdle(std::chrono::milliseconds timeout);

private:
    enum class Step { Sent, Idle, Retry, Stopped };
    struct StepResult {
        Step step = Step::Idle;
        std::optional<std::chrono::milliseconds> wait;  // before the next try (Retry)
    };

    void run();
    void loop();
    StepResult sendOne();
    // Waits `planned` (shortened by hooks.realWait) or until stop(), or wake() if `wakeable`.
    // False when stopping.
    bool pause(std::chrono::milliseconds planned, bool wakeable);
    // Counts a failed try and draws the wait before the next (Retry-After wins over backoff).
    std::chrono::milliseconds failureWait(std::optional<std::chrono::milliseconds> retryAfter);
    void refreshSnapshot(SyncPhase phase, std::optional<WallTime> nextAttempt, bool force);
    void publishProblem(const std::string& problem);
    bool stopping() const;

    SyncSettings settings_;
    SyncHooks hooks_;
    struct Running;
    std::unique_ptr<Running> running_;  // the thread's database connection and uploader
    std::thread thread_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool stopping_ = false;
    bool woken_ = false;
    // Passes over the outbox are numbered as they begin; an idle pass counts for waitUntilIdle()
    // only if it began after the call, since an earlier one may have read before the caller wrote.
    uint64_t passesBegun_ = 0;
    uint64_t lastIdlePass_ = 0;
    SyncDiagnostics snapshot_;
    std::chrono::steady_clock::time_point lastRefresh_{};
    std::optional<WallTime> lastPrune_;
};

}  // namespace kiosk::sync
