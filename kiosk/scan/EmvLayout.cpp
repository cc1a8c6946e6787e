#include "kiosk/scan/EmvLayout.h"

#include <algorithm>

#include "kiosk/scan/Crc16.h"
#include "kiosk/scan/PlainText.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

bool isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

bool isAscii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

EmvLayout readWith(std::string_view text, LengthUnit unit) {
    EmvLayout layout;
    layout.unit = unit;
    layout.top = parseTlv(text, unit, "");
    if (layout.top.problem) layout.problems.push_back(*layout.top.problem);
    for (const TlvField& field : layout.top.fields) {
        if (!isEmvTemplateId(field.id)) continue;
        TlvList inner = parseTlv(field.value, unit, field.id);
        if (inner.problem) layout.problems.push_back(*inner.problem);
        layout.templates.emplace(std::string(field.id), std::move(inner));
    }
    return layout;
}

}  // namespace

const TlvList* EmvLayout::find(std::string_view name) const {
    const auto it = templates.find(name);
    return it == templates.end() ? nullptr : &it->second;
}

bool isEmvTemplateId(std::string_view id) {
    const int n = (id[0] - '0') * 10 + (id[1] - '0');
    return (n >= 26 && n <= 51) || n == 62 || n == 64;
}

CrcCheck checkEmvCrc(std::string_view text) {
    CrcCheck check;
    if (text.size() < 8 || text.substr(text.size() - 8, 4) != "6304") return check;
    const std::string_view written = text.substr(text.size() - 4);
    if (!std::all_of(written.begin(), written.end(), isHexDigit)) {
        check.state = CrcState::badFormat;
        return check;
    }
    check.written = std::string(written);
    check.computed = crc16Hex(crc16CcittFalse(text.substr(0, text.size() - 4)));
    check.lowercase = asciiUpper(written) != written;
    check.state = asciiUpper(written) == check.computed ? CrcState::intact : CrcState::mismatch;
    return check;
}

EmvLayout readEmvLayout(std::string_view text, const CrcCheck& crc) {
    EmvLayout layout = readWith(text, LengthUnit::codePoints);
    if (!layout.problems.empty() && crc.state == CrcState::intact && isValidUtf8(text) && !isAscii(text)) {
        EmvLayout inBytes = readWith(text, LengthUnit::bytes);
        if (inBytes.problems.empty()) return inBytes;
    }
    return layout;
}

std::vector<ScanProblem> crcProblems(const CrcCheck& crc, const EmvLayout& layout) {
    const auto& fields = layout.top.fields;
    // A well-formed list whose last field is not 63 hides the "6304...." we checked inside some
    // other field's value.
    if (crc.state != CrcState::absent && layout.problems.empty() &&
        (fields.empty() || fields.back().id != "63")) {
        return {{"crc_not_last", Severity::error, "the checksum (field 63) must be the last field"}};
    }
    switch (crc.state) {
        case CrcState::intact:
            if (crc.lowercase)
                return {{"crc_lowercase", Severity::warning,
                         "the checksum is written in lower case; EMVCo asks for upper case"}};
            return {};
        case CrcState::mismatch:
            return {{"crc_mismatch", Severity::error,
                     "the checksum does not match (written " + crc.written + ", computed " + crc.computed +
                         "): the code is damaged or was altered"}};
        case CrcState::badFormat:
            return {{"bad_crc_format", Severity::error, "the checksum must be 4 hexadecimal digits"}};
        case CrcState::absent: break;
    }
    const auto crcField =
        std::find_if(fields.begin(), fields.end(), [](const TlvField& f) { return f.id == "63"; });
    if (crcField == fields.end())
        return {{"missing_crc", Severity::error,
                 "the checksum (field 63) is missing: the code may be cut off or incomplete"}};
    if (crcField + 1 != fields.end() || layout.top.problem)  // fields or bytes after it
        return {{"crc_not_last", Severity::error, "the checksum (field 63) must be the last field"}};
    return {{"bad_crc_format", Severity::error, "the checksum must be 4 hexadecimal digits"}};
}

std::string asciiUpper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
    return out;
}

EmvLayout readCheckedLayout(std::string_view text, std::vector<ScanProblem>& problems) {
    if (!isValidUtf8(text))
        problems.push_back(
            {"invalid_utf8", Severity::error, "the code contains bytes that are not valid UTF-8 text"});
    const CrcCheck crc = checkEmvCrc(text);
    EmvLayout layout = readEmvLayout(text, crc);
    layout.crc = crc;
    if (layout.unit == LengthUnit::bytes) {
        problems.push_back(
            {"length_in_bytes", Severity::warning,
             "field lengths are counted in UTF-8 bytes instead of characters; accepted because "
             "the checksum matches"});
    }
    problems.insert(problems.end(), layout.problems.begin(), layout.problems.end());
    for (ScanProblem& problem : crcProblems(crc, layout))
        problems.push_back(std::move(problem));
    const auto& top = layout.top.fields;
    if (top.empty() || top.front().id != "00" || top.front().value != "01") {
        problems.push_back({"bad_format_indicator", Severity::error,
                            "the code must start with the EMVCo payload format indicator 000201"});
    }
    return layout;
}

std::string_view fieldValue(const TlvList* list, std::string_view id) {
    if (list == nullptr) return {};
    const TlvField* field = list->find(id);
    return field == nullptr ? std::string_view() : field->value;
}

bool surelyAbsent(const TlvList* list, std::string_view id) {
    return list != nullptr && !list->problem && list->find(id) == nullptr;
}

std::string displayText(std::string_view raw, std::string_view field, std::vector<ScanProblem>& problems) {
    CleanText clean = sanitizeText(raw, TextLimits{.maxCodePoints = 99, .keepLineBreaks = false});
    if (clean.removedTotal() > 0) {
        problems.push_back({"hidden_characters", Severity::warning,
                            "field " + std::string(field) + " contained " +
                                std::to_string(clean.removedTotal()) +
                                " control or invisible character(s); they were removed"});
    }
    return std::move(clean.text);
}

EmvScheme accountScheme(const EmvLayout& layout) {
    bool other = false;
    for (const TlvField& field : layout.top.fields) {
        const int n = (field.id[0] - '0') * 10 + (field.id[1] - '0');
        if (n < 26 || n > 51) continue;
        const TlvList* account = layout.find(field.id);
        const TlvField* guid = account ? account->find("00") : nullptr;
        if (guid == nullptr || guid->value.empty()) continue;
        if (asciiUpper(guid->value) == kNapasGuid) return EmvScheme::napas;
        other = true;
    }
    return other ? EmvScheme::other : EmvScheme::none;
}

}  // namespace kiosk::scan
