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
constexpr std::string_view kLockedUntilKey = "technician_pin_locked_until_ms";

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

int64_t toNumber(const std::optional<std::string>& text) {
    try {
        return text ? std::stoll(*text) : 0;
    } catch (const std::exception&) {
        return 0;  // a damaged count starts again rather than locking the technician out for good
    }
}

}  // namespace

Result<TechnicianPinCheck> checkTechnicianPin(store::Database& database, std::string_view pin,
                                              const helplog::Pepper& pepper,
                                              std::chrono::system_clock::time_point now) {
    auto stored = readMeta(database, kTechnicianPinKey);
    if (!stored) return stored.error();
    if (!*stored) return TechnicianPinCheck::NotSet;
    const int64_t nowMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    auto lockedUntil = readMeta(database, kLockedUntilKey);
    if (!lockedUntil) return lockedUntil.error();
    if (nowMs < toNumber(*lockedUntil)) return TechnicianPinCheck::Locked;

    const bool matches = helplog::pinMatches(**stored, pin, pepper);
    TechnicianPinCheck result = matches ? TechnicianPinCheck::Matches : TechnicianPinCheck::Wrong;
    Status saved = database.transaction([&]() -> Status {
        auto failures = readMeta(database, kFailuresKey);
        if (!failures) return failures.error();
        int64_t count = matches ? 0 : toNumber(*failures) + 1;
        if (count >= kTechnicianMaxWrongPins) {
            const auto until =
                nowMs + std::chrono::duration_cast<std::chrono::milliseconds>(kTechnicianLockFor).count();
            if (Status locked = writeMeta(database, kLockedUntilKey, std::to_string(until)); !locked)
                return locked;
            count = 0;
            result = TechnicianPinCheck::Locked;
        }
        return writeMeta(database, kFailuresKey, std::to_string(count));
    });
    if (!saved) return saved.error();
    return result;
}

}  // namespace kiosk::setup
