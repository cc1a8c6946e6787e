#include "kiosk/sync/SyncDiagnostics.h"

#include <cstdio>
#include <cstdlib>

namespace kiosk::sync {
namespace {

std::string signedSeconds(std::chrono::milliseconds offset) {
    char text[32];
    std::snprintf(text, sizeof text, "%+.1f s", static_cast<double>(offset.count()) / 1000.0);
    return text;
}

}  // namespace

std::string_view syncPhaseName(SyncPhase phase) {
    switch (phase) {
        case SyncPhase::Unknown: return "unknown";
        case SyncPhase::Starting: return "starting";
        case SyncPhase::Sending: return "sending";
        case SyncPhase::Idle: return "idle";
        case SyncPhase::WaitingToRetry: return "waiting_to_retry";
        case SyncPhase::Stopped: return "stopped";
    }
    return "unknown";
}

Result<SyncDiagnostics> readDiagnostics(store::Database& database) {
    SyncDiagnostics diagnostics;
    // One read transaction (deferred: it takes no write lock), so the counts agree with each other.
    if (Status begun = database.exec("BEGIN DEFERRED"); !begun) return begun.error();
    const auto body = [&]() -> Status {
        auto counts = database.prepare(
            "SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'), "
            "(SELECT count(*) FROM outbox WHERE state = 'rejected'), "
            "(SELECT at_ms FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1)");
        if (!counts) return counts.error();
        if (auto row = counts->step(); !row) return row.error();
        diagnostics.pending = counts->columnInt(0);
        diagnostics.rejected = counts->columnInt(1);
        if (!counts->columnIsNull(2)) diagnostics.oldestPendingAt = fromMillis(counts->columnInt(2));

        auto state = database.prepare(
            "SELECT sent_total, last_attempt_ms, last_success_ms, last_error, clock_offset_ms FROM "
            "sync_state "
            "WHERE id = 1");
        if (!state) return state.error();
        auto row = state->step();
        if (!row) return row.error();
        if (*row) {
            diagnostics.sent = state->columnInt(0);
            if (!state->columnIsNull(1)) diagnostics.lastAttempt = fromMillis(state->columnInt(1));
            if (!state->columnIsNull(2)) diagnostics.lastSuccess = fromMillis(state->columnInt(2));
            diagnostics.lastError = state->columnText(3);
            if (!state->columnIsNull(4))
                diagnostics.serverClockOffset = std::chrono::milliseconds(state->columnInt(4));
        }

        auto retrying = database.prepare(
            "SELECT attempts, http_status FROM outbox_batch WHERE state = 'open' ORDER BY id LIMIT 1");
        if (!retrying) return retrying.error();
        auto open = retrying->step();
        if (!open) return open.error();
        if (*open) {
            diagnostics.failedTries = retrying->columnInt(0);
            if (!retrying->columnIsNull(1))
                diagnostics.lastHttpStatus = static_cast<long>(retrying->columnInt(1));
        }

        auto rejection = database.prepare(
            "SELECT http_status, error FROM outbox_batch WHERE state = 'rejected' OR (state = 'sent' AND "
            "error LIKE '% events rejected: %') ORDER BY id DESC LIMIT 1");
        if (!rejection) return rejection.error();
        auto rejected = rejection->step();
        if (!rejected) return rejected.error();
        if (*rejected) {
            diagnostics.lastRejection =
                "HTTP " + std::to_string(rejection->columnInt(0)) + ": " + rejection->columnText(1);
        }
        return success();
    };
    Status read = body();
    (void)database.exec(read ? "COMMIT" : "ROLLBACK");
    if (!read) return read.error();
    return diagnostics;
}

std::string formatDiagnosticsLine(const SyncDiagnostics& diagnostics) {
    std::string line = "sync: " + std::to_string(diagnostics.pending) + " pending, " +
                       std::to_string(diagnostics.sent) + " sent, " + std::to_string(diagnostics.rejected) +
                       " rejected";
    if (diagnostics.phase != SyncPhase::Unknown)
        line += " (" + std::string(syncPhaseName(diagnostics.phase)) + ")";
    line += "; last success " +
            (diagnostics.lastSuccess ? formatUtc(*diagnostics.lastSuccess) : std::string("never"));
    if (diagnostics.oldestPendingAt) line += "; oldest pending " + formatUtc(*diagnostics.oldestPendingAt);
    if (diagnostics.serverClockOffset)
        line += "; server clock " + signedSeconds(*diagnostics.serverClockOffset);
    if (diagnostics.failedTries > 0) {
        line += "; retrying after " + std::to_string(diagnostics.failedTries) +
                " failed tries (last answer " +
                (diagnostics.lastHttpStatus ? "HTTP " + std::to_string(diagnostics.lastHttpStatus)
                                            : std::string("none")) +
                ")";
    }
    if (diagnostics.nextAttempt) line += "; next try " + formatUtc(*diagnostics.nextAttempt);
    if (!diagnostics.lastError.empty()) line += "; last error: " + diagnostics.lastError;
    return line;
}

nlohmann::json diagnosticsJson(const SyncDiagnostics& diagnostics) {
    const auto time = [](const std::optional<WallTime>& at) -> nlohmann::json {
        return at ? nlohmann::json(formatUtc(*at)) : nlohmann::json(nullptr);
    };
    return {
        {"pending", diagnostics.pending},
        {"sent", diagnostics.sent},
        {"rejected", diagnostics.rejected},
        {"phase", std::string(syncPhaseName(diagnostics.phase))},
        {"oldest_pending_at", time(diagnostics.oldestPendingAt)},
        {"last_attempt", time(diagnostics.lastAttempt)},
        {"last_success", time(diagnostics.lastSuccess)},
        {"next_attempt", time(diagnostics.nextAttempt)},
        {"last_error", diagnostics.lastError},
        {"last_rejection", diagnostics.lastRejection},
        {"failed_tries", diagnostics.failedTries},
        {"last_http_status",
         diagnostics.lastHttpStatus ? nlohmann::json(diagnostics.lastHttpStatus) : nlohmann::json(nullptr)},
        {"server_clock_offset_ms", diagnostics.serverClockOffset
                                       ? nlohmann::json(diagnostics.serverClockOffset->count())
                                       : nlohmann::json(nullptr)},
    };
}

}  // namespace kiosk::sync
