#include "kiosk/setup/TechnicianPin.h"

#include "kiosk/helplog/KioskPinPause.h"

namespace kiosk::setup {

Status storeTechnicianPin(store::Database& database, std::string_view pin, const helplog::Pepper& pepper,
                          const helplog::PinHashCost& cost) {
    if (Status rules = helplog::checkPinRules(pin); !rules) return rules;
    auto hash = helplog::hashPin(pin, pepper, cost);
    if (!hash) return hash.error();
    return database.transaction([&] { return database.setMetaValue(kTechnicianPinKey, *hash); });
}

namespace {

constexpr std::string_view kFailuresKey = "technician_pin_failures";
constexpr std::string_view kLockElapsedKey = "technician_pin_lock_elapsed_ms";
constexpr std::string_view kLockSeenAtKey = "technician_pin_lock_seen_at_ms";

std::optional<int64_t> toNumber(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    try {
        return std::stoll(*text);
    } catch (const std::exception&) {
        return std::nullopt;  // a damaged value starts again rather than locking the technician out for good
    }
}

Result<helplog::PinLockout> readLockout(store::Database& database) {
    helplog::PinLockout lockout;
    for (const auto& [key, into] :
         {std::pair{kFailuresKey, 0}, std::pair{kLockElapsedKey, 1}, std::pair{kLockSeenAtKey, 2}}) {
        auto value = database.metaValue(key);
        if (!value) return value.error();
        const auto number = toNumber(*value);
        if (into == 0) lockout.failures = static_cast<int>(number.value_or(0));
        if (into == 1) lockout.elapsedMs = number;
        if (into == 2) lockout.seenAtMs = number;
    }
    if (lockout.elapsedMs.has_value() != lockout.seenAtMs.has_value()) {
        lockout.elapsedMs.reset();
        lockout.seenAtMs.reset();
    }
    return lockout;
}

Status writeLockout(store::Database& database, const helplog::PinLockout& lockout) {
    const auto text = [](std::optional<int64_t> value) {
        return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
    };
    if (Status saved = database.setMetaValue(kFailuresKey, std::to_string(lockout.failures)); !saved)
        return saved;
    if (Status saved = database.setMetaValue(kLockElapsedKey, text(lockout.elapsedMs)); !saved) return saved;
    return database.setMetaValue(kLockSeenAtKey, text(lockout.seenAtMs));
}

}  // namespace

Result<TechnicianPinResult> checkTechnicianPin(store::Database& database, std::string_view pin,
                                               const helplog::Pepper& pepper,
                                               std::chrono::system_clock::time_point now) {
    auto stored = database.metaValue(kTechnicianPinKey);
    if (!stored) return stored.error();
    if (!*stored) return TechnicianPinResult{};
    const int64_t nowMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    TechnicianPinResult result;
    // Phase 1: count the lock time that passed; while locked, no PIN is checked.
    Status counted = database.transaction([&]() -> Status {
        auto lockout = readLockout(database);
        if (!lockout) return lockout.error();
        if (lockout->advance(nowMs, kTechnicianLockFor)) {
            if (Status saved = writeLockout(database, *lockout); !saved) return saved;
        }
        // Counted at every attempt, like the lock, so a clock set back later cannot stretch it.
        auto paused = helplog::kioskPinPauseLeft(database, nowMs);
        if (!paused) return paused.error();
        if (auto left = lockout->remaining(kTechnicianLockFor)) {
            result = {TechnicianPinCheck::Locked, 0, *left};
        } else if (*paused) {
            result = {TechnicianPinCheck::Paused, 0, **paused};
        }
        return success();
    });
    if (!counted) return counted.error();
    if (result.check == TechnicianPinCheck::Locked || result.check == TechnicianPinCheck::Paused)
        return result;

    // Argon2id outside any transaction, so the queue is not held up while it runs.
    const bool matches = helplog::pinMatches(**stored, pin, pepper);
    Status saved = database.transaction([&]() -> Status {
        auto lockout = readLockout(database);
        if (!lockout) return lockout.error();
        if (matches) {
            lockout->succeed();
            if (Status cleared = helplog::clearKioskWrongPins(database); !cleared) return cleared;
            result = {TechnicianPinCheck::Matches, kTechnicianMaxWrongPins, {}};
            return writeLockout(database, *lockout);
        }
        auto pauseStarted = helplog::countKioskWrongPin(database, nowMs);
        if (!pauseStarted) return pauseStarted.error();
        if (lockout->countFailure(nowMs, kTechnicianMaxWrongPins)) {
            result = {TechnicianPinCheck::Locked, 0, kTechnicianLockFor};
        } else if (*pauseStarted) {
            result = {TechnicianPinCheck::Paused, 0, **pauseStarted};
        } else {
            result = {TechnicianPinCheck::Wrong, lockout->attemptsLeft(kTechnicianMaxWrongPins), {}};
        }
        return writeLockout(database, *lockout);
    });
    if (!saved) return saved.error();
    return result;
}

}  // namespace kiosk::setup
