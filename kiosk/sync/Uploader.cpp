#include "kiosk/sync/Uploader.h"

#include <curl/curl.h>

#include <mutex>

namespace kiosk::sync {

struct Uploader::Curl {
    CURLM* multi = nullptr;
    CURL* easy = nullptr;
    // abort() may run while the destructor is not: the multi handle is only woken under this lock.
    std::mutex wakeLock;
};

namespace {

struct Transfer {
    UploadReply* reply = nullptr;
    const std::atomic<bool>* aborted = nullptr;
    bool overflow = false;
};

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    if (transfer->reply->body.size() + bytes > Uploader::kMaxReplyBytes) {
        transfer->overflow = true;
        return 0;  // makes curl fail with CURLE_WRITE_ERROR
    }
    transfer->reply->body.append(data, bytes);
    return bytes;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() &&
           (text.back() == '\r' || text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return std::string(text);
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        const char a = static_cast<char>(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
        if (a != prefix[i]) return false;
    }
    return true;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    const std::string_view line(data, bytes);
    if (line.substr(0, 5) == "HTTP/") {
        // A new response (after 100 Continue, say): forget the headers of the one before.
        transfer->reply->retryAfter.clear();
        transfer->reply->date.clear();
    } else if (startsWithNoCase(line, "retry-after:")) {
        transfer->reply->retryAfter = trimmed(line.substr(12));
    } else if (startsWithNoCase(line, "date:")) {
        transfer->reply->date = trimmed(line.substr(5));
    }
    return bytes;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* transfer = static_cast<Transfer*>(user);
    return transfer->aborted->load() ? 1 : 0;  // non-zero: CURLE_ABORTED_BY_CALLBACK
}

std::string hostOf(const std::string& url) {
    const size_t start = url.find("://");
    if (start == std::string::npos) return url;
    const size_t end = url.find_first_of("/?#", start + 3);
    return url.substr(start + 3, end == std::string::npos ? std::string::npos : end - start - 3);
}

std::string seconds(std::chrono::milliseconds duration) {
    const auto tenths = duration.count() / 100;
    return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " s";
}

// What a person should read when no answer came, by curl's error.
std::string describe(CURLcode code, const char* detail, const std::string& url, const SyncSettings& settings,
                     std::chrono::milliseconds elapsed) {
    const std::string host = hostOf(url);
    const std::string why = detail && *detail ? detail : curl_easy_strerror(code);
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return "cannot find the server " + host + " (" + why +
                   "); the kiosk keeps the events and retries. Check the network and the server address";
        case CURLE_COULDNT_CONNECT:
            return "cannot connect to the server " + host + " (" + why +
                   "); the kiosk keeps the events and retries. Check the network";
        case CURLE_OPERATION_TIMEDOUT:
            return "the server " + host + " did not answer in time (" + why + ", after " + seconds(elapsed) +
                   "; limits: connect " + seconds(settings.connectTimeout) + ", total " +
                   seconds(settings.totalTimeout) + ", below " +
                   std::to_string(settings.lowSpeedBytesPerSecond) + " bytes/s for " +
                   std::to_string(settings.lowSpeedTime.count()) +
                   " s); the kiosk keeps the events and retries";
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_ISSUER_ERROR:
            return "the server " + host +
                   " did not prove it is the provincial server: its certificate is not "
                   "trusted (" +
                   why +
                   "). Nothing was sent. Technician: check the server address, the "
                   "kiosk's date and time, and the CA certificates";
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return "the server " + host + "'s key does not match the pinned key in the kiosk config (" + why +
                   "). Nothing was sent. Technician: if the province changed its key, update the pin";
        case CURLE_SSL_CONNECT_ERROR:
            return "the secure connection to " + host + " failed (" + why +
                   "); the kiosk keeps the events and retries";
        case CURLE_UNSUPPORTED_PROTOCOL:
            return "the server address " + url +
                   " is not https; nothing is sent. Technician: fix the [sync] "
                   "server address";
        default:
            return "sending to " + host + " failed (" + why + "); the kiosk keeps the events and retries";
    }
}

}  // namespace

