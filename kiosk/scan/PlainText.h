// Pure: no I/O. Makes scanned text safe to display: any bytes in, valid UTF-8 out, without control
// characters, bidi overrides (which can make "moc.live//:sptth" read as a trusted address) or
// invisible characters, and capped in length. It reports what it removed so the screen can say
// "this code contained hidden characters".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/scan/ScanProblem.h"

namespace kiosk::scan {

inline constexpr std::size_t kMaxTextCodePoints = 2000;
// Vietnamese needs at most two combining marks on a letter (NFD); more is "Zalgo" text that
// paints over neighbouring lines.
inline constexpr std::size_t kMaxCombiningMarks = 4;

struct TextLimits {
    std::size_t maxCodePoints = kMaxTextCodePoints;
    bool keepLineBreaks = true;  // keep '\n' and '\t'; CR, CRLF, U+2028/9 become '\n'
};

struct CleanText {
    std::string text;                   // valid UTF-8, safe to display
    std::size_t codePoints = 0;         // code points in `text`
    std::size_t removedControls = 0;    // C0/C1 controls and DEL (line breaks too when not kept)
    std::size_t removedBidi = 0;        // U+061C, U+200E/F, U+202A-202E, U+2066-2069
    std::size_t removedInvisible = 0;   // zero-width, BOM, soft hyphen, tags, fillers, noncharacters
    std::size_t removedMarks = 0;       // combining marks beyond kMaxCombiningMarks in a row
    std::size_t replacedInvalid = 0;    // invalid UTF-8 units, shown as U+FFFD
    std::size_t droppedCodePoints = 0;  // cut off by the length cap

    bool truncated() const { return droppedCodePoints > 0; }
    std::size_t removedTotal() const {
        return removedControls + removedBidi + removedInvisible + removedMarks;
    }
};

CleanText sanitizeText(std::string_view raw, const TextLimits& limits = {});

// sanitizeText plus warnings naming what was removed: removed_control_characters,
// removed_bidi_controls, removed_invisible_characters, removed_combining_marks, invalid_utf8,
// truncated. Plain text is always usable, so these are warnings, never errors.
Checked<CleanText> checkText(std::string_view raw, const TextLimits& limits = {});

}  // namespace kiosk::scan
