#include "kiosk/sync/Syncer.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "kiosk/store/Database.h"
#include "kiosk/sync/Backoff.h"
#include "kiosk/sync/Outbox.h"
#include "kiosk/sync/OutboxBatch.h"
#include "kiosk/sync/Uploader.h"
#include "kiosk/sync/WireFormat.h"

namespace kiosk::sync {

using std::chrono::milliseconds;

struct Syncer::Running {
    store::Database database;
    Uploader uploader;
    int failures = 0;  // failed tries in a row, for the backoff
    // Events per new batch: halved by each 413 (a proxy's body limit), back to the settings'
    // once the outbox is empty, so one proxy costs a few requests per backlog, not throughput forever.
    int batchEvents = 500;
};

namespace {

WallTime systemNow() {
    return std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
}

bool isBusyStatus(long status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

// The address answers, but not as the events endpoint: a typo in server_url's path, a proxy
// that routes elsewhere. Only the technician can fix it; the events wait.
bool isWrongAddressStatus(long status) {
    return status == 404 || status == 405 || status == 410;
}

std::string statusText(long status, const std::string& body) {
    const std::string said = errorBodyText(body);
    return "HTTP " + std::to_string(status) + (said.empty() ? "" : ": " + said);
}

// Server clock minus kiosk clock. The Date header has whole seconds, so the server's time is
// taken as the middle of its second, and ours as the middle of the request.
std::optional<milliseconds> clockOffset(const std::string& date, WallTime answeredAt, milliseconds elapsed) {
    if (date.empty()) return std::nullopt;
    const auto serverTime = parseHttpDate(date);
    if (!serverTime) return std::nullopt;
    const WallTime ours = answeredAt - elapsed / 2;
    return std::chrono::duration_cast<milliseconds>(*serverTime + milliseconds(500) - ours);
}

}  // namespace

Syncer::Syncer(SyncSettings settings, SyncHooks hooks)
    : settings_(std::move(settings)), hooks_(std::move(hooks)) {
    if (!hooks_.now) hooks_.now = systemNow;
    if (!hooks_.random) {
        hooks_.random = [] {
            // sodium_init is thread-safe and idempotent; randombytes works after it.
            static const int ready = sodium_init();
            (void)ready;
            return randombytes_random();
        };
    }
    if (!hooks_.realWait) hooks_.realWait = [](milliseconds planned) { return planned; };
}

Syncer::~Syncer() {
    stop();
}

Status Syncer::start() {
    if (thread_.joinable()) {
        return Error{"sync.already_running",
                     "the sync thread is already running; stop it before starting again"};
    }
    if (Status valid = checkSettings(settings_); !valid) return valid;
    auto database = store::Database::openFile(settings_.databaseFile);
    if (!database) return database.error();
    // Uploader cannot move, so the aggregate is built in place.
    running_.reset(new Running{std::move(*database), Uploader(settings_), 0, settings_.maxBatchEvents});
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        woken_ = false;
        snapshot_.phase = SyncPhase::Starting;
    }
    thread_ = std::thread([this] { run(); });
    return success();
}

void Syncer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (running_) running_->uploader.abort();
    if (thread_.joinable()) thread_.join();
    running_.reset();
    std::lock_guard lock(mutex_);
    snapshot_.phase = SyncPhase::Stopped;
    snapshot_.nextAttempt.reset();
    changed_.notify_all();
}

void Syncer::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    changed_.notify_all();
}

SyncDiagnostics Syncer::diagnostics() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

bool Syncer::waitUntilIdle(milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!thread_.joinable() || stopping_) return false;
    const uint64_t begunBefore = passesBegun_;
    woken_ = true;
    changed_.notify_all();
    return changed_.wait_for(lock, timeout, [&] { return lastIdlePass_ > begunBefore || stopping_; }) &&
           !stopping_;
}

milliseconds Syncer::failureWait(std::optional<milliseconds> retryAfter) {
    ++running_->failures;
    return retryDelay(running_->failures, hooks_.random(), retryAfter, settings_.backoffBase,
                      settings_.backoffCap);
}

bool Syncer::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
}

bool Syncer::pause(milliseconds planned, bool wakeable) {
    const milliseconds real = hooks_.realWait(planned);
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, real, [&] { return stopping_ || (wakeable && woken_); });
    if (wakeable) woken_ = false;
    return !stopping_;
}

void Syncer::run() {
    // Nothing may escape a thread: an unexpected exception is logged and shown, never silent.
    try {
        loop();
    } catch (const std::exception& error) {
        spdlog::critical("sync thread stopped: {}", error.what());
        publishProblem(std::string("the sync thread stopped after an internal error (") + error.what() +
                       "); events are kept. Restart the kiosk, and report this");
    } catch (...) {
        spdlog::critical("sync thread stopped: unknown exception");
        publishProblem("the sync thread stopped after an internal error; events are kept. Restart the kiosk");
    }
    std::lock_guard lock(mutex_);
    snapshot_.phase = SyncPhase::Stopped;
    snapshot_.nextAttempt.reset();
    changed_.notify_all();
}

