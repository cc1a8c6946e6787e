// Sends the centre's province outbox (table province_outbox, filled by a trigger in the same
// transaction as every ticket change: kiosk/centre/CentreSchema.cpp) in the batches of
// kiosk/sync/WIRE.md, through the same body builder and reply parser as a lone kiosk's Syncer.
//
// One sender at a time for the whole centre: every terminal may run a ProvinceSender, and each
// round the one holding the session-level advisory lock sends while the others stand by. The
// lock belongs to the sender's connection, so when that terminal dies or its connection is cut,
// PostgreSQL releases it and the next standing-by sender to try takes over. Events are marked
// sent only after a 2xx answer lists them; under normal operation none is sent twice. A sender
// that dies between the answer and the marking leaves its events pending, and the next sender
// sends them again under a new Idempotency-Key: the province deduplicates on (kiosk_id, event id),
// which is why every sender must use the same `centreId`.
//
// Not thread-safe; one sender per thread. Wiring it into the sync thread is still to do: today
// a caller runs sendOnce() on its own schedule.
//
// Usage:
//   sync::Uploader uploader(syncSettings);
//   centre::ProvinceSender sender(config.centre.database, "centre-26734",
//                                 centre::ProvinceSender::through(uploader, sync::eventsUrl(syncSettings)));
//   auto round = sender.sendOnce();   // round->sending: this terminal is the sender
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/sync/OutboxBatch.h"
#include "kiosk/sync/Uploader.h"

namespace kiosk::centre {

// Delivers one batch body under an Idempotency-Key and returns the server's answer.
using PostBatch =
    std::function<sync::UploadReply(const std::string& body, const std::string& idempotencyKey)>;

struct SendRound {
    bool sending = false;  // this terminal holds the lock
    int events = 0;        // in the batch sent this round
    int64_t sent = 0;
    int64_t rejected = 0;
    std::string problem;  // why the batch is still pending (no answer, not 2xx, a bad reply)
};

class ProvinceSender {
public:
    ProvinceSender(std::string connectionString, std::string centreId, PostBatch post,
                   sync::BatchLimits limits = {}, PgDeadlines deadlines = {});

    // Takes the lock if it is free (or keeps it), then sends one batch of the oldest pending
    // events. Standing by is not an error. Errors: centre.* (the lock is lost with the connection).
    Result<SendRound> sendOnce();

    // A PostBatch through the sync thread's HTTPS client.
    static PostBatch through(sync::Uploader& uploader, std::string eventsUrl);

private:
    Result<PgConnection*> server();
    void dropConnection();
    Status markAnswered(const sync::BatchReply& reply, SendRound& round);

    std::string connectionString_;
    std::string centreId_;
    PostBatch post_;
    sync::BatchLimits limits_;
    PgDeadlines deadlines_;
    std::optional<PgConnection> connection_;
    bool holdsLock_ = false;
};

}  // namespace kiosk::centre
