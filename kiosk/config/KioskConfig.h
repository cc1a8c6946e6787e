// The kiosk profile: who this kiosk is and how it behaves for citizens. Loaded from TOML with
// file:line errors; a config that cannot be trusted is refused as a whole, never half-applied.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::config {

// The volunteer desk ([desk]).
struct DeskConfig {
    int volunteerIdleSeconds = 300;  // a signed-in desk with no touch this long signs out
    int priorityInARow = 1;          // call policy: this many priority tickets ...
    int normalInARow = 2;            // ... then this many normal ones, oldest first in each
    int recallWindow = 3;            // a no-show may be recalled until this many later calls
    // `commune-kiosk desk`: this terminal's desk number (shown on its header and called on the
    // board) and the lines it serves ("AB"); empty: every line.
    int number = 1;
    std::string services;
};

// The provincial server ([sync]). No server URL: the outbox keeps events until one is set.
struct SyncConfig {
    std::string serverUrl;        // https://...
    std::string token;            // bearer token the province issued for this kiosk
    std::string pinnedPublicKey;  // optional "sha256//<base64>" (libcurl PINNEDPUBLICKEY)
};

// The voice ([speech]): "Nghe" buttons read a screen aloud through the sound card.
struct SpeechConfig {
    bool enabled = true;  // false: no "Nghe" buttons at all
    int volume = 80;      // percent of full scale, 0..100
};

// Centre mode ([centre]): kiosks, desks and boards share one PostgreSQL queue. No database:
// this kiosk keeps its queue in its own SQLite file, as a lone kiosk always did.
struct CentreConfig {
    std::string database;  // libpq connection string; sslmode=verify-full unless local
    // The pepper file every citizen kiosk of the centre shares for household keys, so a household
    // served at two kiosks counts once (commune-kiosk centre new-pepper makes it). Empty: the
    // kiosk's own pepper, and the centre counts a household once per kiosk it used.
    std::optional<std::filesystem::path> householdPepper;
};

// KioskConfig::source when no file was read.
inline constexpr std::string_view kBuiltInDefaults = "built-in defaults";

struct KioskConfig {
    std::string kioskId = "kiosk-dev";
    std::string communeName = "Trung tâm phục vụ hành chính công xã";
    std::string communeCode;  // the 5-digit administrative code; empty until provisioned
    // "Thứ Hai – Thứ Sáu, 7:30 – 11:30, 13:30 – 17:00": printed on take-home slips; empty: not printed.
    std::string openingHours;
    i18n::Language language = i18n::kDefaultLanguage;
    int idleSeconds = 90;
    int idleCountdownSeconds = 20;
    std::optional<std::filesystem::path> dataDir;  // empty: the per-user default
    DeskConfig desk;
    // Where tickets are printed: "" (no printer), "/dev/usb/lpN", "tcp:HOST:PORT", "file:PATH".
    std::string printer;
    SpeechConfig speech;
    SyncConfig sync;
    CentreConfig centre;
    std::string provisioningPublicKey;     // the province's Ed25519 key, base64; empty: none
    std::string source{kBuiltInDefaults};  // where this config came from, for diagnostics
};

// A [sync] token the sync thread would refuse (sync::checkToken) is refused with the code
// "config.bad_token.<tokenProblemName>", so doctor can name it in the technician's language.
inline constexpr std::string_view kTokenErrorPrefix = "config.bad_token.";
std::optional<sync::TokenProblem> tokenProblemOf(const Error& error);

// `sourceName` is used in messages ("kiosk.toml:12: ...").
Result<KioskConfig> parseConfig(std::string_view tomlText, std::string_view sourceName);
Result<KioskConfig> loadConfigFile(const std::filesystem::path& file);

// --config FILE if given, else the installed default if present, else built-in defaults.
Result<KioskConfig> loadConfig(const std::optional<std::filesystem::path>& explicitFile,
                               const std::filesystem::path& installedDefault);

std::filesystem::path defaultDataDir();

}  // namespace kiosk::config
