// The technician's PIN, which opens the diagnostics screen: an Argon2id hash over PIN + pepper
// (helplog/PinHash.h), kept in the kiosk database's kiosk_meta table under
// 'technician_pin_hash'. Never the PIN itself, never logged. Each call runs one Argon2id
// (~100 ms): call off the UI thread.
#pragma once

#include <chrono>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/PinHash.h"
#include "kiosk/helplog/PinLockout.h"
#include "kiosk/store/Database.h"

namespace kiosk::setup {

inline constexpr std::string_view kTechnicianPinKey = "technician_pin_hash";

// Checks the PIN rules, hashes and replaces the stored hash. Errors: helplog.pin_format,
// helplog.weak_pin, helplog.hash_failed, store.*.
Status storeTechnicianPin(store::Database& database, std::string_view pin, const helplog::Pepper& pepper,
                          const helplog::PinHashCost& cost = helplog::PinHashCost::interactive());

inline constexpr int kTechnicianMaxWrongPins = 5;
inline constexpr std::chrono::minutes kTechnicianLockFor{15};

// 5 wrong PINs in a row lock the screen for 15 minutes of elapsed time (the volunteers' rule,
// helplog/PinLockout.h); the count and the lock are in kiosk_meta, so restarting the kiosk does
// not give a guesser fresh tries, and correcting a clock that ran ahead does not keep it locked.
// While locked no PIN is even checked. Wrong PINs also count towards the pause all of this
// kiosk's PIN pads share (helplog/KioskPinPause.h): Paused, with what is left of it.
// Errors: store.*.
enum class TechnicianPinCheck { Matches, Wrong, Locked, NotSet, Paused };
struct TechnicianPinResult {
    TechnicianPinCheck check = TechnicianPinCheck::NotSet;
    int attemptsLeft = kTechnicianMaxWrongPins;  // after a wrong PIN
    std::chrono::milliseconds lockedFor{0};      // what is left of the lock when Locked or Paused
};
Result<TechnicianPinResult> checkTechnicianPin(
    store::Database& database, std::string_view pin, const helplog::Pepper& pepper,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace kiosk::setup
