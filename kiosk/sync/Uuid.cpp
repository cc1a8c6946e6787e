#include "kiosk/sync/Uuid.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace kiosk::sync {

Result<std::string> newUuidV4() {
    // sodium_init is thread-safe and returns 1 when already initialised.
    static const int state = sodium_init();
    if (state < 0) {
        return Error{"sync.crypto_unavailable",
                     "the random number source could not start, so no event id can be made; restart the "
                     "kiosk, and if it persists ask the technician to check the system"};
    }
    std::array<uint8_t, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // RFC 9562: version 4
    bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // variant 10xx
    constexpr std::string_view kHex = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
        text.push_back(kHex[bytes[i] >> 4]);
        text.push_back(kHex[bytes[i] & 0x0f]);
    }
    return text;
}

bool isUuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

}  // namespace kiosk::sync
