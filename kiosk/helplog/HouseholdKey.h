// The household key of DESIGN.md: lets the queue count visits of one household without storing
// its ID number. key = HMAC-SHA256(pepper, 12-digit CCCD number) in lower-case hex; lastFour is
// the most the database may keep of the number itself. Pure: no I/O, no logging; the caller
// wipes the ID number it holds. The key is stable only for one pepper, i.e. one kiosk.
//
// Usage:
//   auto household = helplog::deriveHouseholdKey(pepper.bytes(), card.number);
//   if (household) book.issue('A', priority, household->key);
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk::helplog {

struct HouseholdKey {
    std::string key;       // 64 hex characters
    std::string lastFour;  // the ID number's last 4 digits
};

// Errors: helplog.bad_id (not exactly 12 ASCII digits; the message never repeats the input),
// helplog.bad_pepper (fewer than 16 bytes), helplog.crypto_unavailable.
Result<HouseholdKey> deriveHouseholdKey(std::span<const unsigned char> pepper, std::string_view idNumber);

}  // namespace kiosk::helplog
