// Rules for the texts a citizen reads in a walkthrough: which characters the kiosk font can
// draw, and how sentences are counted for the three-sentence limit on a step's body. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::content {

inline constexpr int kMaxBodySentences = 3;

// Sentences in a text: runs of '.', '!', '?' or '…' that are followed by a space or the end
// of the text (so "vneid.gov.vn" and "1.000" do not split), plus any trailing unfinished one.
int countSentences(std::string_view text);

// The first code point of UTF-8 `text` that the kiosk font cannot draw (it would show as "?"),
// or nullopt. The text must already be valid UTF-8 (toml++ refuses anything else).
std::optional<char32_t> firstUndrawable(std::string_view text);

// "U+0301": how a problem names a code point, since the character itself may not display.
std::string codePointName(char32_t codePoint);

}  // namespace kiosk::content
