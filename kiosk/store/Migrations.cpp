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
    Migration{4, R"sql(
        -- Volunteers who sign in at the desk (kiosk/helplog/VolunteerRoster.h). The name is a
        -- first name or nickname the team chose, never a full name or a number. The PIN is kept
        -- only as an Argon2id string (crypto_pwhash_str) over PIN + the pepper file's secret.
        CREATE TABLE volunteer (
            id               INTEGER PRIMARY KEY,
            display_name     TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 24),
            pin_hash         TEXT CHECK (pin_hash IS NULL OR pin_hash LIKE '$argon2id$%'),
            active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at_ms    INTEGER NOT NULL,        -- UTC milliseconds
            failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
            -- A lock is on while lock_seen_at_ms is set. Its time is counted only as the wall
            -- clock moves forward (lock_elapsed_ms), so setting the clock back never ends it early.
            lock_elapsed_ms  INTEGER CHECK (lock_elapsed_ms IS NULL OR lock_elapsed_ms >= 0),
            lock_seen_at_ms  INTEGER,
            CHECK ((lock_elapsed_ms IS NULL) = (lock_seen_at_ms IS NULL))
        );
        CREATE UNIQUE INDEX volunteer_active_name ON volunteer(display_name) WHERE active = 1;
    )sql"},
    Migration{5, R"sql(
        -- Where a ticket came from: '' for the ticket screen, else the place where the citizen
        -- pressed "Get help" (a screen or walkthrough step name, never personal data).
        ALTER TABLE ticket ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        -- What a volunteer did for the citizen holding a ticket (kiosk/helplog/HelpLog.h). The
        -- note is free text the form asks to keep free of names and numbers; the household key
        -- is the ticket's, copied so statistics need no join.
        CREATE TABLE help_record (
            id              INTEGER PRIMARY KEY,
            ticket_id       INTEGER UNIQUE REFERENCES ticket(id),
            volunteer_id    INTEGER REFERENCES volunteer(id),
            day             TEXT NOT NULL,         -- local day YYYY-MM-DD of the ticket
            recorded_at_ms  INTEGER NOT NULL,      -- UTC milliseconds
            skill           TEXT NOT NULL CHECK (skill IN ('public_services', 'online_shopping',
                                'online_payment', 'self_protection', 'local_platforms')),
            task            TEXT NOT NULL CHECK (task IN ('vneid_level1', 'vneid_level2_preparation',
                                'vneid_activation', 'public_service_filing', 'bank_or_qr_payment',
                                'ecommerce', 'scam_advice', 'other')),
            outcome         TEXT NOT NULL CHECK (outcome IN ('done', 'partly', 'referred_police',
                                'referred_bank', 'referred_post_office', 'needs_device')),
            visit           TEXT NOT NULL CHECK (visit IN ('first', 'repeat')),
            age_band        TEXT NOT NULL CHECK (age_band IN ('under_18', '18_34', '35_59', '60_74',
                                '75_plus', 'unknown')),
            note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
            household_key   TEXT,
            service_ms      INTEGER CHECK (service_ms IS NULL OR service_ms >= 0)  -- call to done
        );
        CREATE INDEX help_record_by_day ON help_record(day);
        -- The citizen's own rating of the help, given on the kiosk after the ticket was done.
        CREATE TABLE help_rating (
            id             INTEGER PRIMARY KEY,
            ticket_id      INTEGER UNIQUE REFERENCES ticket(id),
            day            TEXT NOT NULL,
            rated_at_ms    INTEGER NOT NULL,
            rating         TEXT NOT NULL CHECK (rating IN ('satisfied', 'neutral', 'needs_improvement'))
        );
        CREATE INDEX help_rating_by_day ON help_rating(day);
    )sql"},
};

}  // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

}  // namespace kiosk::store
