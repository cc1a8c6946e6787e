#include "kiosk/centre/ProvinceSender.h"

#include <utility>

#include "kiosk/sync/Uuid.h"
#include "kiosk/sync/WireFormat.h"

namespace kiosk::centre {
namespace {

// Any constant all terminals agree on; it differs from the migration lock.
constexpr std::string_view kSenderLock = "7403150002";

// A PostgreSQL array literal of UUIDs; ids from a reply that are not UUIDs are left out, so
// nothing the server says is ever spliced into a statement.
std::string uuidArray(const std::vector<std::string>& ids) {
    std::string array = "{";
    for (const std::string& id : ids) {
        if (!sync::isUuid(id)) continue;
        if (array.size() > 1) array += ',';
        array += id;
    }
    return array + "}";
}

}  // namespace

ProvinceSender::ProvinceSender(std::string connectionString, std::string centreId, PostBatch post,
                               sync::BatchLimits limits, PgDeadlines deadlines)
    : connectionString_(std::move(connectionString)),
      centreId_(std::move(centreId)),
      post_(std::move(post)),
      limits_(limits),
      deadlines_(deadlines) {}

PostBatch ProvinceSender::through(sync::Uploader& uploader, std::string eventsUrl) {
    return [&uploader, url = std::move(eventsUrl)](const std::string& body, const std::string& key) {
        return uploader.post(url, body, {"Idempotency-Key: " + key});
    };
}

void ProvinceSender::dropConnection() {
    connection_.reset();  // closing the session releases the lock for the others
    holdsLock_ = false;
}

Result<PgConnection*> ProvinceSender::server() {
    if (connection_ && connection_->isOpen()) return &*connection_;
    dropConnection();
    auto opened = PgConnection::open(connectionString_, deadlines_);
    if (!opened) return opened.error();
    connection_ = std::move(opened).value();
    return &*connection_;
}

Result<SendRound> ProvinceSender::sendOnce() {
    auto connection = server();
    if (!connection) return connection.error();
    PgConnection& database = **connection;
    SendRound round;
    if (!holdsLock_) {
        auto taken = database.query("SELECT pg_try_advisory_lock($1::bigint)", {std::string(kSenderLock)});
        if (!taken) {
            dropConnection();
            return taken.error();
        }
        holdsLock_ = taken->text(0, 0) == "t";
        if (!holdsLock_) return round;  // another terminal sends
    }
    round.sending = true;
    auto pending = database.query(
        "SELECT seq, uuid::text, kind, at_ms, payload FROM province_outbox WHERE state = 'pending' "
        "ORDER BY seq LIMIT $1::integer",
        {std::to_string(limits_.maxEvents)});
    if (!pending) {
        dropConnection();
        return pending.error();
    }
    if (pending->count() == 0) return round;
    auto batchKey = sync::newUuidV4();
    if (!batchKey) return batchKey.error();
    sync::BatchBody body(centreId_, *batchKey);
    for (int row = 0; row < pending->count(); ++row) {
        const std::string event = sync::eventJson(
            pending->integer(row, 0), pending->text(row, 1), pending->text(row, 2),
            WallTime(std::chrono::milliseconds(pending->integer(row, 3))), pending->text(row, 4));
        // The first event always goes, as the Syncer does: one event is far below the limit.
        if (body.events() > 0 && body.sizeWith(event.size()) > limits_.maxBytes) break;
        body.add(event);
    }
    round.events = body.events();
    const sync::UploadReply reply = post_(body.finish(), *batchKey);
    if (!reply.transferred || reply.httpStatus / 100 != 2) {
        round.problem = reply.transferred ? "the province answered HTTP " + std::to_string(reply.httpStatus)
                                          : reply.problem;
        return round;
    }
    auto parsed = sync::parseBatchReply(reply.body);
    if (!parsed) {
        round.problem = parsed.error().message;
        return round;
    }
    if (Status marked = markAnswered(*parsed, round); !marked) {
        dropConnection();
        return marked.error();
    }
    return round;
}

Status ProvinceSender::markAnswered(const sync::BatchReply& reply, SendRound& round) {
    std::vector<std::string> rejectedIds;
    for (const auto& rejected : reply.rejected)
        rejectedIds.push_back(rejected.id);
    return connection_->transaction([&]() -> Status {
        auto sent = connection_->query(
            "UPDATE province_outbox SET state = 'sent', done_at = now() "
            "WHERE uuid = ANY($1::uuid[]) AND state = 'pending' RETURNING 1",
            {uuidArray(reply.accepted)});
        if (!sent) return sent.error();
        auto rejected = connection_->query(
            "UPDATE province_outbox SET state = 'rejected', done_at = now() "
            "WHERE uuid = ANY($1::uuid[]) AND state = 'pending' RETURNING 1",
            {uuidArray(rejectedIds)});
        if (!rejected) return rejected.error();
        round.sent = sent->count();
        round.rejected = rejected->count();
        return success();
    });
}

}  // namespace kiosk::centre
