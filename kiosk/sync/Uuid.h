// Random (version 4) UUIDs from libsodium's CSPRNG, for event ids and batch Idempotency-Keys.
// Lower-case, 36 characters: "1b4e28ba-2fa1-4d3b-883f-0016d3cca427".
#pragma once

#include <string>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk::sync {

// Error sync.crypto_unavailable only when libsodium cannot start (no entropy source).
Result<std::string> newUuidV4();

// True for the canonical lower-case 8-4-4-4-12 form of any version.
bool isUuid(std::string_view text);

}  // namespace kiosk::sync
