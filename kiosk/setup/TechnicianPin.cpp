#include "kiosk/setup/TechnicianPin.h"

namespace kiosk::setup {

Status storeTechnicianPin(store::Database& database, std::string_view pin, const helplog::Pepper& pepper,
                          const helplog::PinHashCost& cost) {
    if (Status rules = helplog::checkPinRules(pin); !rules) return rules;
    auto hash = helplog::hashPin(pin, pepper, cost);
    if (!hash) return hash.error();
    return database.transaction([&]() -> Status {
        auto statement = database.prepare("INSERT OR REPLACE INTO kiosk_meta(key, value) VALUES(?, ?)");
        if (!statement) return statement.error();
        statement->bind(1, kTechnicianPinKey).bind(2, *hash);
        return statement->run();
    });
}

namespace {

constexpr std::string_view kFailuresKey = "technician_pin_failures";
constexpr std::string_view kLockElapsedKey = "technician_pin_lock_elapsed_ms";
constexpr std::string_view kLockSeenAtKey = "technician_pin_lock_seen_at_ms";

Result<std::optional<std::string>> readMeta(store::Database& database, std::string_view key) {
    auto statement = database.prepare("SELECT value FROM kiosk_meta WHERE key = ?");
    if (!statement) return statement.error();
    statement->bind(1, key);
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(statement->columnText(0));
}

Status writeMeta(store::Database& database, std::string_view key, const std::string& value) {
    auto statement = database.prepare("INSERT OR REPLACE INTO kiosk_meta(key, value) VALUES(?, ?)");
    if (!statement) return statement.error();
    statement->bind(1, key).bind(2, value);
    return statement->run();
}

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
        auto value = readMeta(database, key);
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
    if (Status saved = writeMeta(database, kFailuresKey, std::to_string(lockout.failures)); !saved)
        return saved;
    for (const auto& [key, value] :
         {std::pair{kLockElapsedKey, lockout.elapsedMs}, std::pair{kLockSeenAtKey, lockout.seenAtMs}}) {
        auto statement = value
                             ? database.prepare("INSERT OR REPLACE INTO kiosk_meta(key, value) VALUES(?, ?)")
                             : database.prepare("DELETE FROM kiosk_meta WHERE key = ?");
        if (!statement) return statement.error();
        statement->bind(1, key);
        if (value) statement->bind(2, std::to_string(*value));
        if (Status saved = statement->run(); !saved) return saved;
    }
    return success();
}

}  // namespace

Result<TechnicianPinResult> checkTechnicianPin(store::Database& database, std::string_view pin,
                                               const helplog::Pepper& pepper,
                                               std::chrono::system_clock::time_point now) {
    auto stored = readMeta(database, kTechnicianPinKey);
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
        if (auto left = lockout->remaining(kTechnicianLockFor)) {
            result = {TechnicianPinCheck::Locked, 0, *left};
        }
        return success();
    });
    if (!counted) return counted.error();
    if (result.check == TechnicianPinCheck::Locked) return result;

    // Argon2id outside any transaction, so the queue is not held up while it runs.
    const bool matches = helplog::pinMatches(**stored, pin, pepper);
    Status saved = database.transaction([&]() -> Status {
        auto lockout = readLockout(database);
        if (!lockout) return lockout.error();
        if (matches) {
            lockout->succeed();
            result = {TechnicianPinCheck::Matches, kTechnicianMaxWrongPins, {}};
        } else if (lockout->countFailure(nowMs, kTechnicianMaxWrongPins)) {
            result = {TechnicianPinCheck::Locked, 0, kTechnicianLockFor};
        } else {
            result = {TechnicianPinCheck::Wrong, lockout->attemptsLeft(kTechnicianMaxWrongPins), {}};
        }
        return writeLockout(database, *lockout);
    });
    if (!saved) return saved.error();
    return result;
}

}  // namespace kiosk::setup
