// Batches: how outbox events are grouped for one POST and what becomes of them after the answer.
// Used by the sync thread (kiosk/sync/Syncer.h) on its own database connection; each call is one
// short transaction, so a kill -9 at any moment leaves a state the next start continues from.
//
// A batch is made of the oldest pending events that are in no batch (≤ maxEvents, body ≤ maxBytes)
// and gets a random uuid, its Idempotency-Key. Until the server answers, the batch stays open: the
// next try (also after a restart) sends the same events in the same body under the same key.
// Memory stays bounded whatever is pending: rows are read in order and reading stops at the limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/store/Database.h"
#include "kiosk/sync/WireFormat.h"

namespace kiosk::sync {

struct BatchLimits {
    int maxEvents = 500;
    size_t maxBytes = 1'000'000;
};

struct Batch {
    int64_t id = 0;
    std::string uuid;  // the Idempotency-Key
    int64_t firstSeq = 0;
    int64_t lastSeq = 0;
    int events = 0;
    int attempts = 0;  // earlier tries that failed and will be retried
    std::string body;  // the request body (kiosk/sync/WIRE.md)
};

// What the server's answer did to a batch's events.
struct BatchSettlement {
    int64_t sent = 0;      // accepted: now marked sent
    int64_t rejected = 0;  // parked as rejected, kept for the technician
    int64_t returned = 0;  // in neither list: pending again, in a later batch
};

// When and how an answer came: the device time and, from the Date header, the server's clock
// minus the kiosk's.
struct Exchange {
    WallTime at;
    std::optional<std::chrono::milliseconds> clockOffset;
    long httpStatus = 0;  // 0: no HTTP answer
};

// The open batch if there is one, else a new one; nullopt when nothing is pending.
Result<std::optional<Batch>> nextBatch(store::Database& database, std::string_view kioskId,
                                       BatchLimits limits, WallTime now);

// After a 2xx: accepted events (of this batch only) become sent, listed rejected ones rejected,
// the rest go back to pending. Closes the batch and records the success.
Result<BatchSettlement> settleBatch(store::Database& database, const Batch& batch, const BatchReply& reply,
                                    const Exchange& exchange);

// After a 413: the batch is given up unanswered and its events go back to pending, to be sent in
// smaller batches under new keys; `error` becomes the last error.
Status splitBatch(store::Database& database, const Batch& batch, std::string_view error,
                  const Exchange& exchange);

// After a failure worth retrying: the batch stays open; the attempt, the answer's status (0: none)
// and the error are recorded.
// `batch` may be null when the failure came before a batch existed (the database itself).
Status recordFailure(store::Database& database, const Batch* batch, std::string_view error,
                     const Exchange& exchange);

}  // namespace kiosk::sync
