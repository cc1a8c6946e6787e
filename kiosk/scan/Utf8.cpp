#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {

Utf8Step decodeUtf8Step(std::string_view bytes) {
    Utf8Step step;
    if (bytes.empty()) {
        step.length = 0;
        return step;
    }
    const auto lead = static_cast<unsigned char>(bytes[0]);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        codePoint = lead & 0x1Fu;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        codePoint = lead & 0x0Fu;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        codePoint = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return step;  // continuation byte or a lead byte that can never start valid UTF-8
    }
    // A truncated or broken sequence consumes only the bytes that were plausible continuations,
    // so the next valid character after it is still seen (the WHATWG "maximal subpart" rule).
    std::size_t used = 1;
    for (; used < length; ++used) {
        if (used >= bytes.size()) {
            step.length = used;
            return step;
        }
        const auto next = static_cast<unsigned char>(bytes[used]);
        if ((next & 0xC0u) != 0x80u) {
            step.length = used;
            return step;
        }
        codePoint = (codePoint << 6) | (next & 0x3Fu);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        step.length = length;
        return step;
    }
    return {codePoint, length, true};
}

bool isValidUtf8(std::string_view bytes) {
    while (!bytes.empty()) {
        const Utf8Step step = decodeUtf8Step(bytes);
        if (!step.valid) {
            return false;
        }
        bytes.remove_prefix(step.length);
    }
    return true;
}

std::size_t countCodePoints(std::string_view bytes) {
    std::size_t count = 0;
    while (!bytes.empty()) {
        bytes.remove_prefix(decodeUtf8Step(bytes).length);
        ++count;
    }
    return count;
}

std::optional<std::size_t> bytesForCodePoints(std::string_view bytes, std::size_t codePoints) {
    std::size_t used = 0;
    for (std::size_t i = 0; i < codePoints; ++i) {
        if (used >= bytes.size()) {
            return std::nullopt;
        }
        used += decodeUtf8Step(bytes.substr(used)).length;
    }
    return used;
}

void appendUtf8(std::string& out, char32_t codePoint) {
    if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        codePoint = kReplacementCharacter;
    }
    if (codePoint < 0x80) {
        out.push_back(static_cast<char>(codePoint));
    } else if (codePoint < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (codePoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else if (codePoint < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (codePoint >> 12)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (codePoint >> 18)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    }
}

std::string toValidUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    while (!bytes.empty()) {
        const Utf8Step step = decodeUtf8Step(bytes);
        if (step.valid) {
            out.append(bytes.substr(0, step.length));
        } else {
            appendUtf8(out, kReplacementCharacter);
        }
        bytes.remove_prefix(step.length);
    }
    return out;
}

}  // namespace kiosk::scan
