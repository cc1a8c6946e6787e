// Pure: no I/O. Reads the QR on the front of a Vietnamese citizen identity card (CCCD):
//   12-digit ID | old 9-digit ID (may be empty) | full name | ddmmyyyy birth | Nam or Nữ |
//   address | ddmmyyyy issue date [| anything else, ignored]
// and checks the ID's structure against the birth date and sex. The card is personal data: it
// lives only in the citizen session, and everything shown or printed goes through the masking
// functions below unless a technician explicitly asks to reveal it. Problem messages never quote
// the data itself.
//
// Problem codes: invalid_utf8, too_few_fields, bad_id, unknown_province_code (warning),
// bad_old_id (warning), missing_name, hidden_characters (warning), bad_birth_date, bad_sex,
// missing_address (warning), bad_issue_date, issue_before_birth, id_century_mismatch,
// id_birth_year_mismatch, id_sex_mismatch.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/scan/ScanProblem.h"

namespace kiosk::scan {

enum class Sex { unknown, male, female };
std::string_view sexName(Sex sex);  // "Nam", "Nữ" or ""

struct CivilDate {
    int year = 0;
    int month = 0;
    int day = 0;

    std::string iso() const;  // YYYY-MM-DD
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A real calendar date given as ddmmyyyy (exactly 8 digits), within [minYear, maxYear].
std::optional<CivilDate> parseDdMmYyyy(std::string_view text, int minYear = 1900, int maxYear = 2399);

struct CccdCard {
    std::string id;     // 12 digits: province (3), century+sex (1), birth year (2), serial (6)
    std::string oldId;  // old 9-digit CMND number, often empty
    std::string name;
    std::optional<CivilDate> birthDate;
    Sex sex = Sex::unknown;
    std::string address;
    std::optional<CivilDate> issueDate;
};

// 12 digits then '|': how a CCCD QR starts.
bool looksLikeCccd(std::string_view text);
Checked<CccdCard> parseCccd(std::string_view text);

// Masking: what the kiosk shows by default.
inline constexpr std::string_view kMaskedDate = "****-**-**";
inline constexpr std::string_view kMaskedText = "***";
// All but the last `keepLast` characters become '*': "001090012345" -> "********2345".
std::string maskDigits(std::string_view digits, std::size_t keepLast = 4);
// First letter of each word: "Trần Thị Mẫu" -> "T. T. M."
std::string nameInitials(std::string_view name);
// The card as one masked line (the old ID fully masked, only the new ID's last 4 digits shown) in the QR's
// own layout, for places that print the decoded text.
std::string maskedCccdText(const CccdCard& card);

}  // namespace kiosk::scan
