// Changing values in a kiosk config file the way a careful person would edit it by hand: each
// value is replaced where it stands and a missing key goes at the end of its [section], so the
// comments and layout of /etc/commune-kiosk/commune-kiosk.toml survive a provisioning.
// Pure: text in, text out; the caller writes the file (atomically).
//
// Usage:
//   std::vector<ConfigSetting> settings = {{"kiosk", "id", std::string("xa-tan-lap-01")},
//                                          {"desk", "recall_window", int64_t{5}}};
//   auto text = config::setInConfigText(oldText, "commune-kiosk.toml", settings);
//   if (text) writeFileAtomically(file, *text);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "kiosk/Result.h"

namespace kiosk::config {

using ConfigValue = std::variant<std::string, int64_t>;

// One `key = value` in a [section] of the config, named as in the config file.
struct ConfigSetting {
    std::string section;  // "kiosk", "sync", "printer", "desk", "citizen"
    std::string key;      // "id", "token", "device", ...
    ConfigValue value;
};

// The TOML text of a value: a basic string with escapes, or a decimal integer.
std::string tomlLiteral(const ConfigValue& value);

// Returns `text` with every setting applied. Settings are edited in place when the file has the
// plain layout our config uses ([section] headers and `key = value` lines); any other layout
// (inline tables, dotted keys) is written out again from its parsed values, without comments.
// Either way the result is checked to parse to exactly the old values plus the settings.
// Errors: config.syntax when `text` is not valid TOML (with file:line).
Result<std::string> setInConfigText(std::string_view text, std::string_view sourceName,
                                    std::span<const ConfigSetting> settings);

}  // namespace kiosk::config
