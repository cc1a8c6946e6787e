#include "kiosk/helplog/HouseholdKey.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "kiosk/helplog/Sodium.h"

namespace kiosk::helplog {

Result<HouseholdKey> deriveHouseholdKey(std::span<const unsigned char> pepper, std::string_view idNumber) {
    if (idNumber.size() != 12 ||
        !std::ranges::all_of(idNumber, [](char c) { return c >= '0' && c <= '9'; })) {
        return Error{"helplog.bad_id", "the ID number must be exactly 12 digits; scan the card again"};
    }
    if (pepper.size() < 16) {
        return Error{"helplog.bad_pepper", "the household key needs the kiosk's pepper; restart the kiosk"};
    }
    if (Status ready = ensureSodium(); !ready) return ready.error();

    // The init/update/final form takes a key of any length (crypto_auth_hmacsha256 wants 32).
    crypto_auth_hmacsha256_state state;
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_init(&state, pepper.data(), pepper.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(idNumber.data()),
                                  idNumber.size());
    crypto_auth_hmacsha256_final(&state, mac.data());
    sodium_memzero(&state, sizeof state);

    std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    HouseholdKey household{std::string(hex.data(), mac.size() * 2), std::string(idNumber.substr(8))};
    sodium_memzero(mac.data(), mac.size());
    sodium_memzero(hex.data(), hex.size());
    return household;
}

}  // namespace kiosk::helplog
