// The JSON that travels to the provincial server, as documented in kiosk/sync/WIRE.md. Pure: no
// I/O, no database. Bodies are built by appending stored text (payloads are stored as JSON), so
// the same rows always give the same bytes: a retried batch is byte-for-byte the same request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"

namespace kiosk::sync {

inline constexpr int kWireVersion = 1;

// One event as it is sent: {"v":1,"id":…,"seq":…,"kind":…,"at":…,"payload":{…}}. `kind` must be a
// valid kind and `payloadJson` a JSON object, as Outbox stores them.
std::string eventJson(int64_t seq, std::string_view uuid, std::string_view kind, WallTime at,
                      std::string_view payloadJson);

// Builds {"v":1,"kiosk_id":…,"batch_id":…,"events":[…]} one event at a time, so a sender can
// stop before a size limit without building anything twice.
class BatchBody {
public:
    BatchBody(std::string_view kioskId, std::string_view batchUuid);

    // The body's size if `eventJsonBytes` more bytes of event were added, closing brackets included.
    size_t sizeWith(size_t eventJsonBytes) const;
    void add(std::string_view eventJson);
    int events() const { return events_; }
    // The finished body; the builder is empty afterwards.
    std::string finish();

private:
    std::string text_;
    int events_ = 0;
};

struct RejectedEvent {
    std::string id;       // the event's uuid
    std::string code;     // the server's name for the problem
    std::string message;  // the server's explanation, for the technician
};

// A 2xx answer: which events the server now holds (new or already known), and which it will never
// accept. Events in neither list are sent again in a later batch.
struct BatchReply {
    std::vector<std::string> accepted;
    std::vector<RejectedEvent> rejected;
};

// Error sync.bad_reply when the body is not a v1 reply object with an "accepted" array of ids.
Result<BatchReply> parseBatchReply(std::string_view body);

// `text` cut to at most `bytes` bytes at a UTF-8 character boundary (server text is shown and
// stored; a cut character would make it invalid JSON later).
std::string clipUtf8(std::string text, size_t bytes);

// What an error answer says, for diagnostics: "code: message" from {"error":{"code","message"}},
// else the start of the body as text (printable ASCII only, at most 200 characters).
std::string errorBodyText(std::string_view body);

}  // namespace kiosk::sync
