// Pure: no I/O. What every EMVCo merchant-presented QR shares, whichever scheme issued it: the
// TLV tree (top level and the templates 26-51, 62, 64), the CRC in field 63, and which payment
// scheme the merchant account templates name. VietQr.cpp and EmvPayment.cpp build on it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/scan/ScanProblem.h"
#include "kiosk/scan/Tlv.h"

namespace kiosk::scan {

inline constexpr std::string_view kNapasGuid = "A000000727";

enum class CrcState { absent, badFormat, intact, mismatch };

struct CrcCheck {
    CrcState state = CrcState::absent;
    bool lowercase = false;
    std::string written;   // the 4 hex digits as written
    std::string computed;  // upper case
};

// Field 63 is always last: "6304" + 4 hex digits, over everything up to and including "6304"
// (the UTF-8 bytes of the text).
CrcCheck checkEmvCrc(std::string_view text);

// The TLV tree read with one length unit: the top level and every template we look inside.
struct EmvLayout {
    TlvList top;
    std::map<std::string, TlvList, std::less<>> templates;  // "26" ... "51", "62", "64"
    std::vector<ScanProblem> problems;                      // structural only
    LengthUnit unit = LengthUnit::codePoints;
    CrcCheck crc;  // set by readCheckedLayout

    const TlvList* find(std::string_view name) const;
};

// EMVCo defines 26-51 (merchant account information), 62 (additional data) and 64 (alternate
// language) as templates.
bool isEmvTemplateId(std::string_view id);

// Reads the tree counting lengths in characters as EMVCo says. Some issuers count non-ASCII text
// in UTF-8 bytes; that reading is taken only when the characters reading is broken and the CRC
// proves the payload intact, because a damaged code could otherwise be "repaired" into another
// payment. The caller reports the length_in_bytes warning when `unit` is bytes.
EmvLayout readEmvLayout(std::string_view text, const CrcCheck& crc);

// The problems with field 63 (crc_not_last, crc_mismatch, bad_crc_format, missing_crc) and the
// crc_lowercase warning, given the tree it was read with.
std::vector<ScanProblem> crcProblems(const CrcCheck& crc, const EmvLayout& layout);

// The structural checks every EMVCo code gets, in the order they are reported: invalid_utf8, the
// tree (length_in_bytes when it had to be read in bytes, then its own problems), field 63's
// problems, bad_format_indicator. `problems` gets them appended; the returned tree (with its
// `crc`) is what the parser reads fields from.
EmvLayout readCheckedLayout(std::string_view text, std::vector<ScanProblem>& problems);

// ASCII letters in upper case, everything else as it is (GUIDs and CRCs compare this way).
std::string asciiUpper(std::string_view s);

// The value of field `id` in `list`; empty when the list or the field is missing.
std::string_view fieldValue(const TlvList* list, std::string_view id);

// Absent for sure: the list was read to its end without finding the field. After a structural
// problem the rest of the list is unknown, and "missing X" would only repeat that problem.
bool surelyAbsent(const TlvList* list, std::string_view id);

// Free text shown to the citizen (names, cities, purposes): cleaned of controls and invisible
// characters, with a hidden_characters warning added to `problems` when something was removed.
std::string displayText(std::string_view raw, std::string_view field, std::vector<ScanProblem>& problems);

// Which scheme a payload's merchant account information belongs to: NAPAS VietQR when any
// template 26-51 carries the NAPAS GUID A000000727 in its field 00; another scheme when none
// does but some template carries another GUID (PromptPay, Pix, QRIS, DuitNow, ...); none when no
// template names a scheme (a broken or incomplete code, which the VietQR parser explains).
enum class EmvScheme { napas, other, none };
EmvScheme accountScheme(const EmvLayout& layout);

}  // namespace kiosk::scan
