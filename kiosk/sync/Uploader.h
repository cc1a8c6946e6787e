// One HTTPS POST over libcurl, with every safety the sync thread relies on set each time:
// connect, total and low-speed timeouts; certificate and host checks on (a CA file override for
// tests); the optional public-key pin; https only, no redirects; NOSIGNAL for threads. Reuses the
// connection between posts. Never throws, never retries: Syncer decides what a reply means.
//
// Thread-safety: one thread posts; any thread may call abort(), which ends a post in progress
// within milliseconds (curl_multi_wakeup, plus the progress callback) and makes later posts
// return at once with `aborted` set.
//
// Usage:
//   sync::Uploader uploader(settings);
//   auto reply = uploader.post(sync::eventsUrl(settings), body, {"Idempotency-Key: …"});
//   if (reply.transferred && reply.httpStatus / 100 == 2) ...
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/SyncSettings.h"

namespace kiosk::sync {

struct UploadReply {
    bool transferred = false;  // a complete HTTP answer arrived (any status)
    bool aborted = false;      // abort() ended it
    long httpStatus = 0;
    std::string body;        // at most kMaxReplyBytes
    std::string retryAfter;  // the Retry-After header, if any
    std::string date;        // the Date header, if any
    int curlCode = 0;        // CURLE_OK when transferred
    std::string problem;     // for a person: what went wrong and what to do; empty when transferred
    std::chrono::milliseconds elapsed{0};
};

class Uploader {
public:
    static constexpr size_t kMaxReplyBytes = 4 * 1024 * 1024;

    explicit Uploader(const SyncSettings& settings);
    ~Uploader();
    Uploader(const Uploader&) = delete;
    Uploader& operator=(const Uploader&) = delete;

    // POSTs `body` as application/json with the bearer token and `extraHeaders` ("Name: value").
    UploadReply post(const std::string& url, std::string_view body,
                     const std::vector<std::string>& extraHeaders);

    // Ends the post in progress and every later one. Safe from any thread.
    void abort();

private:
    struct Curl;
    SyncSettings settings_;
    std::unique_ptr<Curl> curl_;
    std::atomic<bool> aborted_{false};
};

}  // namespace kiosk::sync