Uploader::Uploader(const SyncSettings& settings) : settings_(settings), curl_(std::make_unique<Curl>()) {
    // Thread-safe in this libcurl (7.84+); calls are counted, so one cleanup per init.
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl_->multi = curl_multi_init();
    curl_->easy = curl_easy_init();
}

Uploader::~Uploader() {
    std::lock_guard lock(curl_->wakeLock);
    if (curl_->easy) curl_easy_cleanup(curl_->easy);
    if (curl_->multi) curl_multi_cleanup(curl_->multi);
    curl_->easy = nullptr;
    curl_->multi = nullptr;
    curl_global_cleanup();
}

void Uploader::abort() {
    aborted_ = true;
    std::lock_guard lock(curl_->wakeLock);
    if (curl_->multi) curl_multi_wakeup(curl_->multi);
}

UploadReply Uploader::post(const std::string& url, std::string_view body,
                           const std::vector<std::string>& extraHeaders) {
    UploadReply reply;
    const auto started = std::chrono::steady_clock::now();
    const auto finish = [&](UploadReply& done) -> UploadReply {
        done.elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        return std::move(done);
    };
    if (aborted_) {
        reply.aborted = true;
        reply.curlCode = CURLE_ABORTED_BY_CALLBACK;
        reply.problem = "sync is stopping";
        return finish(reply);
    }
    CURL* easy = curl_->easy;
    if (!easy || !curl_->multi) {
        reply.curlCode = CURLE_FAILED_INIT;
        reply.problem = "the network library could not start (out of memory?); restart the kiosk";
        return finish(reply);
    }
    curl_easy_reset(easy);  // keeps the connection, DNS and TLS session caches

    Transfer transfer{&reply, &aborted_, false};
    char errorText[CURL_ERROR_SIZE] = {};
    curl_slist* headers = nullptr;
    const std::string authorization = "Authorization: Bearer " + settings_.token;
    headers = curl_slist_append(headers, authorization.c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Accept: application/json");
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip before each batch
    for (const std::string& header : extraHeaders)
        headers = curl_slist_append(headers, header.c_str());

    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "commune-kiosk/" KIOSK_VERSION);
    // Timeouts are always set: a dead link must never hold the outbox.
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.totalTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, settings_.lowSpeedBytesPerSecond);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings_.lowSpeedTime.count()));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    // Certificates are always checked; tests trust their own CA through caFile, never by turning this off.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!settings_.caFile.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, settings_.caFile.c_str());
    if (!settings_.pinnedPublicKey.empty())
        curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, settings_.pinnedPublicKey.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &transfer);

    CURLcode result = CURLE_OK;
    bool done = false;
    curl_multi_add_handle(curl_->multi, easy);
    while (!done) {
        int running = 0;
        if (curl_multi_perform(curl_->multi, &running) != CURLM_OK) {
            result = CURLE_FAILED_INIT;
            break;
        }
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(curl_->multi, &queued)) {
            if (message->msg == CURLMSG_DONE && message->easy_handle == easy) {
                result = message->data.result;
                done = true;
            }
        }
        if (done) break;
        if (aborted_) {
            result = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        // Wakes on socket activity, curl's own timers, or abort()'s curl_multi_wakeup.
        curl_multi_poll(curl_->multi, nullptr, 0, 1000, nullptr);
    }
    curl_multi_remove_handle(curl_->multi, easy);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(headers);

    reply.curlCode = result;
    if (result == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &reply.httpStatus);
        reply.transferred = true;
    } else if (result == CURLE_ABORTED_BY_CALLBACK || aborted_) {
        reply.aborted = true;
        reply.problem = "sync is stopping";
    } else if (transfer.overflow) {
        reply.problem =
            "the server's answer was larger than " + std::to_string(kMaxReplyBytes / (1024 * 1024)) +
            " MB, which no v1 server sends; the kiosk keeps the events and retries. Ask the province "
            "to check the server";
    } else {
        reply.problem = describe(result, errorText, url, settings_,
                                 std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now() - started));
    }
    return finish(reply);
}

}  // namespace kiosk::sync
