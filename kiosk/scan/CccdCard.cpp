#include "kiosk/scan/CccdCard.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

bool isDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int digitsValue(std::string_view s) {
    int value = 0;
    for (const char c : s)
        value = value * 10 + (c - '0');
    return value;
}

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Province codes of the 63 provinces and cities (Circular 07/2016/TT-BCA); IDs keep them after
// the 2025 merger of provinces, so the list does not need to change.
constexpr std::array<int, 63> kProvinceCodes = {
    1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
    34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66,
    67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};

std::vector<std::string_view> splitFields(std::string_view text) {
    std::vector<std::string_view> fields;
    while (true) {
        const std::size_t bar = text.find('|');
        fields.push_back(text.substr(0, bar));
        if (bar == std::string_view::npos) break;
        text.remove_prefix(bar + 1);
    }
    return fields;
}

std::optional<Sex> parseSex(std::string_view text) {
    if (text == "Nam" || text == "NAM" || text == "nam") return Sex::male;
    // "Nữ" precomposed (U+1EEF / U+1EEE) or decomposed (u + U+031B horn + U+0303 tilde).
    if (text == "N\u1EEF" || text == "N\u1EEE" || text == "n\u1EEF" || text == "Nu\u031B\u0303" ||
        text == "NU\u031B\u0303") {
        return Sex::female;
    }
    return std::nullopt;
}

std::string cleanField(Checked<CccdCard>& result, std::string_view raw, std::string_view what) {
    CleanText clean = sanitizeText(raw, TextLimits{.maxCodePoints = 200, .keepLineBreaks = false});
    if (clean.removedTotal() > 0) {
        result.add("hidden_characters", Severity::warning,
                   std::string(what) + " contained " + std::to_string(clean.removedTotal()) +
                       " control or invisible character(s); they were removed");
    }
    // Trim spaces left around removed characters.
    std::string& s = clean.text;
    const std::size_t first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

void checkIdAgainstCard(Checked<CccdCard>& result) {
    const CccdCard& card = result.value;
    const int province = digitsValue(std::string_view(card.id).substr(0, 3));
    if (std::find(kProvinceCodes.begin(), kProvinceCodes.end(), province) == kProvinceCodes.end()) {
        result.add("unknown_province_code", Severity::warning,
                   "the first 3 digits of the ID are not a known province code");
    }
    // Digit 4: century and sex. 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, ...
    const int centuryDigit = card.id[3] - '0';
    const int century = 1900 + (centuryDigit / 2) * 100;
    const Sex idSex = centuryDigit % 2 == 0 ? Sex::male : Sex::female;
    const int idYear = digitsValue(std::string_view(card.id).substr(4, 2));
    if (card.birthDate) {
        if (card.birthDate->year / 100 * 100 != century) {
            result.add("id_century_mismatch", Severity::error,
                       "the ID's century digit does not match the century of the date of birth");
        }
        if (card.birthDate->year % 100 != idYear) {
            result.add("id_birth_year_mismatch", Severity::error,
                       "the ID's birth-year digits do not match the date of birth");
        }
    }
    if (card.sex != Sex::unknown && card.sex != idSex) {
        result.add("id_sex_mismatch", Severity::error,
                   "the ID's sex digit does not match the sex on the card");
    }
}

}  // namespace

std::string_view sexName(Sex sex) {
    switch (sex) {
        case Sex::male:
            return "Nam";
        case Sex::female:
            return "N\u1EEF";
        case Sex::unknown:
            break;
    }
    return "";
}

std::string CivilDate::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
    return buffer;
}

std::optional<CivilDate> parseDdMmYyyy(std::string_view text, int minYear, int maxYear) {
    if (text.size() != 8 || !isDigits(text)) return std::nullopt;
    const CivilDate date{digitsValue(text.substr(4, 4)), digitsValue(text.substr(2, 2)),
                         digitsValue(text.substr(0, 2))};
    if (date.year < minYear || date.year > maxYear || date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > daysInMonth(date.year, date.month)) {
        return std::nullopt;
    }
    return date;
}

bool looksLikeCccd(std::string_view text) {
    return text.size() > 12 && isDigits(text.substr(0, 12)) && text[12] == '|';
}

