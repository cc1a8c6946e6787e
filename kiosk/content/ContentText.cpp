#include "kiosk/content/ContentText.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <utility>

namespace kiosk::content {

namespace {

// The characters the kiosk font is built with (ui/Theme.cpp bakes ImGui's Vietnamese ranges
// plus this punctuation). Anything else would show as "?" on screen, so it is refused here.
// Combining accents are not in the set on purpose: Vietnamese must be written precomposed (NFC).
constexpr std::array<std::pair<char32_t, char32_t>, 14> kDrawableRanges{{
    {0x0020, 0x007E},  // ASCII
    {0x00A0, 0x00FF},  // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý
    {0x0102, 0x0103},  // Ă ă
    {0x0110, 0x0111},  // Đ đ
    {0x0128, 0x0129},  // Ĩ ĩ
    {0x0168, 0x0169},  // Ũ ũ
    {0x01A0, 0x01A1},  // Ơ ơ
    {0x01AF, 0x01B0},  // Ư ư
    {0x1EA0, 0x1EF9},  // Vietnamese letters with two marks: ạ ả ấ ... ỹ
    {0x2010, 0x2027},  // dashes, curly quotes, bullet, ellipsis
    {0x2030, 0x205E},  // per mille, primes, angle quotes
    {0x20AB, 0x20AB},  // ₫
    {0x2190, 0x2193},  // arrows
    {0x000A, 0x000A},  // line break
}};

bool isDrawable(char32_t codePoint) {
    return std::any_of(kDrawableRanges.begin(), kDrawableRanges.end(), [&](const auto& range) {
        return codePoint >= range.first && codePoint <= range.second;
    });
}

}  // namespace

std::optional<char32_t> firstUndrawable(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t codePoint = length == 1   ? lead
                             : length == 2 ? lead & 0x1F
                             : length == 3 ? lead & 0x0F
                                           : lead & 0x07;
        for (size_t k = 1; k < length && i + k < text.size(); ++k) {
            codePoint = (codePoint << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        if (!isDrawable(codePoint)) return codePoint;
        i += length;
    }
    return std::nullopt;
}

std::string codePointName(char32_t codePoint) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(codePoint));
    return buffer;
}

int countSentences(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    const auto isCloser = [](char c) { return c == '"' || c == '\'' || c == ')'; };
    // U+2026 HORIZONTAL ELLIPSIS, and the closing quotes U+201D and U+2019, in UTF-8.
    const auto isEllipsisAt = [&](size_t i) { return text.substr(i, 3) == "\xE2\x80\xA6"; };
    const auto isCurlyCloserAt = [&](size_t i) {
        return text.substr(i, 3) == "\xE2\x80\x9D" || text.substr(i, 3) == "\xE2\x80\x99";
    };

    int sentences = 0;
    bool pendingWords = false;  // text seen since the last sentence end
    size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool terminator = c == '.' || c == '!' || c == '?' || isEllipsisAt(i);
        if (!terminator) {
            if (!isSpace(c)) pendingWords = true;
            ++i;
            continue;
        }
        size_t after = i;
        while (after < text.size() &&
               (text[after] == '.' || text[after] == '!' || text[after] == '?' || isEllipsisAt(after))) {
            after += isEllipsisAt(after) ? 3 : 1;
        }
        while (after < text.size() && (isCloser(text[after]) || isCurlyCloserAt(after))) {
            after += isCurlyCloserAt(after) ? 3 : 1;
        }
        if (after == text.size() || isSpace(text[after])) {
            if (pendingWords) ++sentences;
            pendingWords = false;
        } else {
            pendingWords = true;  // "vneid.gov.vn", "1.000": part of a word
        }
        i = after;
    }
    if (pendingWords) ++sentences;
    return sentences;
}

}  // namespace kiosk::content
