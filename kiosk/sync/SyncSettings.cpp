#include "kiosk/sync/SyncSettings.h"

#include <string_view>

namespace kiosk::sync {
namespace {

Error badSettings(const std::string& what) {
    return Error{"sync.bad_settings", "sync is off: " + what +
                                          ". Technician: fix the [sync] section of the "
                                          "kiosk config and restart the kiosk"};
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool isBase64(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                             c == '+' || c == '/' || c == '=';
        if (!allowed) return false;
    }
    return true;
}

}  // namespace

Status checkSettings(const SyncSettings& settings) {
    if (settings.serverUrl.empty()) return badSettings("no server address is set");
    if (!startsWith(settings.serverUrl, "https://") || settings.serverUrl.size() <= 8) {
        return badSettings("the server address '" + settings.serverUrl +
                           "' does not start with https:// (events are only sent encrypted)");
    }
    for (const char c : settings.serverUrl) {
        if (c <= ' ' || c >= 0x7f)
            return badSettings("the server address contains a space or control character");
    }
    if (settings.token.empty()) return badSettings("no token is set for the server");
    for (const char c : settings.token) {
        if (c <= ' ' || c >= 0x7f) return badSettings("the token contains a space or control character");
    }
    if (settings.kioskId.empty()) return badSettings("the kiosk has no id");
    if (!settings.pinnedPublicKey.empty()) {
        std::string_view pins = settings.pinnedPublicKey;
        while (!pins.empty()) {
            const size_t end = pins.find(';');
            const std::string_view pin = pins.substr(0, end);
            if (!startsWith(pin, "sha256//") || !isBase64(pin.substr(8))) {
                return badSettings("the pinned key '" + std::string(pin) +
                                   "' is not of the form sha256//<base64 of the key's SHA-256>");
            }
            pins = end == std::string_view::npos ? std::string_view() : pins.substr(end + 1);
        }
    }
    if (settings.databaseFile.empty()) return badSettings("no database file was given to the sync thread");
    if (settings.connectTimeout <= std::chrono::milliseconds::zero() ||
        settings.totalTimeout < settings.connectTimeout) {
        return badSettings("the timeouts are out of range (connect > 0, total ≥ connect)");
    }
    if (settings.lowSpeedBytesPerSecond < 1 || settings.lowSpeedTime < std::chrono::seconds(1)) {
        return badSettings("the low-speed limit is out of range (≥ 1 byte/s for ≥ 1 s)");
    }
    if (settings.maxBatchEvents < 1 || settings.maxBatchEvents > 500 || settings.maxBatchBytes < 32 * 1024 ||
        settings.maxBatchBytes > 1'000'000) {
        return badSettings("the batch limits are out of range (1-500 events, 32 kB-1 MB)");
    }
    if (settings.backoffBase <= std::chrono::milliseconds::zero() ||
        settings.backoffCap < settings.backoffBase) {
        return badSettings("the retry delays are out of range (base > 0, cap ≥ base)");
    }
    return success();
}

std::string eventsUrl(const SyncSettings& settings) {
    std::string url = settings.serverUrl;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url + "/v1/events";
}

}  // namespace kiosk::sync
