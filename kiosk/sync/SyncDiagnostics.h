// What the technician screen and `commune-kiosk status` show about syncing: how many events wait,
// were sent or were rejected, when the server last took a batch, the last error in words, and how
// far the server's clock is from the kiosk's (a kiosk clock that is off makes statistics wrong and
// certificates fail). Read from the database, so any process on the same file can show it.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/store/Database.h"

namespace kiosk::sync {

// What the sync thread is doing right now (Syncer::diagnostics); `Unknown` when read from the
// database by another process.
enum class SyncPhase { Unknown, Starting, Sending, Idle, WaitingToRetry, Stopped };
std::string_view syncPhaseName(SyncPhase phase);  // "unknown", "starting", "sending", ...

struct SyncDiagnostics {
    int64_t pending = 0;   // not yet accepted by the server (including the batch being sent)
    int64_t sent = 0;      // accepted by the server, ever (pruning old sent events keeps this)
    int64_t rejected = 0;  // refused by the server: kept, never sent again unless requeued
    std::optional<WallTime> oldestPendingAt;  // device time of the oldest waiting event
    std::optional<WallTime> lastAttempt;
    std::optional<WallTime> lastSuccess;
    std::string lastError;      // empty when the last attempt succeeded
    std::string lastRejection;  // why events were last rejected, with the HTTP status of that answer
    // The batch being retried: how many tries failed and the HTTP status of the last answer (0: no
    // answer, a network error). failedTries 0: nothing is being retried.
    int64_t failedTries = 0;
    long lastHttpStatus = 0;
    // Server clock minus kiosk clock, measured from the Date header of the last answer.
    std::optional<std::chrono::milliseconds> serverClockOffset;
    SyncPhase phase = SyncPhase::Unknown;
    std::optional<WallTime> nextAttempt;  // while WaitingToRetry
};

// Counts and the last results, as stored (phase Unknown).
Result<SyncDiagnostics> readDiagnostics(store::Database& database);

// One line for a terminal or a log, e.g.
// "sync: 12 pending, 3400 sent, 0 rejected; last success 2026-11-23T02:05:09.123Z; server clock +1.2 s"
std::string formatDiagnosticsLine(const SyncDiagnostics& diagnostics);

// The same as JSON, for `commune-kiosk status --json` and the provisioning tools.
nlohmann::json diagnosticsJson(const SyncDiagnostics& diagnostics);

}  // namespace kiosk::sync
