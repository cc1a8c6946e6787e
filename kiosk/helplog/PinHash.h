// Volunteer PINs: the rules a new PIN must pass, and Argon2id hashing with the kiosk's pepper.
// A 6-digit PIN has only a million values, so the hash alone cannot protect it: the pepper (a
// file outside the database) does, and Argon2id makes each guess cost real time and memory.
// Never log a PIN, and never keep one longer than the call that checks it.
//
// With the interactive cost one hash or check takes ~100 ms on the 2-core build VM (more on a
// cheap ARM board), so call these off the UI thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/helplog/Pepper.h"

namespace kiosk::helplog {

inline constexpr std::size_t kPinLength = 6;

// Argon2id cost: libsodium's opslimit (passes) and memlimit (bytes).
struct PinHashCost {
    unsigned long long opsLimit = 0;
    std::size_t memLimit = 0;

    // OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): what the kiosk uses.
    static PinHashCost interactive();
    // The smallest libsodium accepts (1 pass, 8 KiB): for tests only, never for stored PINs.
    static PinHashCost cheapestForTests();
};

// helplog.pin_format (not exactly 6 digits) or helplog.weak_pin (one digit repeated, a straight
// run like 123456 or 987654, a repeated pair or triple like 121212 or 123123, or one of the
// most-chosen PINs like 112233). The messages never repeat the PIN.
Status checkPinRules(std::string_view pin);

// The crypto_pwhash_str string ("$argon2id$v=19$m=...") over PIN + pepper, with a random salt.
// Does not apply checkPinRules. Errors: helplog.crypto_unavailable, helplog.hash_failed.
Result<std::string> hashPin(std::string_view pin, const Pepper& pepper, const PinHashCost& cost);

// Whether `pin` with `pepper` gives `storedHash`, in time that does not depend on where it differs.
bool pinMatches(std::string_view storedHash, std::string_view pin, const Pepper& pepper);

// Whether `storedHash` was made with a cost other than `cost`, so it should be made again.
bool pinHashNeedsRehash(std::string_view storedHash, const PinHashCost& cost);

}  // namespace kiosk::helplog
