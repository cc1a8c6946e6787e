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
    Migration{6, R"sql(
        -- The sync outbox (kiosk/sync/Outbox.h, wire format in kiosk/sync/WIRE.md). A batch is
        -- the pending rows in [first_seq, last_seq] when it was made; its uuid is the
        -- Idempotency-Key, kept on every retry, so a retried batch is the same request.
        CREATE TABLE outbox_batch (
            id             INTEGER PRIMARY KEY,
            uuid           TEXT NOT NULL UNIQUE,
            first_seq      INTEGER NOT NULL,
            last_seq       INTEGER NOT NULL CHECK (last_seq >= first_seq),
            state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'sent', 'rejected')),
            created_at_ms  INTEGER NOT NULL,       -- UTC milliseconds, device time
            attempts       INTEGER NOT NULL DEFAULT 0,
            http_status    INTEGER,                -- the answer that closed it
            error          TEXT NOT NULL DEFAULT ''  -- why it was rejected, as the server said
        );
        -- Every event the province should learn about, written in the same transaction as the
        -- change. Rows are never deleted unsent; sent rows may be pruned after months. The
        -- payload is JSON without personal data (household keys at most).
        CREATE TABLE outbox (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- per-kiosk sequence, never reused
            uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),  -- the server dedups on it
            kind        TEXT NOT NULL,              -- ticket.issued, scan.counted, ...
            at_ms       INTEGER NOT NULL,           -- device time, UTC milliseconds
            payload     TEXT NOT NULL CHECK (json_valid(payload)),
            state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
            batch_id    INTEGER REFERENCES outbox_batch(id),  -- the batch that delivered or parked it
            done_at_ms  INTEGER                     -- when it was sent or rejected
        );
        CREATE INDEX outbox_by_state ON outbox(state, seq);
        -- Settling a batch touches its ≤ 500 rows only, not every pending row (measured: 28 ms of
        -- CPU per batch with 100,000 pending before this index).
        CREATE INDEX outbox_by_batch ON outbox(batch_id, state) WHERE batch_id IS NOT NULL;
        -- What the technician screen shows about syncing; one row.
        CREATE TABLE sync_state (
            id               INTEGER PRIMARY KEY CHECK (id = 1),
            sent_total       INTEGER NOT NULL DEFAULT 0,  -- events ever accepted (pruning keeps it)
            last_attempt_ms  INTEGER,
            last_success_ms  INTEGER,
            last_error       TEXT NOT NULL DEFAULT '',    -- empty after a success
            clock_offset_ms  INTEGER       -- server clock minus kiosk clock, from the Date header
        );
        INSERT INTO sync_state(id) VALUES (1);
    )sql"},
    Migration{7, R"sql(
        -- Team leaders may lift another volunteer's PIN lock with their own PIN, so a passer-by
        -- who locks the team's names does not stop the desk (kiosk/helplog/VolunteerRoster.h).
        ALTER TABLE volunteer ADD COLUMN team_leader INTEGER NOT NULL DEFAULT 0 CHECK (team_leader IN (0, 1));
    )sql"},
    Migration{8, R"sql(
        -- A help request reaches a volunteer: open until one answers "I'm coming" (the citizen's
        -- screen then names them) or the citizen's session ends first (withdrawn, so nobody walks
        -- to an empty kiosk). Urgent ones ("I need help now" after a scam) are listed first.
        ALTER TABLE help_request ADD COLUMN kiosk TEXT NOT NULL DEFAULT '';
        ALTER TABLE help_request ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
        ALTER TABLE help_request ADD COLUMN state TEXT NOT NULL DEFAULT 'open'
            CHECK (state IN ('open', 'answered', 'withdrawn'));
        ALTER TABLE help_request ADD COLUMN volunteer_id INTEGER REFERENCES volunteer(id);
        ALTER TABLE help_request ADD COLUMN created_at_ms INTEGER NOT NULL DEFAULT 0;  -- UTC ms
        ALTER TABLE help_request ADD COLUMN answered_at_ms INTEGER;
        -- Requests from before came with a ticket, which the desks call as usual.
        UPDATE help_request SET state = 'withdrawn';
        CREATE INDEX help_request_open ON help_request(state, urgent, id);
    )sql"},
    Migration{9, R"sql(
        -- Centre mode (kiosk/centre/CentreIssuer.h): blocks of numbers this kiosk leased from the
        -- centre, to issue from while the centre's server does not answer. `next_number` is the
        -- next one to give out; a lease is used up when it passes `last_number`.
        CREATE TABLE centre_lease (
            day           TEXT NOT NULL,       -- local day YYYY-MM-DD
            service       TEXT NOT NULL CHECK (length(service) = 1),
            first_number  INTEGER NOT NULL,
            last_number   INTEGER NOT NULL CHECK (last_number >= first_number),
            next_number   INTEGER NOT NULL,
            PRIMARY KEY (day, service, first_number)
        );
        -- Tickets issued from a lease, kept until the centre holds them (pushed_at_ms set).
        CREATE TABLE centre_journal (
            id            TEXT PRIMARY KEY,    -- the ticket's UUID: pushing twice is harmless
            day           TEXT NOT NULL,
            service       TEXT NOT NULL CHECK (length(service) = 1),
            number        INTEGER NOT NULL,
            priority      TEXT NOT NULL,
            issued_at_ms  INTEGER NOT NULL,    -- UTC milliseconds
            pushed_at_ms  INTEGER,             -- NULL until the centre committed it
            UNIQUE (day, service, number)
        );
        CREATE INDEX centre_journal_unpushed ON centre_journal(issued_at_ms) WHERE pushed_at_ms IS NULL;
        -- Online tickets whose transaction broke off at an unknown point: they may exist at the
        -- centre without anybody holding them. Removed there (if still waiting) once the
        -- server process that ran the transaction (`backend_pid`) has ended.
        CREATE TABLE centre_unsure_ticket (
            id            TEXT PRIMARY KEY,
            backend_pid   INTEGER NOT NULL
        );
    )sql"},
    Migration{10, R"sql(
        -- A ticket issued from a lease keeps what the centre's ticket row holds besides its line
        -- (centre schema 5): where "Get help" was pressed, and the household key of a scanned
        -- card (a digest, never the card's number), pushed with it when the centre answers.
        ALTER TABLE centre_journal ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        ALTER TABLE centre_journal ADD COLUMN household_key TEXT;
    )sql"},
};

}  // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

}  // namespace kiosk::store
