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

Result<TechnicianPinCheck> checkTechnicianPin(store::Database& database, std::string_view pin,
                                              const helplog::Pepper& pepper) {
    auto statement = database.prepare("SELECT value FROM kiosk_meta WHERE key = ?");
    if (!statement) return statement.error();
    statement->bind(1, kTechnicianPinKey);
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return TechnicianPinCheck::NotSet;
    const std::string stored = statement->columnText(0);
    return helplog::pinMatches(stored, pin, pepper) ? TechnicianPinCheck::Matches : TechnicianPinCheck::Wrong;
}

}  // namespace kiosk::setup