Checked<CccdCard> parseCccd(std::string_view text) {
    Checked<CccdCard> result;
    CccdCard& card = result.value;
    // Scanners in keyboard mode often add a line break at the end.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    if (!isValidUtf8(text)) {
        result.add("invalid_utf8", Severity::error, "the code contains bytes that are not valid UTF-8 text");
    }
    const std::vector<std::string_view> fields = splitFields(text);
    if (fields.size() < 7) {
        result.add(
            "too_few_fields", Severity::error,
            "a CCCD code has 7 fields separated by '|' but this one has " + std::to_string(fields.size()));
    }
    auto field = [&](std::size_t i) { return i < fields.size() ? fields[i] : std::string_view(); };

    const std::string_view id = field(0);
    if (id.size() == 12 && isDigits(id)) {
        card.id = std::string(id);
    } else {
        result.add("bad_id", Severity::error, "the ID number must be exactly 12 digits");
    }

    const std::string_view oldId = field(1);
    if (oldId.empty() || ((oldId.size() == 9 || oldId.size() == 12) && isDigits(oldId))) {
        card.oldId = std::string(oldId);
    } else if (fields.size() > 1) {
        result.add("bad_old_id", Severity::warning, "the old ID number should be 9 digits; it was ignored");
    }

    if (fields.size() > 2) {
        card.name = cleanField(result, field(2), "the name");
        if (card.name.empty()) result.add("missing_name", Severity::error, "the name is empty");
    }

    if (fields.size() > 3) {
        card.birthDate = parseDdMmYyyy(field(3));
        if (!card.birthDate) {
            result.add("bad_birth_date", Severity::error,
                       "the date of birth is not a real date in ddmmyyyy form");
        }
    }

    if (fields.size() > 4) {
        if (const auto sex = parseSex(field(4))) {
            card.sex = *sex;
        } else {
            result.add("bad_sex", Severity::error, "the sex must be \"Nam\" or \"N\u1EEF\"");
        }
    }

    if (fields.size() > 5) {
        card.address = cleanField(result, field(5), "the address");
        if (card.address.empty()) result.add("missing_address", Severity::warning, "the address is empty");
    }

    if (fields.size() > 6) {
        card.issueDate = parseDdMmYyyy(field(6));
        if (!card.issueDate) {
            result.add("bad_issue_date", Severity::error,
                       "the issue date is not a real date in ddmmyyyy form");
        } else if (card.birthDate && *card.issueDate < *card.birthDate) {
            result.add("issue_before_birth", Severity::error, "the issue date is before the date of birth");
        }
    }

    if (!card.id.empty()) checkIdAgainstCard(result);
    return result;
}

std::string maskDigits(std::string_view digits, std::size_t keepLast) {
    const std::size_t length = countCodePoints(digits);
    if (length == 0) return {};
    const std::size_t keep = std::min(keepLast, length);
    std::string out(length - keep, '*');
    const std::size_t tailBytes = digits.size() - *bytesForCodePoints(digits, length - keep);
    out += toValidUtf8(digits.substr(digits.size() - tailBytes));
    return out;
}

std::string nameInitials(std::string_view name) {
    std::string out;
    while (!name.empty()) {
        const std::size_t start = name.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        name.remove_prefix(start);
        const Utf8Step first = decodeUtf8Step(name);
        if (!out.empty()) out += ' ';
        appendUtf8(out, first.valid ? first.codePoint : kReplacementCharacter);
        out += '.';
        name.remove_prefix(std::min(name.find(' '), name.size()));
    }
    return out;
}

std::string maskedCccdText(const CccdCard& card) {
    std::string out = maskDigits(card.id);
    out += '|';
    out += maskDigits(card.oldId, 0);
    out += '|';
    out += nameInitials(card.name);
    out += '|';
    out += card.birthDate ? "********" : "";
    out += '|';
    out += card.sex == Sex::unknown ? "" : kMaskedText;
    out += '|';
    out += card.address.empty() ? "" : kMaskedText;
    out += '|';
    out += card.issueDate ? "********" : "";
    return out;
}

}  // namespace kiosk::scan
