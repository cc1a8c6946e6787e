#include "unit/sync/EventServer.h"

#include <httplib.h>
#include <time.h>

#include <functional>

namespace sync_test {
namespace {

std::string httpDate(std::chrono::system_clock::time_point at) {
    const time_t seconds = std::chrono::system_clock::to_time_t(at);
    struct tm parts {};
    gmtime_r(&seconds, &parts);
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[parts.tm_wday],
                  parts.tm_mday, kMonths[parts.tm_mon], parts.tm_year + 1900, parts.tm_hour, parts.tm_min,
                  parts.tm_sec);
    return text;
}

std::string errorBody(const std::string& code, const std::string& message) {
    return nlohmann::json{{"v", 1}, {"error", {{"code", code}, {"message", message}}}}.dump();
}

bool everyEvent(const nlohmann::json&) {
    return true;
}

bool evenSeq(const nlohmann::json& event) {
    return event["seq"].get<int64_t>() % 2 == 0;
}

bool wellFormed(const nlohmann::json& event) {
    return event.is_object() && event.value("v", 0) == 1 && event.contains("id") && event["id"].is_string() &&
           event.contains("seq") && event["seq"].is_number_integer() && event.contains("kind") &&
           event["kind"].is_string() && event.contains("at") && event["at"].is_string() &&
           event.contains("payload") && event["payload"].is_object();
}

}  // namespace

EventServer::EventServer(const TestCertificate& certificate, std::string kioskId)
    : kioskId_(std::move(kioskId)),
      server_(std::make_unique<httplib::SSLServer>(certificate.certificate.get(), certificate.key.get())) {
    server_->set_keep_alive_timeout(1);
    server_->set_tcp_nodelay(true);  // as real front ends do; else Nagle adds 40 ms per answer
    server_->set_keep_alive_max_count(1000);
    server_->set_read_timeout(5);
    server_->Post("/v1/events", [this](const httplib::Request& request, httplib::Response& response) {
        handle(request, response);
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    listener_ = std::thread([this] { server_->listen_after_bind(); });
    // httplib's stop() does nothing before the accept loop runs; a short test could otherwise
    // stop the server first and then wait forever for the listener.
    while (!server_->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

EventServer::~EventServer() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    released_.notify_all();
    server_->stop();
    if (listener_.joinable()) listener_.join();
}

std::string EventServer::url() const {
    return "https://127.0.0.1:" + std::to_string(port_);
}

void EventServer::failNext(Fault fault, int count, std::string retryAfter) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < count; ++i)
        faults_.push_back(Planned{fault, retryAfter, 0});
}

void EventServer::answerNext(int status, int count) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < count; ++i)
        faults_.push_back(Planned{Fault::Status, "", status});
}

std::map<std::string, nlohmann::json> EventServer::events() const {
    std::lock_guard lock(mutex_);
    return events_;
}

size_t EventServer::deliveries() const {
    std::lock_guard lock(mutex_);
    return deliveries_;
}

std::vector<ReceivedRequest> EventServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<std::string> EventServer::keysWithDifferentBodies() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> keys;
    for (const auto& [key, bodies] : bodiesByKey_)
        if (bodies.size() > 1) keys.push_back(key);
    return keys;
}

std::vector<std::string> EventServer::commit(const nlohmann::json& events,
                                             bool (*keep)(const nlohmann::json&)) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& event : events) {
        if (!keep(event)) continue;
        const std::string id = event["id"].get<std::string>();
        ++deliveries_;
        events_.emplace(id, event);  // the server's dedup on (kiosk_id, event id)
        ids.push_back(id);
    }
    return ids;
}