void Syncer::loop() {
    refreshSnapshot(SyncPhase::Starting, std::nullopt, true);
    bool wasFailing = false;
    while (!stopping()) {
        uint64_t pass = 0;
        {
            std::lock_guard lock(mutex_);
            pass = ++passesBegun_;
        }
        const StepResult result = sendOne();
        switch (result.step) {
            case Step::Stopped: return;
            case Step::Sent:
                if (wasFailing) spdlog::info("sync: the server takes events again");
                wasFailing = false;
                running_->failures = 0;
                refreshSnapshot(SyncPhase::Sending, std::nullopt, false);
                break;
            case Step::Idle: {
                running_->failures = 0;
                running_->batchEvents = settings_.maxBatchEvents;
                wasFailing = false;
                const WallTime now = hooks_.now();
                if (settings_.keepSent.count() > 0 &&
                    (!lastPrune_ || now - *lastPrune_ > std::chrono::hours(1))) {
                    lastPrune_ = now;
                    if (auto pruned = pruneSent(running_->database, now - settings_.keepSent); !pruned) {
                        spdlog::warn("sync: old sent events not pruned: {}", pruned.error().message);
                    }
                }
                refreshSnapshot(SyncPhase::Idle, std::nullopt, true);
                {
                    std::lock_guard lock(mutex_);
                    lastIdlePass_ = pass;
                }
                changed_.notify_all();
                if (!pause(settings_.idlePoll, true)) return;
                break;
            }
            case Step::Retry: {
                wasFailing = true;
                const milliseconds wait = result.wait.value_or(settings_.backoffBase);
                refreshSnapshot(SyncPhase::WaitingToRetry, hooks_.now() + wait, true);
                if (!pause(wait, false)) return;
                break;
            }
        }
    }
}

void Syncer::publishProblem(const std::string& problem) {
    std::lock_guard lock(mutex_);
    snapshot_.lastError = problem;
}

void Syncer::refreshSnapshot(SyncPhase phase, std::optional<WallTime> nextAttempt, bool force) {
    // Counting 100,000 pending rows takes milliseconds: while a backlog drains, once a second is enough.
    const auto now = std::chrono::steady_clock::now();
    std::optional<SyncDiagnostics> stored;
    if (force || now - lastRefresh_ >= std::chrono::seconds(1)) {
        lastRefresh_ = now;
        auto read = readDiagnostics(running_->database);
        if (read) {
            stored = std::move(*read);
        } else {
            spdlog::warn("sync: diagnostics not read: {}", read.error().message);
        }
    }
    std::lock_guard lock(mutex_);
    if (stored) snapshot_ = std::move(*stored);
    snapshot_.phase = phase;
    snapshot_.nextAttempt = nextAttempt;
}

