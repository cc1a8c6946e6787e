// Pure: no I/O. Strict UTF-8 decoding and encoding shared by the scan parsers. Scanned bytes come
// from a camera and a QR decoder, so nothing here may assume the input is valid UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::scan {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// One step of decoding: the code point at the front of `bytes` and how many bytes it used.
// An invalid sequence (bad lead byte, truncated, overlong, surrogate, above U+10FFFF) decodes as
// one invalid unit of `length` bytes (at least 1) with `valid == false`, so a loop always advances.
struct Utf8Step {
    char32_t codePoint = kReplacementCharacter;
    std::size_t length = 1;
    bool valid = false;
};
Utf8Step decodeUtf8Step(std::string_view bytes);

bool isValidUtf8(std::string_view bytes);
// Number of code points, counting each invalid unit as one.
std::size_t countCodePoints(std::string_view bytes);
// Bytes used by the first `codePoints` code points of `bytes`, or nullopt if it has fewer.
std::optional<std::size_t> bytesForCodePoints(std::string_view bytes, std::size_t codePoints);

void appendUtf8(std::string& out, char32_t codePoint);
// Invalid units become U+FFFD, so the result is always valid UTF-8 (safe to put in JSON).
std::string toValidUtf8(std::string_view bytes);

}  // namespace kiosk::scan