void EventServer::handle(const httplib::Request& request, httplib::Response& response) {
    if (delay_.load().count() > 0) std::this_thread::sleep_for(delay_.load());
    response.set_header("Date", httpDate(std::chrono::system_clock::now() + skew_.load()));
    if (request.get_header_value("Authorization") != std::string("Bearer ") + kToken) {
        response.status = 401;
        response.set_content(errorBody("unauthorized", "unknown token"), "application/json");
        return;
    }
    const std::string key = request.get_header_value("Idempotency-Key");
    if (request.body.size() > bodyLimit_.load()) {
        std::lock_guard lock(mutex_);
        requests_.push_back(ReceivedRequest{key, "", "", request.body.size(), 0, Fault::Status,
                                            std::chrono::steady_clock::now()});
        response.status = 413;
        response.set_content("<html><body>413 Request Entity Too Large</body></html>", "text/html");
        return;
    }
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    const bool valid = !body.is_discarded() && body.is_object() && body.value("v", 0) == 1 &&
                       body.value("kiosk_id", "") == kioskId_ && body.value("batch_id", "") == key &&
                       body.contains("events") && body["events"].is_array() && !body["events"].empty() &&
                       std::all_of(body["events"].begin(), body["events"].end(), wellFormed);
    Fault fault = Fault::None;
    std::string retryAfter;
    int status = 0;
    {
        std::lock_guard lock(mutex_);
        if (!faults_.empty()) {
            fault = faults_.front().fault;
            retryAfter = faults_.front().retryAfter;
            status = faults_.front().status;
            faults_.pop_front();
        }
        const std::string hash = std::to_string(std::hash<std::string>{}(request.body));
        requests_.push_back(ReceivedRequest{
            key, valid ? body.value("batch_id", "") : "", hash, request.body.size(),
            valid ? static_cast<int>(body["events"].size()) : 0, fault, std::chrono::steady_clock::now()});
        bodiesByKey_[key].insert(hash);
    }
    if (!valid) {
        response.status = 422;
        response.set_content(errorBody("bad_batch", "the batch is not a v1 batch of this kiosk"),
                             "application/json");
        return;
    }
    const auto accept = [&](const std::vector<std::string>& ids, nlohmann::json rejected) {
        return nlohmann::json{{"v", 1}, {"accepted", ids}, {"rejected", std::move(rejected)}}.dump();
    };
    const nlohmann::json& events = body["events"];
    switch (fault) {
        case Fault::None:
            response.set_content(accept(commit(events, everyEvent), nlohmann::json::array()),
                                 "application/json");
            return;
        case Fault::DropAfterCommit: {
            commit(events, everyEvent);
            // Headers go out, then the body provider fails: httplib closes the connection.
            response.set_content_provider(100, "application/json",
                                          [](size_t, size_t, httplib::DataSink&) { return false; });
            return;
        }
        case Fault::Error500:
            response.status = 500;
            response.set_content(errorBody("internal", "the database is unavailable"), "application/json");
            return;
        case Fault::Busy503:
            response.status = 503;
            response.set_header("Retry-After", retryAfter);
            response.set_content(errorBody("busy", "try again later"), "application/json");
            return;
        case Fault::Hang: {
            std::unique_lock lock(mutex_);
            released_.wait_for(lock, std::chrono::seconds(30), [&] { return closing_; });
            response.status = 500;
            return;
        }
        case Fault::Trickle: {
            auto text =
                std::make_shared<std::string>(accept(commit(events, everyEvent), nlohmann::json::array()));
            response.set_content_provider(
                text->size(), "application/json",
                [this, text](size_t offset, size_t, httplib::DataSink& sink) {
                    {
                        std::unique_lock lock(mutex_);
                        if (released_.wait_for(lock, std::chrono::seconds(1), [&] { return closing_; }))
                            return false;
                    }
                    return sink.write(text->data() + offset, 1);
                });
            return;
        }
        case Fault::Reject400:
            response.status = 400;
            response.set_content(errorBody("bad_event", "event kind test.event is not known to this server"),
                                 "application/json");
            return;
        case Fault::Unauthorized401:
            response.status = 401;
            response.set_content(errorBody("unauthorized", "the token was revoked"), "application/json");
            return;
        case Fault::AcceptHalf: {
            nlohmann::json firstHalf = nlohmann::json::array();
            for (size_t i = 0; i < events.size() / 2 + (events.size() == 1 ? 1 : 0); ++i)
                firstHalf.push_back(events[i]);
            response.set_content(accept(commit(firstHalf, everyEvent), nlohmann::json::array()),
                                 "application/json");
            return;
        }
        case Fault::AcceptOne: {
            nlohmann::json first = nlohmann::json::array({events[0]});
            response.set_content(accept(commit(first, everyEvent), nlohmann::json::array()),
                                 "application/json");
            return;
        }
        case Fault::Status:
            response.status = status;
            response.set_content(errorBody("refused", "answered " + std::to_string(status) + " on command"),
                                 "application/json");
            return;
        case Fault::RejectOddSeq: {
            nlohmann::json rejected = nlohmann::json::array();
            for (const auto& event : events) {
                if (!evenSeq(event))
                    rejected.push_back(
                        {{"id", event["id"]}, {"code", "bad_event"}, {"message", "odd seq refused"}});
            }
            response.set_content(accept(commit(events, evenSeq), rejected), "application/json");
            return;
        }
    }
}

}  // namespace sync_test