Syncer::StepResult Syncer::sendOne() {
    store::Database& database = running_->database;
    const BatchLimits limits{running_->batchEvents, settings_.maxBatchBytes};
    auto next = nextBatch(database, settings_.kioskId, limits, hooks_.now());
    if (!next) {
        // The database is busy, full or failing: nothing can be sent or marked. Try again later.
        spdlog::warn("sync: cannot read the outbox: {}", next.error().message);
        publishProblem(next.error().message);
        (void)recordFailure(database, nullptr, next.error().message, Exchange{hooks_.now(), std::nullopt, 0});
        return {Step::Retry, failureWait(std::nullopt)};
    }
    if (!*next) return {Step::Idle, std::nullopt};
    const Batch& batch = **next;
    {
        std::lock_guard lock(mutex_);
        snapshot_.phase = SyncPhase::Sending;
        snapshot_.nextAttempt.reset();
    }

    const UploadReply reply =
        running_->uploader.post(eventsUrl(settings_), batch.body, {"Idempotency-Key: " + batch.uuid});
    const WallTime answeredAt = hooks_.now();
    const Exchange exchange{answeredAt, clockOffset(reply.date, answeredAt, reply.elapsed), reply.httpStatus};

    SyncAttempt attempt;
    attempt.batchUuid = batch.uuid;
    attempt.events = batch.events;
    attempt.httpStatus = reply.httpStatus;
    attempt.curlCode = reply.curlCode;
    attempt.elapsed = reply.elapsed;
    const auto report = [&](SyncAttempt::Outcome outcome, std::string problem,
                            std::optional<milliseconds> wait) -> StepResult {
        attempt.outcome = outcome;
        attempt.problem = std::move(problem);
        attempt.wait = wait;
        if (hooks_.onAttempt) hooks_.onAttempt(attempt);
        switch (outcome) {
            case SyncAttempt::Outcome::Sent:
            case SyncAttempt::Outcome::Split: return {Step::Sent, std::nullopt};
            case SyncAttempt::Outcome::Stopped: return {Step::Stopped, std::nullopt};
            case SyncAttempt::Outcome::Partial:
            case SyncAttempt::Outcome::Retry: break;
        }
        return {Step::Retry, wait};
    };
    const auto retry = [&](std::string problem, std::optional<milliseconds> retryAfter) -> StepResult {
        spdlog::warn("sync: batch {} ({} events) not delivered: {}", batch.uuid, batch.events, problem);
        publishProblem(problem);
        if (Status recorded = recordFailure(database, &batch, problem, exchange); !recorded) {
            spdlog::warn("sync: failure not recorded: {}", recorded.error().message);
        }
        return report(SyncAttempt::Outcome::Retry, std::move(problem), failureWait(retryAfter));
    };

    if (reply.aborted) return report(SyncAttempt::Outcome::Stopped, "sync is stopping", std::nullopt);
    if (!reply.transferred) return retry(reply.problem, std::nullopt);

    const long status = reply.httpStatus;
    // Any answer may ask for a pause (RFC 9110 §10.2.3 names 503, 429 and 3xx, proxies send it on 413).
    std::optional<milliseconds> retryAfter;
    if (!reply.retryAfter.empty()) {
        retryAfter =
            parseRetryAfter(reply.retryAfter, reply.date.empty() ? std::nullopt : parseHttpDate(reply.date),
                            answeredAt, settings_.longestRetryAfter);
    }
    if (status >= 200 && status <= 299) {
        auto parsed = parseBatchReply(reply.body);
        if (!parsed) return retry(parsed.error().message, std::nullopt);
        auto settled = settleBatch(database, batch, *parsed, exchange);
        if (!settled) {
            // The server has the events; marking them failed (disk full?). The batch stays open and
            // is sent again under the same key: the server deduplicates, nothing is lost.
            return retry("the server took " + std::to_string(batch.events) +
                             " events but the kiosk could not mark them sent (" + settled.error().message +
                             ")",
                         std::nullopt);
        }
        if (settled->sent == 0 && settled->rejected == 0) {
            return retry(
                "the server answered HTTP " + std::to_string(status) +
                    " but accepted none of the batch's events; the kiosk retries. Ask the province to "
                    "check the server",
                std::nullopt);
        }
        spdlog::debug("sync: batch {}: {} sent, {} rejected, {} returned", batch.uuid, settled->sent,
                      settled->rejected, settled->returned);
        if (settled->rejected > 0) {
            spdlog::warn("sync: the server rejected {} events of batch {}; they are kept", settled->rejected,
                         batch.uuid);
        }
        // A server that answers for a few events per batch is overloaded or rate-limiting: sending
        // the rest at once again made 192 requests in 12 s against one that took one event each.
        if ((settled->sent + settled->rejected) * 2 < batch.events) {
            const std::string problem =
                "the server answered for only " + std::to_string(settled->sent + settled->rejected) + " of " +
                std::to_string(batch.events) + " events; the kiosk sends the rest after a pause";
            spdlog::info("sync: {}", problem);
            return report(SyncAttempt::Outcome::Partial, problem, failureWait(retryAfter));
        }
        return report(SyncAttempt::Outcome::Sent, "", std::nullopt);
    }
    if (status == 413 && batch.events > 1) {
        // A proxy's body limit (nginx's client_max_body_size, say): the same events go again in
        // batches half the size, down to one event, before the kiosk waits.
        const std::string problem = "the server refused a batch of " + std::to_string(batch.events) +
                                    " events as too large (" + statusText(status, reply.body) +
                                    "); the kiosk sends smaller batches";
        spdlog::warn("sync: {}", problem);
        if (Status split = splitBatch(database, batch, problem, exchange); !split)
            return retry(problem + " but could not split it (" + split.error().message + ")", retryAfter);
        running_->batchEvents = std::max(1, batch.events / 2);
        publishProblem(problem);
        return report(SyncAttempt::Outcome::Split, problem, std::nullopt);
    }
    if (status == 413) {
        return retry("the server refuses even a single event as too large (" +
                         statusText(status, reply.body) +
                         "); the events are kept and retried. Ask the province to raise the server's body "
                         "size limit to 1 MB",
                     retryAfter);
    }
    if (isBusyStatus(status)) {
        return retry("the server is busy or failing (" + statusText(status, reply.body) +
                         "); the kiosk keeps the events and retries",
                     retryAfter);
    }
    if (status == 401 || status == 403) {
        return retry("the server refused the kiosk's credentials (" + statusText(status, reply.body) +
                         "); the events are kept. Technician: check the [sync] token and kiosk id",
                     retryAfter);
    }
    if (isWrongAddressStatus(status)) {
        // Not the URL itself: it may carry user:password@ or a ?key, and this text is logged and stored.
        return retry("the server address does not take events (" + statusText(status, reply.body) +
                         " for its /v1/events path); the events are kept and retried. Technician: check "
                         "the [sync] server_url",
                     retryAfter);
    }
    if (status >= 400 && status <= 499) {
        // Only the server's per-event "rejected" list parks events: a whole-batch 4xx comes as often
        // from a proxy or a firewall in front of it as from the server, and parking would strand
        // every pending event within seconds.
        return retry("the server refused the whole batch (" + statusText(status, reply.body) +
                         "); the events are kept and retried. Ask the province to check the server and "
                         "anything in front of it",
                     retryAfter);
    }
    return retry("the server gave an unexpected answer (" + statusText(status, reply.body) +
                     "); the events are kept. Technician: check the [sync] server address",
                 retryAfter);
}

}  // namespace kiosk::sync
