#include "kiosk/helplog/Sodium.h"

#include <sodium.h>

namespace kiosk::helplog {

Status ensureSodium() {
    // sodium_init is itself thread-safe and returns 1 when already initialised.
    static const int state = sodium_init();
    if (state < 0) {
        return Error{"helplog.crypto_unavailable",
                     "the cryptography library could not start (no random source?); restart the kiosk, "
                     "and if it persists ask the technician to check the system"};
    }
    return success();
}

}  // namespace kiosk::helplog
