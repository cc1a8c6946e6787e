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

std::optional<TokenProblem> checkToken(std::string_view token) {
    if (token.empty()) return TokenProblem::Missing;
    // Characters before length: "contains a line break" helps more than "too long" for a pasted file.
    for (const char c : token) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) return TokenProblem::NotAscii;
        if (byte <= 0x20 || byte == 0x7f) return TokenProblem::SpaceOrControl;
    }
    if (token.size() > kMaxTokenBytes) return TokenProblem::TooLong;
    return std::nullopt;
}

std::string_view tokenProblemName(TokenProblem problem) {
    switch (problem) {
        case TokenProblem::Missing: return "missing";
        case TokenProblem::TooLong: return "too_long";
        case TokenProblem::SpaceOrControl: return "space_or_control";
        case TokenProblem::NotAscii: return "not_ascii";
    }
    return "missing";
}

std::optional<TokenProblem> tokenProblemFromName(std::string_view name) {
    for (const TokenProblem problem : {TokenProblem::Missing, TokenProblem::TooLong,
                                       TokenProblem::SpaceOrControl, TokenProblem::NotAscii}) {
        if (tokenProblemName(problem) == name) return problem;
    }
    return std::nullopt;
}

std::string tokenProblemText(TokenProblem problem) {
    switch (problem) {
        case TokenProblem::Missing: return "no token is set for the server";
        case TokenProblem::TooLong:
            return "the token is longer than " + std::to_string(kMaxTokenBytes) + " characters";
        case TokenProblem::SpaceOrControl:
            return "the token contains a space or control character (a line break or a tab, perhaps copied "
                   "with it)";
        case TokenProblem::NotAscii:
            return "the token contains a character outside plain ASCII (an accented letter or a typographic "
                   "quote)";
    }
    return "the token is not valid";
}

i18n::MessageId tokenProblemMessage(TokenProblem problem) {
    switch (problem) {
        case TokenProblem::Missing: return i18n::MessageId::SyncTokenMissing;
        case TokenProblem::TooLong: return i18n::MessageId::SyncTokenTooLong;
        case TokenProblem::SpaceOrControl: return i18n::MessageId::SyncTokenSpace;
        case TokenProblem::NotAscii: return i18n::MessageId::SyncTokenNotAscii;
    }
    return i18n::MessageId::SyncTokenMissing;
}

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
    if (const auto token = checkToken(settings.token)) return badSettings(tokenProblemText(*token));
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
