#include "kiosk/scan/PlainText.h"

#include <algorithm>

#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

enum class CharClass { keep, lineBreak, tab, control, bidi, invisible, combiningMark };

bool isCombiningMark(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

CharClass classify(char32_t c) {
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85) return CharClass::lineBreak;
    if (c == '\t') return CharClass::tab;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return CharClass::control;
    if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {
        return CharClass::bidi;
    }
    if (c == 0x00AD || c == 0x180E || c == 0x200B || (c >= 0x2060 && c <= 0x2064) ||
        (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x115F ||
        c == 0x1160 || c == 0x3164 || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE007F) ||
        (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
        return CharClass::invisible;
    }
    if (isCombiningMark(c)) return CharClass::combiningMark;
    return CharClass::keep;
}

}  // namespace

CleanText sanitizeText(std::string_view raw, const TextLimits& limits) {
    CleanText clean;
    clean.text.reserve(std::min(raw.size(), std::size_t{8192}));
    std::size_t marksInRow = 0;
    while (!raw.empty()) {
        if (clean.codePoints >= limits.maxCodePoints) {
            clean.droppedCodePoints = countCodePoints(raw);
            break;
        }
        const Utf8Step step = decodeUtf8Step(raw);
        // CR LF is one line break, not two.
        const bool crlf = step.valid && step.codePoint == '\r' && raw.size() > 1 && raw[1] == '\n';
        raw.remove_prefix(crlf ? 2 : step.length);
        if (!step.valid) {
            ++clean.replacedInvalid;
            appendUtf8(clean.text, kReplacementCharacter);
            ++clean.codePoints;
            marksInRow = 0;
            continue;
        }
        switch (classify(step.codePoint)) {
            case CharClass::lineBreak:
            case CharClass::tab:
                if (!limits.keepLineBreaks) {
                    ++clean.removedControls;
                    continue;
                }
                clean.text.push_back(step.codePoint == '\t' ? '\t' : '\n');
                break;
            case CharClass::control:
                ++clean.removedControls;
                continue;
            case CharClass::bidi:
                ++clean.removedBidi;
                continue;
            case CharClass::invisible:
                ++clean.removedInvisible;
                continue;
            case CharClass::combiningMark:
                if (++marksInRow > kMaxCombiningMarks) {
                    ++clean.removedMarks;
                    continue;
                }
                appendUtf8(clean.text, step.codePoint);
                ++clean.codePoints;
                continue;  // keeps marksInRow
            case CharClass::keep:
                appendUtf8(clean.text, step.codePoint);
                break;
        }
        ++clean.codePoints;
        marksInRow = 0;
    }
    return clean;
}

Checked<CleanText> checkText(std::string_view raw, const TextLimits& limits) {
    Checked<CleanText> checked;
    checked.value = sanitizeText(raw, limits);
    const CleanText& clean = checked.value;
    auto report = [&](std::size_t count, const char* code, const char* what) {
        if (count > 0) {
            checked.add(code, Severity::warning,
                        std::to_string(count) + " " + what + " removed before display");
        }
    };
    report(clean.removedControls, "removed_control_characters", "control character(s)");
    report(clean.removedBidi, "removed_bidi_controls", "text-direction override character(s)");
    report(clean.removedInvisible, "removed_invisible_characters", "invisible character(s)");
    report(clean.removedMarks, "removed_combining_marks", "stacked accent mark(s)");
    if (clean.replacedInvalid > 0) {
        checked.add(
            "invalid_utf8", Severity::warning,
            std::to_string(clean.replacedInvalid) + " invalid byte sequence(s) shown as \xEF\xBF\xBD");
    }
    if (clean.truncated()) {
        checked.add("truncated", Severity::warning,
                    "text cut to " + std::to_string(limits.maxCodePoints) + " characters; " +
                        std::to_string(clean.droppedCodePoints) + " more not shown");
    }
    return checked;
}

}  // namespace kiosk::scan
