// The outbox: every event the province should learn about, kept in the kiosk database (table
// `outbox`, migration 6) until the server has accepted it. kiosk/sync/Syncer.h sends it.
//
// Append INSIDE the transaction of the change the event reports, so the change and its event
// commit together or not at all (DESIGN.md, "Storage"). An event gets, at insert time, a random
// UUID (the server deduplicates on it), the next per-kiosk sequence number (never reused), the
// device time, and its JSON payload. Payloads never carry personal data: ids the kiosk made up,
// counts, times, names of places and services, a household key at most.
//
// Never deletes an unsent event. Only `pruneSent` deletes, and only events already sent.
//
// Usage:
//   Status saved = database.transaction([&]() -> Status {
//       ... the change ...
//       return sync::appendEvent(database, sync::kind::kTicketIssued, {{"ticket_id", id}}, now);
//   });
//   sync::countScan(database, "vietqr", now);   // its own transaction; never the code's content
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/store/Database.h"
#include "kiosk/sync/EventKind.h"

namespace kiosk::sync {

// A payload larger than this is a programming error (events are counts and ids, not documents).
inline constexpr size_t kMaxPayloadBytes = 16 * 1024;

// Appends one event inside the caller's open transaction (without one, the insert is its own
// transaction). `payload` must be a JSON object.
// Errors: sync.bad_kind, sync.bad_payload, sync.personal_data (a string that looks like an ID or
// phone number), sync.event_too_large, sync.crypto_unavailable, store.*.
Status appendEvent(store::Database& database, std::string_view kind, const nlohmann::json& payload,
                   WallTime at);

// Counts one scan of `scanKind` (vietqr | cccd | url | text | emv) as a `scan.counted` event, in its own
// transaction: do not call it inside another one. Never pass what the code said.
// Errors: sync.bad_scan_kind, and those of appendEvent.
Status countScan(store::Database& database, std::string_view scanKind, WallTime at);

// Technician action: rejected events become pending again and go in the next batches (after the
// server was fixed, say). Returns how many.
Result<int64_t> requeueRejected(store::Database& database);

// Deletes events sent before `sentBefore`; pending and rejected events are never touched.
// Returns how many were deleted.
Result<int64_t> pruneSent(store::Database& database, WallTime sentBefore);

}  // namespace kiosk::sync
