#include "kiosk/sync/WireFormat.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "kiosk/Clock.h"

namespace kiosk::sync {
namespace {

// A member's text, or "" when it is missing or not a string (never throws).
std::string stringMember(const nlohmann::json& object, const char* key) {
    const auto member = object.find(key);
    return member != object.end() && member->is_string() ? member->get<std::string>() : std::string();
}

}  // namespace

std::string eventJson(int64_t seq, std::string_view uuid, std::string_view kind, WallTime at,
                      std::string_view payloadJson) {
    std::string text;
    text.reserve(payloadJson.size() + kind.size() + 128);
    text += R"({"v":1,"id":")";
    text += uuid;
    text += R"(","seq":)";
    text += std::to_string(seq);
    text += R"(,"kind":")";
    text += kind;
    text += R"(","at":")";
    text += formatUtc(at);
    text += R"(","payload":)";
    text += payloadJson;
    text += '}';
    return text;
}

BatchBody::BatchBody(std::string_view kioskId, std::string_view batchUuid) {
    text_ = R"({"v":1,"kiosk_id":)";
    text_ +=
        nlohmann::json(std::string(kioskId)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text_ += R"(,"batch_id":")";
    text_ += batchUuid;
    text_ += R"(","events":[)";
}

size_t BatchBody::sizeWith(size_t eventJsonBytes) const {
    return text_.size() + (events_ > 0 ? 1 : 0) + eventJsonBytes + 2;  // comma, then "]}"
}

void BatchBody::add(std::string_view eventJson) {
    if (events_ > 0) text_ += ',';
    text_ += eventJson;
    ++events_;
}

std::string BatchBody::finish() {
    text_ += "]}";
    events_ = 0;
    return std::move(text_);
}

Result<BatchReply> parseBatchReply(std::string_view body) {
    const auto badReply = [&](const std::string& why) {
        return Error{"sync.bad_reply", "the server confirmed a batch but its answer " + why +
                                           "; nothing was marked sent and the batch will be sent again. "
                                           "Ask the province to check the server (see kiosk/sync/WIRE.md)"};
    };
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return badReply("is not a JSON object");
    const auto accepted = json.find("accepted");
    if (accepted == json.end() || !accepted->is_array()) return badReply("has no \"accepted\" list");
    BatchReply reply;
    for (const auto& id : *accepted) {
        if (!id.is_string()) return badReply("lists an accepted id that is not a string");
        reply.accepted.push_back(id.get<std::string>());
    }
    if (const auto rejected = json.find("rejected"); rejected != json.end()) {
        if (!rejected->is_array()) return badReply("has a \"rejected\" entry that is not a list");
        for (const auto& item : *rejected) {
            if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) {
                return badReply("lists a rejected event without an id");
            }
            reply.rejected.push_back(RejectedEvent{item["id"].get<std::string>(), stringMember(item, "code"),
                                                   stringMember(item, "message")});
        }
    }
    return reply;
}

std::string clipUtf8(std::string text, size_t bytes) {
    if (text.size() <= bytes) return text;
    size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80)
        --end;
    text.resize(end);
    return text;
}

std::string errorBodyText(std::string_view body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_discarded() && json.is_object()) {
        if (const auto error = json.find("error"); error != json.end() && error->is_object()) {
            const std::string code = stringMember(*error, "code");
            const std::string message = stringMember(*error, "message");
            if (!code.empty() || !message.empty()) {
                std::string text = code.empty() ? message : message.empty() ? code : code + ": " + message;
                return clipUtf8(std::move(text), 500);
            }
        }
    }
    std::string text;
    for (const char c : body) {
        if (text.size() >= 200) break;
        text.push_back(c >= ' ' && c < 0x7f ? c : ' ');
    }
    return text;
}

}  // namespace kiosk::sync
