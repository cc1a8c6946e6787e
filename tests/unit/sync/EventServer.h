// A provincial server for the tests: a real HTTPS server (cpp-httplib) on 127.0.0.1 that speaks
// the v1 wire format (kiosk/sync/WIRE.md), keeps every event it committed deduplicated by uuid,
// and misbehaves on command for the next requests: drop the connection after committing, answer
// 500, 503 with Retry-After, hang, trickle the answer at 1 byte/s, reject with 400, refuse the
// token, accept only part of a batch, answer any status, refuse bodies over a size as a proxy does. What it
// received is there to assert on.
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "unit/sync/TestCertificate.h"

namespace httplib {
class SSLServer;
struct Request;
struct Response;
}  // namespace httplib

namespace sync_test {

inline constexpr const char* kToken = "test-token-0123456789";
inline constexpr const char* kKioskId = "kiosk-test-01";

enum class Fault {
    None,
    DropAfterCommit,  // commits the events, then closes the connection mid-answer
    Error500,
    Busy503,    // 503 with the Retry-After value given to failNext
    Hang,       // never answers (until the server is destroyed)
    Trickle,    // commits, then sends the answer at 1 byte per second
    Reject400,  // refuses the batch as malformed
    Unauthorized401,
    AcceptHalf,    // commits and lists only the first half of the batch
    RejectOddSeq,  // commits the even-seq events, rejects the odd ones per event
    AcceptOne,     // commits and lists only the first event of the batch
    Status,        // answers the status given to answerNext, with an error body
};

struct ReceivedRequest {
    std::string idempotencyKey;
    std::string batchId;   // from the body
    std::string bodyHash;  // to prove a retried key carries the same body
    size_t bodyBytes = 0;
    int events = 0;
    Fault fault = Fault::None;
    std::chrono::steady_clock::time_point at;
};

class EventServer {
public:
    // Batches must name `kioskId` (a centre's terminals send the centre's outbox under its id).
    explicit EventServer(const TestCertificate& certificate, std::string kioskId = kKioskId);
    ~EventServer();
    EventServer(const EventServer&) = delete;
    EventServer& operator=(const EventServer&) = delete;

    std::string url() const;  // https://127.0.0.1:<port>
    int port() const { return port_; }

    // The next `count` requests get `fault`; later ones are served normally.
    void failNext(Fault fault, int count = 1, std::string retryAfter = "1");
    // The next `count` requests are answered `status` (a 404 from a wrong path, a WAF's 400...).
    void answerNext(int status, int count = 1);
    // Bodies larger than this get 413 before anything else, as nginx's client_max_body_size does.
    void setBodyLimit(size_t bytes) { bodyLimit_ = bytes; }
    // Every request waits this long before it is handled (widens the window for kill -9).
    void setDelay(std::chrono::milliseconds delay) { delay_ = delay; }
    // The Date header says the server's clock is this far ahead of the real one.
    void setClockSkew(std::chrono::seconds skew) { skew_ = skew; }

    // Events committed, by uuid (each once, whatever the number of deliveries).
    std::map<std::string, nlohmann::json> events() const;
    size_t deliveries() const;  // events committed including duplicates
    std::vector<ReceivedRequest> requests() const;
    // Idempotency-Keys that arrived with two different bodies (must stay empty).
    std::vector<std::string> keysWithDifferentBodies() const;

private:
    void handle(const httplib::Request& request, httplib::Response& response);
    // Keeps the events `keep` selects and returns their ids.
    std::vector<std::string> commit(const nlohmann::json& events, bool (*keep)(const nlohmann::json&));

    std::string kioskId_;
    std::unique_ptr<httplib::SSLServer> server_;
    std::thread listener_;
    int port_ = 0;
    std::atomic<std::chrono::milliseconds> delay_{std::chrono::milliseconds(0)};
    std::atomic<std::chrono::seconds> skew_{std::chrono::seconds(0)};
    std::atomic<size_t> bodyLimit_{SIZE_MAX};

    mutable std::mutex mutex_;
    std::condition_variable released_;
    bool closing_ = false;
    struct Planned {
        Fault fault = Fault::None;
        std::string retryAfter;
        int status = 0;  // for Fault::Status
    };
    std::deque<Planned> faults_;
    std::map<std::string, nlohmann::json> events_;
    size_t deliveries_ = 0;
    std::vector<ReceivedRequest> requests_;
    std::map<std::string, std::set<std::string>> bodiesByKey_;
};

}  // namespace sync_test
