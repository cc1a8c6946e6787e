#include "kiosk/helplog/PinHash.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>

#include "kiosk/helplog/Sodium.h"

namespace kiosk::helplog {

PinHashCost PinHashCost::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PinHashCost PinHashCost::cheapestForTests() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

namespace {

bool allDigits(std::string_view text) {
    return std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// Each digit is the previous plus `step` (0: all the same, 1: 123456, -1: 987654).
bool isRun(std::string_view pin, int step) {
    for (std::size_t i = 1; i < pin.size(); ++i) {
        if (pin[i] - pin[i - 1] != step) return false;
    }
    return true;
}

// Repeats its first `period` digits: 121212 (2), 123123 (3).
bool repeatsEvery(std::string_view pin, std::size_t period) {
    for (std::size_t i = period; i < pin.size(); ++i) {
        if (pin[i] != pin[i - period]) return false;
    }
    return true;
}

// Among the most chosen 6-digit PINs in published leaked-PIN studies that the rules above miss:
// mirrored and keypad patterns.
bool isCommonPin(std::string_view pin) {
    static const std::set<std::string_view> kCommon = {
        "112233", "123321", "654456", "147258", "258369", "159753", "753951", "159357",
        "147852", "789456", "456123", "102030", "121314", "110011", "123654", "369258",
    };
    return kCommon.contains(pin);
}

// PIN + pepper, the input of Argon2id. The PIN has a fixed length, so the join is unambiguous.
struct PepperedPin {
    std::array<unsigned char, kPinLength + kPepperSize> bytes{};
    PepperedPin(std::string_view pin, const Pepper& pepper) {
        std::copy(pin.begin(), pin.end(), bytes.begin());
        std::ranges::copy(pepper.bytes(), bytes.begin() + kPinLength);
    }
    ~PepperedPin() { sodium_memzero(bytes.data(), bytes.size()); }
    const char* data() const { return reinterpret_cast<const char*>(bytes.data()); }
};

}  // namespace

Status checkPinRules(std::string_view pin) {
    if (pin.size() != kPinLength || !allDigits(pin)) {
        return Error{"helplog.pin_format", "the PIN must be exactly 6 digits (0-9); enter it again"};
    }
    if (isRun(pin, 0) || isRun(pin, 1) || isRun(pin, -1) || repeatsEvery(pin, 2) || repeatsEvery(pin, 3) ||
        isCommonPin(pin)) {
        return Error{"helplog.weak_pin",
                     "this PIN is too easy to guess (one digit repeated, digits counting up or down, "
                     "or a common pattern); choose 6 digits without a pattern"};
    }
    return success();
}

Result<std::string> hashPin(std::string_view pin, const Pepper& pepper, const PinHashCost& cost) {
    if (pin.size() != kPinLength) {
        return Error{"helplog.pin_format", "the PIN must be exactly 6 digits (0-9); enter it again"};
    }
    if (Status ready = ensureSodium(); !ready) return ready.error();
    const PepperedPin input(pin, pepper);
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), input.data(), input.bytes.size(), cost.opsLimit, cost.memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Error{"helplog.hash_failed",
                     "there was not enough memory to protect the PIN; close other programs or restart "
                     "the kiosk, then set the PIN again"};
    }
    return std::string(out.data());
}

bool pinMatches(std::string_view storedHash, std::string_view pin, const Pepper& pepper) {
    if (pin.size() != kPinLength || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
    if (!ensureSodium()) return false;
    std::array<char, crypto_pwhash_STRBYTES> stored{};  // zero-terminated copy
    std::ranges::copy(storedHash, stored.begin());
    const PepperedPin input(pin, pepper);
    return crypto_pwhash_str_verify(stored.data(), input.data(), input.bytes.size()) == 0;
}

bool pinHashNeedsRehash(std::string_view storedHash, const PinHashCost& cost) {
    if (storedHash.size() >= crypto_pwhash_STRBYTES) return true;
    std::array<char, crypto_pwhash_STRBYTES> stored{};
    std::ranges::copy(storedHash, stored.begin());
    return crypto_pwhash_str_needs_rehash(stored.data(), cost.opsLimit, cost.memLimit) != 0;
}

}  // namespace kiosk::helplog
