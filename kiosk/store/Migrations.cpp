#include "kiosk/store/Migrations.h"

#include <array>

namespace kiosk::store {

namespace {

constexpr std::array kMigrations = {
    Migration{1, R"sql(
        -- Small facts about this kiosk's own state (last open, versions); never personal data.
        CREATE TABLE kiosk_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- A citizen pressed "Get help": where they were, so a volunteer knows what to help with.
        CREATE TABLE help_request (
            id          INTEGER PRIMARY KEY,
            created_at  TEXT NOT NULL,              -- UTC, ISO 8601
            place       TEXT NOT NULL,              -- screen or walkthrough step, never personal data
            language    TEXT NOT NULL CHECK (language IN ('vi', 'en'))
        );
    )sql"},
    Migration{2, R"sql(
        -- Anonymous walkthrough statistics: started, finished, and the step where people stop.
        CREATE TABLE walkthrough_event (
            id              INTEGER PRIMARY KEY,
            at              TEXT NOT NULL,       -- UTC, ISO 8601
            walkthrough_id  TEXT NOT NULL,
            event           TEXT NOT NULL CHECK (event IN ('started', 'finished', 'abandoned')),
            step_id         TEXT NOT NULL
        );
        CREATE INDEX walkthrough_event_by_walkthrough ON walkthrough_event(walkthrough_id, event);
    )sql"},
};

}  // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

}  // namespace kiosk::store
