// libsodium must be initialised once before use; this does it on first call (thread-safe).
// Internal to kiosk/helplog: never include <sodium.h> from a header.
#pragma once

#include "kiosk/Result.h"

namespace kiosk::helplog {

// Error helplog.crypto_unavailable when libsodium cannot start (no entropy source).
Status ensureSodium();

}  // namespace kiosk::helplog
