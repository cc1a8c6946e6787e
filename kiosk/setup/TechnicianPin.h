// The technician's PIN, which opens the diagnostics screen: an Argon2id hash over PIN + pepper
// (helplog/PinHash.h), kept in the kiosk database's kiosk_meta table under
// 'technician_pin_hash'. Never the PIN itself, never logged. Each call runs one Argon2id
// (~100 ms): call off the UI thread.
#pragma once

#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/PinHash.h"
#include "kiosk/store/Database.h"

namespace kiosk::setup {

inline constexpr std::string_view kTechnicianPinKey = "technician_pin_hash";

// Checks the PIN rules, hashes and replaces the stored hash. Errors: helplog.pin_format,
// helplog.weak_pin, helplog.hash_failed, store.*.
Status storeTechnicianPin(store::Database& database, std::string_view pin, const helplog::Pepper& pepper,
                          const helplog::PinHashCost& cost = helplog::PinHashCost::interactive());

enum class TechnicianPinCheck { Matches, Wrong, NotSet };
Result<TechnicianPinCheck> checkTechnicianPin(store::Database& database, std::string_view pin,
                                              const helplog::Pepper& pepper);

}  // namespace kiosk::setup
