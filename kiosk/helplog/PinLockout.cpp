#include "kiosk/helplog/PinLockout.h"

#include <algorithm>

namespace kiosk::helplog {

bool PinLockout::advance(std::int64_t nowMs, std::chrono::milliseconds lockFor) {
    if (!seenAtMs) return false;
    // Only forward movement counts; a step back just moves the reading.
    if (nowMs > *seenAtMs) *elapsedMs += nowMs - *seenAtMs;
    const bool moved = nowMs != *seenAtMs;
    seenAtMs = nowMs;
    if (*elapsedMs >= lockFor.count()) {
        elapsedMs.reset();
        seenAtMs.reset();
        failures = 0;
        return true;
    }
    return moved;
}

std::optional<std::chrono::milliseconds> PinLockout::remaining(std::chrono::milliseconds lockFor) const {
    if (!seenAtMs) return std::nullopt;
    return std::chrono::milliseconds(std::max<std::int64_t>(0, lockFor.count() - elapsedMs.value_or(0)));
}

bool PinLockout::countFailure(std::int64_t nowMs, int maxFailures) {
    ++failures;
    if (failures < std::max(1, maxFailures)) return false;
    elapsedMs = 0;
    seenAtMs = nowMs;
    return true;
}

int PinLockout::attemptsLeft(int maxFailures) const {
    return std::max(1, maxFailures - failures);
}

}  // namespace kiosk::helplog
