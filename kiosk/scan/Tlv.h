// Pure: no I/O. EMVCo tag-length-value lists: a 2-digit id, a 2-digit decimal length and the
// value, repeated; some values are themselves such lists (templates). Used by the VietQR parser
// and builder.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/scan/ScanProblem.h"

namespace kiosk::scan {

// EMVCo counts lengths in characters. Some issuers count Vietnamese text in UTF-8 bytes instead;
// the parser tries characters first and falls back to bytes only when the CRC proves the payload
// intact.
enum class LengthUnit { codePoints, bytes };

struct TlvField {
    std::string_view id;     // two ASCII digits
    std::string_view value;  // points into the parsed text
};

struct TlvList {
    std::vector<TlvField> fields;        // in order, up to the first problem
    std::optional<ScanProblem> problem;  // length_overrun, malformed_tlv or duplicate_field

    const TlvField* find(std::string_view id) const;
};

// `where` names the template for messages ("" for the top level, "38", "38.01", ...).
TlvList parseTlv(std::string_view data, LengthUnit unit, std::string_view where);

// Appends id + 2-digit length + value; the length is counted in `unit`. Returns false (and appends
// nothing) when the length does not fit in two digits.
bool appendTlv(std::string& out, std::string_view id, std::string_view value,
               LengthUnit unit = LengthUnit::codePoints);

}  // namespace kiosk::scan
