// The check every TOML reader runs before handing text to toml++: a size cap and a nesting-depth
// cap. toml++ parses and destroys nested tables recursively, so a dotted key or table header some
// 50,000 levels deep (~100 KB) overflows the stack and kills the process (issue 16). Pure: a
// single pass over the text, no allocation, no recursion.
//
// Usage:
//   if (auto refused = tomlLimitError(text, name, "config.syntax")) return *refused;
//   root = toml::parse(text, name);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk {

// Our files are a few KB and nest 3 levels (table, key, inline table); these leave wide room.
inline constexpr std::size_t kMaxTomlBytes = 1024 * 1024;
inline constexpr int kMaxTomlDepth = 32;

struct TomlLimits {
    std::size_t maxBytes = kMaxTomlBytes;
    int maxDepth = kMaxTomlDepth;
};

struct TomlLimitProblem {
    std::string code;     // "too_large" or "too_deep"; readers prefix their own area
    int line = 0;         // 1-based line where the limit was passed (1 for the size)
    std::string message;  // what is wrong and what to do, for a person
};

// The nesting depth of a value is counted conservatively (it may count one level more than toml++
// builds, never fewer): the segments of the current [table] header, plus open arrays and inline
// tables, plus the dotted segments of a key. Strings and comments are skipped. nullopt when the
// text is within the limits; text that is not valid TOML is left for toml++ to report.
std::optional<TomlLimitProblem> checkTomlLimits(std::string_view text, const TomlLimits& limits = {});

// The same check as an Error{code, "sourceName:line: message"} for readers that return Result<T>.
std::optional<Error> tomlLimitError(std::string_view text, std::string_view sourceName,
                                    std::string_view code);

}  // namespace kiosk
