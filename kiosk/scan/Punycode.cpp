#include "kiosk/scan/Punycode.h"

#include <cstdint>
#include <limits>

#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

// RFC 3492 section 5: parameter values for Punycode.
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 0x80;
constexpr std::uint32_t kMaxInt = std::numeric_limits<std::uint32_t>::max();

// Section 6.1.
std::uint32_t adapt(std::uint32_t delta, std::uint32_t numPoints, bool firstTime) {
    delta = firstTime ? delta / kDamp : delta / 2;
    delta += delta / numPoints;
    std::uint32_t k = 0;
    while (delta > ((kBase - kTMin) * kTMax) / 2) {
        delta /= kBase - kTMin;
        k += kBase;
    }
    return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

std::optional<std::uint32_t> digitValue(char c) {
    if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0' + 26);
    if (c >= 'A' && c <= 'Z') return static_cast<std::uint32_t>(c - 'A');
    if (c >= 'a' && c <= 'z') return static_cast<std::uint32_t>(c - 'a');
    return std::nullopt;
}

}  // namespace

// Section 6.2, the decoding procedure, with its overflow checks.
std::optional<std::u32string> decodePunycode(std::string_view encoded) {
    std::u32string output;
    std::uint32_t n = kInitialN;
    std::uint32_t i = 0;
    std::uint32_t bias = kInitialBias;

    // Basic code points are everything before the last delimiter.
    const std::size_t delimiter = encoded.rfind('-');
    std::size_t in = 0;
    if (delimiter != std::string_view::npos) {
        for (std::size_t j = 0; j < delimiter; ++j) {
            const auto c = static_cast<unsigned char>(encoded[j]);
            if (c >= 0x80) return std::nullopt;
            output.push_back(c);
        }
        in = delimiter + 1;
    }

    while (in < encoded.size()) {
        const std::uint32_t oldi = i;
        std::uint32_t w = 1;
        for (std::uint32_t k = kBase;; k += kBase) {
            if (in >= encoded.size()) return std::nullopt;
            const auto digit = digitValue(encoded[in++]);
            if (!digit) return std::nullopt;
            if (*digit > (kMaxInt - i) / w) return std::nullopt;
            i += *digit * w;
            const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
            if (*digit < t) break;
            if (w > kMaxInt / (kBase - t)) return std::nullopt;
            w *= kBase - t;
        }
        const auto length = static_cast<std::uint32_t>(output.size() + 1);
        bias = adapt(i - oldi, length, oldi == 0);
        if (i / length > kMaxInt - n) return std::nullopt;
        n += i / length;
        i %= length;
        if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) || n < 0x80) return std::nullopt;
        output.insert(output.begin() + static_cast<std::ptrdiff_t>(i), static_cast<char32_t>(n));
        ++i;
    }
    return output;
}

std::optional<std::string> decodeIdnaLabel(std::string_view label) {
    const bool ace = label.size() >= 4 && (label[0] == 'x' || label[0] == 'X') &&
                     (label[1] == 'n' || label[1] == 'N') && label[2] == '-' && label[3] == '-';
    if (!ace) return toValidUtf8(label);
    if (label.size() > 63) return std::nullopt;  // DNS label limit; also keeps decoding cheap
    const auto decoded = decodePunycode(label.substr(4));
    if (!decoded || decoded->empty()) return std::nullopt;
    std::string out;
    for (const char32_t c : *decoded)
        appendUtf8(out, c);
    return out;
}

}  // namespace kiosk::scan
