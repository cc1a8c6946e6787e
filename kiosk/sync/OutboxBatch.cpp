#include "kiosk/sync/OutboxBatch.h"

#include <nlohmann/json.hpp>

#include <vector>

#include "kiosk/sync/Uuid.h"

namespace kiosk::sync {
namespace {

// Appends the events of `select` (rows seq, uuid, kind, at_ms, payload in seq order) to `body`
// until a limit; returns the last seq taken, or nullopt when none was.
Result<std::optional<int64_t>> appendEvents(store::Statement& select, BatchBody& body, BatchLimits limits) {
    std::optional<int64_t> last;
    while (body.events() < limits.maxEvents) {
        auto row = select.step();
        if (!row) return row.error();
        if (!*row) break;
        const int64_t seq = select.columnInt(0);
        const std::string event = eventJson(seq, select.columnText(1), select.columnText(2),
                                            fromMillis(select.columnInt(3)), select.columnText(4));
        // The first event always fits: one event's payload is at most 16 kB (Outbox.h).
        if (body.events() > 0 && body.sizeWith(event.size()) > limits.maxBytes) break;
        body.add(event);
        last = seq;
    }
    return last;
}

// Records what every answer teaches: when it was and how far the server's clock is from ours.
Status recordExchange(store::Database& database, const Exchange& exchange) {
    auto update = database.prepare(
        "UPDATE sync_state SET last_attempt_ms = ?1, clock_offset_ms = coalesce(?2, clock_offset_ms) "
        "WHERE id = 1");
    if (!update) return update.error();
    update->bind(1, toMillis(exchange.at));
    if (exchange.clockOffset) {
        update->bind(2, int64_t{exchange.clockOffset->count()});
    } else {
        update->bindNull(2);
    }
    return update->run();
}

Status closeBatch(store::Database& database, const Batch& batch, std::string_view state, long httpStatus,
                  std::string_view error) {
    auto close =
        database.prepare("UPDATE outbox_batch SET state = ?2, http_status = ?3, error = ?4 WHERE id = ?1");
    if (!close) return close.error();
    close->bind(1, batch.id).bind(2, state).bind(3, int64_t{httpStatus}).bind(4, error);
    return close->run();
}

// Sets `state` on this batch's pending events whose uuid is in `ids` (a JSON array of strings).
Result<int64_t> markEvents(store::Database& database, const Batch& batch, std::string_view state,
                           const std::string& ids, WallTime at) {
    auto mark = database.prepare(
        "UPDATE outbox SET state = ?2, done_at_ms = ?3 WHERE batch_id = ?1 AND state = 'pending' "
        "AND uuid IN (SELECT value FROM json_each(?4))");
    if (!mark) return mark.error();
    mark->bind(1, batch.id).bind(2, state).bind(3, toMillis(at)).bind(4, ids);
    if (Status marked = mark->run(); !marked) return marked.error();
    return database.changedRows();
}

}  // namespace

Result<std::optional<Batch>> nextBatch(store::Database& database, std::string_view kioskId,
                                       BatchLimits limits, WallTime now) {
    std::optional<Batch> found;
    Status read = database.transaction([&]() -> Status {
        // A batch left open by a failed try or a killed process: the same events, the same key.
        for (;;) {
            auto open = database.prepare(
                "SELECT id, uuid, first_seq, last_seq, attempts FROM outbox_batch WHERE state = 'open' "
                "ORDER BY id LIMIT 1");
            if (!open) return open.error();
            auto row = open->step();
            if (!row) return row.error();
            if (!*row) break;
            Batch batch{open->columnInt(0),
                        open->columnText(1),
                        open->columnInt(2),
                        open->columnInt(3),
                        0,
                        static_cast<int>(open->columnInt(4)),
                        {}};
            auto events = database.prepare(
                "SELECT seq, uuid, kind, at_ms, payload FROM outbox WHERE batch_id = ?1 AND state = "
                "'pending' "
                "ORDER BY seq");
            if (!events) return events.error();
            events->bind(1, batch.id);
            BatchBody body(kioskId, batch.uuid);
            // No limit: the batch was made within the limits and can only have shrunk since.
            auto last = appendEvents(*events, body, BatchLimits{1 << 30, size_t{1} << 40});
            if (!last) return last.error();
            if (*last) {
                batch.events = body.events();
                batch.body = body.finish();
                found = std::move(batch);
                return success();
            }
            // Nothing of it is pending any more (a technician requeued or the rows were settled).
            if (Status closed = closeBatch(database, batch, "sent", 0, "empty"); !closed) return closed;
        }

        auto uuid = newUuidV4();
        if (!uuid) return uuid.error();
        auto pending = database.prepare(
            "SELECT seq, uuid, kind, at_ms, payload FROM outbox WHERE state = 'pending' AND batch_id IS NULL "
            "ORDER BY seq");
        if (!pending) return pending.error();
        BatchBody body(kioskId, *uuid);
        auto first =
            database.prepare("SELECT min(seq) FROM outbox WHERE state = 'pending' AND batch_id IS NULL");
        if (!first) return first.error();
        if (auto row = first->step(); !row) return row.error();
        if (first->columnIsNull(0)) return success();  // nothing pending
        const int64_t firstSeq = first->columnInt(0);
        auto last = appendEvents(*pending, body, limits);
        if (!last) return last.error();
        if (!*last) return success();

        auto insert = database.prepare(
            "INSERT INTO outbox_batch(uuid, first_seq, last_seq, created_at_ms) VALUES(?1, ?2, ?3, ?4)");
        if (!insert) return insert.error();
        insert->bind(1, *uuid).bind(2, firstSeq).bind(3, **last).bind(4, toMillis(now));
        if (Status inserted = insert->run(); !inserted) return inserted;
        const int64_t batchId = database.lastInsertId();
        // Exactly the events read above: the oldest pending ones up to the last taken.
        auto claim = database.prepare(
            "UPDATE outbox SET batch_id = ?1 WHERE state = 'pending' AND batch_id IS NULL AND seq <= ?2");
        if (!claim) return claim.error();
        claim->bind(1, batchId).bind(2, **last);
        if (Status claimed = claim->run(); !claimed) return claimed;

        Batch batch{batchId, *uuid, firstSeq, **last, body.events(), 0, {}};
        batch.body = body.finish();
        found = std::move(batch);
        return success();
    });
    if (!read) return read.error();
    return found;
}

Result<BatchSettlement> settleBatch(store::Database& database, const Batch& batch, const BatchReply& reply,
                                    const Exchange& exchange) {
    BatchSettlement settlement;
    Status saved = database.transaction([&]() -> Status {
        nlohmann::json accepted = nlohmann::json::array();
        for (const std::string& id : reply.accepted)
            accepted.push_back(id);
        auto sent = markEvents(database, batch, "sent", accepted.dump(), exchange.at);
        if (!sent) return sent.error();
        settlement.sent = *sent;

        nlohmann::json rejectedIds = nlohmann::json::array();
        std::string firstReason;
        for (const RejectedEvent& event : reply.rejected) {
            rejectedIds.push_back(event.id);
            if (firstReason.empty())
                firstReason = event.code.empty() ? event.message : event.code + ": " + event.message;
        }
        if (!reply.rejected.empty()) {
            auto rejected = markEvents(database, batch, "rejected", rejectedIds.dump(), exchange.at);
            if (!rejected) return rejected.error();
            settlement.rejected = *rejected;
        }
        // The events the server did not mention leave the batch and go in a later one.
        auto release =
            database.prepare("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?1 AND state = 'pending'");
        if (!release) return release.error();
        release->bind(1, batch.id);
        if (Status released = release->run(); !released) return released;
        settlement.returned = database.changedRows();
        // Settled events keep this batch id, so diagnostics can say which answer parked them.
        const std::string note =
            settlement.rejected > 0
                ? std::to_string(settlement.rejected) + " events rejected: " + clipUtf8(firstReason, 500)
                : "";
        if (Status closed = closeBatch(database, batch, "sent", exchange.httpStatus, note); !closed)
            return closed;

        if (Status recorded = recordExchange(database, exchange); !recorded) return recorded;
        auto state = database.prepare(
            "UPDATE sync_state SET sent_total = sent_total + ?1, last_success_ms = ?2, last_error = '' WHERE "
            "id = 1");
        if (!state) return state.error();
        state->bind(1, settlement.sent).bind(2, toMillis(exchange.at));
        return state->run();
    });
    if (!saved) return saved.error();
    return settlement;
}

Status splitBatch(store::Database& database, const Batch& batch, std::string_view error,
                  const Exchange& exchange) {
    return database.transaction([&]() -> Status {
        auto release =
            database.prepare("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?1 AND state = 'pending'");
        if (!release) return release.error();
        release->bind(1, batch.id);
        if (Status released = release->run(); !released) return released;
        // Nothing refers to it any more: the server processed none of it, so it leaves no trace.
        auto remove = database.prepare(
            "DELETE FROM outbox_batch WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox WHERE batch_id = "
            "?1)");
        if (!remove) return remove.error();
        remove->bind(1, batch.id);
        if (Status removed = remove->run(); !removed) return removed;
        if (database.changedRows() == 0) {
            if (Status closed = closeBatch(database, batch, "sent", exchange.httpStatus, "split"); !closed)
                return closed;
        }
        if (Status recorded = recordExchange(database, exchange); !recorded) return recorded;
        auto state = database.prepare("UPDATE sync_state SET last_error = ?1 WHERE id = 1");
        if (!state) return state.error();
        state->bind(1, error);
        return state->run();
    });
}

Status recordFailure(store::Database& database, const Batch* batch, std::string_view error,
                     const Exchange& exchange) {
    return database.transaction([&]() -> Status {
        if (batch) {
            // The status of the latest answer stays with the open batch, for diagnostics.
            auto count = database.prepare(
                "UPDATE outbox_batch SET attempts = attempts + 1, http_status = ?2 WHERE id = ?1");
            if (!count) return count.error();
            count->bind(1, batch->id);
            if (exchange.httpStatus != 0) {
                count->bind(2, int64_t{exchange.httpStatus});
            } else {
                count->bindNull(2);
            }
            if (Status counted = count->run(); !counted) return counted;
        }
        if (Status recorded = recordExchange(database, exchange); !recorded) return recorded;
        auto state = database.prepare("UPDATE sync_state SET last_error = ?1 WHERE id = 1");
        if (!state) return state.error();
        state->bind(1, error);
        return state->run();
    });
}

}  // namespace kiosk::sync
