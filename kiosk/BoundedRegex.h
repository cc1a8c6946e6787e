// std::regex_match for text from outside (config files, bundles, the setup wizard, support
// bundles). libstdc++'s regex engine recurses once per character a `+` or `*` consumes, so ~100 KB
// of text overflows an 8 MB stack: a config with a 100 KB `[printer] device` killed the kiosk.
// Anything longer than `maxBytes` simply does not match, which every caller treats as "refused"
// (or "not recognised"), never as accepted.
#pragma once

#include <cstddef>
#include <regex>
#include <string>

namespace kiosk {

// Longer than any real path, URL or config line; short enough for a few hundred KB of stack.
inline constexpr std::size_t kMaxRegexInput = 4096;

inline bool boundedRegexMatch(const std::string& text, const std::regex& pattern,
                              std::size_t maxBytes = kMaxRegexInput) {
    return text.size() <= maxBytes && std::regex_match(text, pattern);
}

inline bool boundedRegexMatch(const std::string& text, std::smatch& match, const std::regex& pattern,
                              std::size_t maxBytes = kMaxRegexInput) {
    return text.size() <= maxBytes && std::regex_match(text, match, pattern);
}

}  // namespace kiosk
