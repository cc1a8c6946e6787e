// The kiosk profile: who this kiosk is and how it behaves for citizens. Loaded from TOML with
// file:line errors; a config that cannot be trusted is refused as a whole, never half-applied.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"

namespace kiosk::config {

struct KioskConfig {
    std::string kioskId = "kiosk-dev";
    std::string communeName = "Trung tâm phục vụ hành chính công xã";
    i18n::Language language = i18n::kDefaultLanguage;
    int idleSeconds = 90;
    int idleCountdownSeconds = 20;
    std::optional<std::filesystem::path> dataDir;  // empty: the per-user default
    std::string source = "built-in defaults";      // where this config came from, for diagnostics
};

// `sourceName` is used in messages ("kiosk.toml:12: ...").
Result<KioskConfig> parseConfig(std::string_view tomlText, std::string_view sourceName);
Result<KioskConfig> loadConfigFile(const std::filesystem::path& file);

// --config FILE if given, else the installed default if present, else built-in defaults.
Result<KioskConfig> loadConfig(const std::optional<std::filesystem::path>& explicitFile,
                               const std::filesystem::path& installedDefault);

std::filesystem::path defaultDataDir();

}  // namespace kiosk::config
