#include "kiosk/scan/Tlv.h"

#include <algorithm>
#include <bitset>

#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

bool isTwoDigits(std::string_view s) {
    return s.size() == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

std::string fieldName(std::string_view where, std::string_view id) {
    std::string name(where);
    if (!name.empty()) name += '.';
    name += id;
    return name;
}

}  // namespace

const TlvField* TlvList::find(std::string_view id) const {
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const TlvField& f) { return f.id == id; });
    return it == fields.end() ? nullptr : &*it;
}

TlvList parseTlv(std::string_view data, LengthUnit unit, std::string_view where) {
    TlvList list;
    const std::string inside = where.empty() ? std::string() : " inside field " + std::string(where);
    std::bitset<100> seen;  // ids are two digits; a set keeps huge inputs linear
    std::size_t pos = 0;
    while (pos < data.size()) {
        if (data.size() - pos < 4) {
            list.problem = ScanProblem{
                "length_overrun", Severity::error,
                "the data ends in the middle of a field header" + inside + " (the code may be cut off)"};
            return list;
        }
        const std::string_view id = data.substr(pos, 2);
        const std::string_view lengthText = data.substr(pos + 2, 2);
        if (!isTwoDigits(id) || !isTwoDigits(lengthText)) {
            list.problem = ScanProblem{
                "malformed_tlv", Severity::error,
                "expected a 2-digit field id and length" + inside + " at position " + std::to_string(pos)};
            return list;
        }
        const std::size_t length =
            static_cast<std::size_t>((lengthText[0] - '0') * 10 + (lengthText[1] - '0'));
        const std::string_view rest = data.substr(pos + 4);
        std::optional<std::size_t> valueBytes;
        if (unit == LengthUnit::bytes) {
            if (length <= rest.size()) valueBytes = length;
        } else {
            valueBytes = bytesForCodePoints(rest, length);
        }
        if (!valueBytes) {
            list.problem = ScanProblem{"length_overrun", Severity::error,
                                       "field " + fieldName(where, id) + " says its value is " +
                                           std::to_string(length) + " long but the data ends before that"};
            return list;
        }
        if (unit == LengthUnit::bytes && *valueBytes < rest.size() && isContinuationByte(rest[*valueBytes])) {
            list.problem = ScanProblem{"malformed_tlv", Severity::error,
                                       "field " + fieldName(where, id) + " ends inside a character"};
            return list;
        }
        const auto idNumber = static_cast<std::size_t>((id[0] - '0') * 10 + (id[1] - '0'));
        if (seen.test(idNumber)) {
            list.problem = ScanProblem{"duplicate_field", Severity::error,
                                       "field " + fieldName(where, id) + " appears twice"};
            return list;
        }
        seen.set(idNumber);
        list.fields.push_back({id, rest.substr(0, *valueBytes)});
        pos += 4 + *valueBytes;
    }
    return list;
}

bool appendTlv(std::string& out, std::string_view id, std::string_view value, LengthUnit unit) {
    const std::size_t length = unit == LengthUnit::bytes ? value.size() : countCodePoints(value);
    if (length > 99 || !isTwoDigits(id)) return false;
    out.append(id);
    out.push_back(static_cast<char>('0' + length / 10));
    out.push_back(static_cast<char>('0' + length % 10));
    out.append(value);
    return true;
}

}  // namespace kiosk::scan
