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
    Migration{3, R"sql(
        -- Queue tickets (kiosk/queue/TicketBook.h). Numbers are gap-free per letter and local day:
        -- the next one is max(number) + 1 inside the issuing transaction, never taken from the
        -- clock. No personal data: at most a household key the caller derived.
        CREATE TABLE ticket (
            id             INTEGER PRIMARY KEY,   -- issue order = order in line, kept on transfer
            day            TEXT NOT NULL,         -- local day YYYY-MM-DD the number belongs to
            letter         TEXT NOT NULL CHECK (length(letter) = 1),   -- service on the slip
            number         INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999),
            service        TEXT NOT NULL CHECK (length(service) = 1),  -- line it is in now
            priority       TEXT NOT NULL CHECK (priority IN
                               ('none', 'aged_75_plus', 'disability', 'pregnant', 'small_child')),
            household_key  TEXT,
            state          TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'no_show', 'done')),
            desk           TEXT NOT NULL DEFAULT '',  -- desk or volunteer id, never a citizen's
            calls          INTEGER NOT NULL DEFAULT 0,
            call_order     INTEGER,               -- kiosk-wide order of calls; NULL until called
            issued_at_ms   INTEGER NOT NULL,      -- UTC milliseconds: display and statistics only
            called_at_ms   INTEGER,
            done_at_ms     INTEGER,
            UNIQUE (day, letter, number)
        );
        CREATE INDEX ticket_line ON ticket(day, service, state, id);
        CREATE INDEX ticket_calls ON ticket(day, call_order);
    )sql"},
};

}  // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

}  // namespace kiosk::store
