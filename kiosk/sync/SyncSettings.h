// What the sync thread needs to reach the provincial server, filled in by the caller (from the
// [sync] section of the kiosk config and the data directory). Plain values; `checkSettings`
// says in words what is missing or wrong before any thread starts.
//
// The defaults suit a rural 3G link: a connection must be up within 20 s, a batch (≤ 1 MB) must
// be answered within 2 min, and a link slower than 200 bytes/s for 30 s is given up and retried.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/i18n/MessageId.h"

namespace kiosk::sync {

struct SyncSettings {
    // "https://host[:port][/prefix]"; events go to {serverUrl}/v1/events. Only https is allowed.
    std::string serverUrl;
    std::string token;                   // sent as "Authorization: Bearer <token>"
    std::string pinnedPublicKey;         // "" or "sha256//<base64>[;sha256//<base64>...]" (PINNEDPUBLICKEY)
    std::string kioskId;                 // the server deduplicates on (kiosk_id, event id)
    std::filesystem::path databaseFile;  // the kiosk database; the sync thread opens its own connection
    std::filesystem::path caFile;        // empty: the system's CA store; else a PEM bundle (tests)

    std::chrono::milliseconds connectTimeout = std::chrono::seconds(20);
    std::chrono::milliseconds totalTimeout = std::chrono::minutes(2);  // one whole request
    long lowSpeedBytesPerSecond = 200;                                 // below this for lowSpeedTime: give up
    std::chrono::seconds lowSpeedTime = std::chrono::seconds(30);

    int maxBatchEvents = 500;
    size_t maxBatchBytes = 1'000'000;  // under nginx's default 1 MiB client_max_body_size

    std::chrono::milliseconds backoffBase = std::chrono::seconds(2);
    std::chrono::milliseconds backoffCap = std::chrono::minutes(10);
    std::chrono::milliseconds longestRetryAfter = std::chrono::hours(1);
    // How often an idle sync thread looks for new events when nobody calls Syncer::wake().
    std::chrono::milliseconds idlePoll = std::chrono::seconds(30);
    // Sent events are deleted after this long (0: kept forever). Unsent ones never are.
    std::chrono::hours keepSent = std::chrono::days(180);
};

// What can be wrong with a bearer token. The one rule, used by the config loader, provisioning,
// the setup wizard and the sync thread alike: a token that one of them accepts and another
// refuses turns sync off without anyone being told.
enum class TokenProblem { Missing, TooLong, SpaceOrControl, NotAscii };

inline constexpr std::size_t kMaxTokenBytes = 4096;

// 1 to kMaxTokenBytes visible ASCII characters (0x21-0x7e): the token goes into an HTTP header,
// where a space, a line break or a byte above 0x7f is cut, refused or read as another header.
std::optional<TokenProblem> checkToken(std::string_view token);
// "missing", "too_long", "space_or_control", "not_ascii": stable, for error codes.
std::string_view tokenProblemName(TokenProblem problem);
std::optional<TokenProblem> tokenProblemFromName(std::string_view name);
// For logs and config errors (English, like every config error).
std::string tokenProblemText(TokenProblem problem);
// For what a person reads on a screen or in `doctor`, in their language.
i18n::MessageId tokenProblemMessage(TokenProblem problem);

// Error sync.bad_settings naming the first problem (no server, not https, no token, no kiosk id,
// a pin not in sha256// form, a timeout or limit out of range).
Status checkSettings(const SyncSettings& settings);

// {serverUrl}/v1/events, without a doubled slash.
std::string eventsUrl(const SyncSettings& settings);

}  // namespace kiosk::sync
