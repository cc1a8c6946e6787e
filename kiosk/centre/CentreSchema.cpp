#include "kiosk/centre/CentreSchema.h"

#include <array>
#include <string>
#include <string_view>

namespace kiosk::centre {
namespace {

struct Migration {
    int version;
    std::string_view sql;
};

// Never edit a migration that has shipped: add the next one.
constexpr std::array kMigrations = {
    Migration{1, R"sql(
        -- Every terminal of the centre (kiosk, desk, board) and when it was last heard from.
        CREATE TABLE terminal (
            id            text PRIMARY KEY,
            role          text NOT NULL CHECK (role IN ('kiosk', 'desk', 'board')),
            last_contact  timestamptz NOT NULL
        );
        -- The shared queue. `id` is made by the issuing terminal, so a ticket issued offline can
        -- be pushed again without being counted twice. `issue_order` is the line order.
        CREATE TABLE ticket (
            id           uuid PRIMARY KEY,
            issue_order  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            day          date NOT NULL,               -- the local day it belongs to
            service      text NOT NULL CHECK (service ~ '^[A-Z]$'),
            number       integer NOT NULL CHECK (number BETWEEN 1 AND 9999),
            priority     text NOT NULL CHECK (priority IN
                             ('none', 'aged_75_plus', 'disability', 'pregnant', 'small_child')),
            status       text NOT NULL CHECK (status IN ('waiting', 'called', 'no_show', 'done')),
            desk         integer CHECK (desk >= 1),   -- the desk that called it last
            kiosk        text NOT NULL,               -- the terminal that issued it
            issued_at    timestamptz NOT NULL DEFAULT now(),
            called_at    timestamptz,
            done_at      timestamptz,
            call_order   bigint UNIQUE,               -- from call_order_seq; NULL until called
            UNIQUE (day, service, number)
        );
        CREATE INDEX ticket_waiting ON ticket (day, issue_order) WHERE status = 'waiting';
        CREATE INDEX ticket_calls ON ticket (day, call_order) WHERE call_order IS NOT NULL;
        CREATE SEQUENCE call_order_seq;
        -- The last number given out per service and day: the row lock that makes numbers unique
        -- and increasing across all kiosks without locking the whole ticket table.
        CREATE TABLE ticket_counter (
            day          date NOT NULL,
            service      text NOT NULL,
            last_number  integer NOT NULL,
            PRIMARY KEY (day, service)
        );
    )sql"},
    Migration{2, R"sql(
        -- Blocks of numbers a kiosk reserved in advance, per service and day, to issue from while
        -- the server does not answer (kiosk/centre/CentreIssuer.h). Leases are cut from the top
        -- of the day's range downwards (A9990-A9999, then A9980-A9989, ...) while online numbers
        -- count up from A001, and the CHECK keeps the two apart: online issuing never gives out a
        -- leased number, a normal day's numbers have no gaps, and a volunteer can tell a ticket
        -- issued offline. A leased number never used is a gap at the top, which statistics
        -- ignore: they count tickets, never numbers.
        ALTER TABLE ticket_counter ADD COLUMN leased_from integer NOT NULL DEFAULT 10000;
        ALTER TABLE ticket_counter ADD CONSTRAINT ticket_counter_below_leases
            CHECK (last_number < leased_from);
        CREATE TABLE number_lease (
            day           date NOT NULL,
            service       text NOT NULL,
            kiosk         text NOT NULL,
            first_number  integer NOT NULL,
            last_number   integer NOT NULL CHECK (last_number >= first_number),
            leased_at     timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (day, service, first_number)
        );
        -- A ticket issued from a lease while the kiosk was cut off, pushed when it was back.
        ALTER TABLE ticket ADD COLUMN issued_offline boolean NOT NULL DEFAULT false;

        -- The province outbox of the centre (kiosk/centre/ProvinceSender.h): one row per ticket
        -- change, written by the trigger below, so every change and its event commit together
        -- whichever terminal or code path made the change. Sent by one terminal at a time.
        CREATE TABLE province_outbox (
            seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uuid      uuid NOT NULL UNIQUE,       -- the event id the province deduplicates on
            kind      text NOT NULL,
            at_ms     bigint NOT NULL,            -- UTC milliseconds
            payload   text NOT NULL,              -- a JSON object, stored as sent
            state     text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
            done_at   timestamptz                 -- when it was sent or rejected
        );
        CREATE INDEX province_outbox_pending ON province_outbox (seq) WHERE state = 'pending';

        -- The payload fields are those of kiosk/sync/WIRE.md's ticket events; ticket_id is the
        -- centre's issue order, ticket_uuid the id terminals use.
        CREATE FUNCTION province_ticket_event() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed ticket;
            event_kind text;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                changed := OLD;
                event_kind := 'ticket.voided';
            ELSE
                changed := NEW;
                IF TG_OP = 'INSERT' THEN
                    event_kind := 'ticket.issued';
                ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
                    event_kind := 'ticket.' || NEW.status;
                ELSIF NEW.call_order IS DISTINCT FROM OLD.call_order THEN
                    event_kind := 'ticket.recalled';
                END IF;
            END IF;
            IF event_kind IS NULL OR event_kind = 'ticket.waiting' THEN
                RETURN NULL;
            END IF;
            INSERT INTO province_outbox (uuid, kind, at_ms, payload) VALUES (
                gen_random_uuid(), event_kind, (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
                json_build_object(
                    'ticket_id', changed.issue_order,
                    'ticket_uuid', changed.id,
                    'day', changed.day::text,
                    'label', changed.service || CASE WHEN changed.number < 1000
                                 THEN lpad(changed.number::text, 3, '0') ELSE changed.number::text END,
                    'letter', changed.service,
                    'service', changed.service,
                    'priority', changed.priority,
                    'state', changed.status,
                    'desk', coalesce(changed.desk::text, ''),
                    'kiosk', changed.kiosk,
                    'issued_offline', changed.issued_offline,
                    'issued_at_ms', (extract(epoch FROM changed.issued_at) * 1000)::bigint,
                    'called_at_ms', (extract(epoch FROM changed.called_at) * 1000)::bigint,
                    'done_at_ms', (extract(epoch FROM changed.done_at) * 1000)::bigint)::text);
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER ticket_province_event AFTER INSERT OR UPDATE OR DELETE ON ticket
            FOR EACH ROW EXECUTE FUNCTION province_ticket_event();
    )sql"},
    Migration{3, R"sql(
        -- "Get help" requests of every kiosk (kiosk/centre/CentreHelpRequests.h), so any desk of
        -- the centre can answer one. `id` is a bigint: the terminals' help request ids are int64.
        -- A place names a screen or a walkthrough step, never a person; the volunteer's name is
        -- what the citizen's screen shows ("Lan is coming").
        CREATE TABLE help_request (
            id              bigserial PRIMARY KEY,
            place           text NOT NULL,
            language        text NOT NULL CHECK (language IN ('vi', 'en')),
            urgency         text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent')),
            kiosk           text NOT NULL,
            created_at      timestamptz NOT NULL DEFAULT now(),
            state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'withdrawn')),
            volunteer_id    bigint,              -- as the answering desk knows its volunteer
            volunteer_name  text,
            answered_at     timestamptz,
            CHECK ((state = 'answered') = (answered_at IS NOT NULL AND volunteer_name IS NOT NULL))
        );
        -- The desks' list, in its order: urgent first, then oldest.
        CREATE INDEX help_request_open ON help_request ((urgency = 'urgent') DESC, created_at, id)
            WHERE state = 'open';
    )sql"},
    Migration{4, R"sql(
        -- Transfer (issue #15): a ticket moves to another service's line and keeps its printed
        -- number, so the letter on the slip and the line it waits in part ways. `letter` is the
        -- service it was issued for (what the label shows, and what numbers are unique within);
        -- `service` stays the line it is in now, so call-next and every reader of the lines is
        -- unchanged. Terminals that do not know the column yet insert without it: the trigger
        -- below gives a new ticket the letter of its line.
        ALTER TABLE ticket ADD COLUMN letter text;
        UPDATE ticket SET letter = service;
        ALTER TABLE ticket ALTER COLUMN letter SET NOT NULL;
        ALTER TABLE ticket ADD CONSTRAINT ticket_letter_check CHECK (letter ~ '^[A-Z]$');
        ALTER TABLE ticket ADD CONSTRAINT ticket_day_letter_number_key UNIQUE (day, letter, number);
        ALTER TABLE ticket DROP CONSTRAINT ticket_day_service_number_key;

        CREATE FUNCTION ticket_letter_of_line() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.letter := coalesce(NEW.letter, NEW.service);
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER ticket_letter BEFORE INSERT ON ticket
            FOR EACH ROW EXECUTE FUNCTION ticket_letter_of_line();

        -- As in migration 2, plus `ticket.transferred` (with `from_service`) when the line
        -- changes, and the label and letter from `letter`. A transfer may also change the status
        -- (a called ticket waits again): the line change is the event the province records.
        CREATE OR REPLACE FUNCTION province_ticket_event() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed ticket;
            event_kind text;
            payload jsonb;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                changed := OLD;
                event_kind := 'ticket.voided';
            ELSE
                changed := NEW;
                IF TG_OP = 'INSERT' THEN
                    event_kind := 'ticket.issued';
                ELSIF NEW.service IS DISTINCT FROM OLD.service THEN
                    event_kind := 'ticket.transferred';
                ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
                    event_kind := 'ticket.' || NEW.status;
                ELSIF NEW.call_order IS DISTINCT FROM OLD.call_order THEN
                    event_kind := 'ticket.recalled';
                END IF;
            END IF;
            IF event_kind IS NULL OR event_kind = 'ticket.waiting' THEN
                RETURN NULL;
            END IF;
            payload := jsonb_build_object(
                'ticket_id', changed.issue_order,
                'ticket_uuid', changed.id,
                'day', changed.day::text,
                'label', changed.letter || CASE WHEN changed.number < 1000
                             THEN lpad(changed.number::text, 3, '0') ELSE changed.number::text END,
                'letter', changed.letter,
                'service', changed.service,
                'priority', changed.priority,
                'state', changed.status,
                'desk', coalesce(changed.desk::text, ''),
                'kiosk', changed.kiosk,
                'issued_offline', changed.issued_offline,
                'issued_at_ms', (extract(epoch FROM changed.issued_at) * 1000)::bigint,
                'called_at_ms', (extract(epoch FROM changed.called_at) * 1000)::bigint,
                'done_at_ms', (extract(epoch FROM changed.done_at) * 1000)::bigint);
            IF event_kind = 'ticket.transferred' THEN
                payload := payload || jsonb_build_object('from_service', OLD.service);
            END IF;
            INSERT INTO province_outbox (uuid, kind, at_ms, payload) VALUES (
                gen_random_uuid(), event_kind, (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
                payload::text);
            RETURN NULL;
        END
        $$;
    )sql"},
    Migration{5, R"sql(
        -- The centre's help log (kiosk/centre/CentreHelpLog.h): what volunteers did at every desk
        -- and how citizens rated it, so any desk's figures count the whole centre. The roster
        -- stays on each desk, so a record names the desk and the volunteer's id there, never a
        -- name. Lists and limits are those of the lone kiosk's help log (kiosk/store/Migrations.cpp).
        CREATE TABLE help_record (
            ticket        uuid PRIMARY KEY REFERENCES ticket(id),
            day           date NOT NULL,               -- the ticket's local day
            desk          integer NOT NULL CHECK (desk >= 1),
            terminal      text NOT NULL,               -- '' on a citizen kiosk's own desk screen
            volunteer_id  bigint NOT NULL,             -- in the desk's own roster
            recorded_at   timestamptz NOT NULL DEFAULT now(),
            skill         text NOT NULL CHECK (skill IN ('public_services', 'online_shopping',
                              'online_payment', 'self_protection', 'local_platforms')),
            task          text NOT NULL CHECK (task IN ('vneid_level1', 'vneid_level2_preparation',
                              'vneid_activation', 'public_service_filing', 'bank_or_qr_payment',
                              'ecommerce', 'scam_advice', 'other')),
            outcome       text NOT NULL CHECK (outcome IN ('done', 'partly', 'referred_police',
                              'referred_bank', 'referred_post_office', 'needs_device')),
            visit         text NOT NULL CHECK (visit IN ('first', 'repeat')),
            age_band      text NOT NULL CHECK (age_band IN ('under_18', '18_34', '35_59', '60_74',
                              '75_plus', 'unknown')),
            note          text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
            service_ms    bigint CHECK (service_ms IS NULL OR service_ms >= 0)  -- call to done
        );
        CREATE INDEX help_record_by_day ON help_record (day);
        CREATE TABLE help_rating (
            ticket    uuid PRIMARY KEY REFERENCES ticket(id),
            day       date NOT NULL,
            rated_at  timestamptz NOT NULL DEFAULT now(),
            rating    text NOT NULL CHECK (rating IN ('satisfied', 'neutral', 'needs_improvement'))
        );
        CREATE INDEX help_rating_by_day ON help_rating (day);

        -- How often a ticket was called (call-next, recall; a transfer puts it back in a line),
        -- so the wait figure counts only tickets called once, as the lone kiosk's does. Tickets
        -- called before this migration count as called once.
        ALTER TABLE ticket ADD COLUMN calls integer NOT NULL DEFAULT 0 CHECK (calls >= 0);
        UPDATE ticket SET calls = 1 WHERE called_at IS NOT NULL;
        -- The pseudonymous household key of a scanned card (kiosk/helplog/HouseholdKey.h), never
        -- the card's number; NULL when the citizen scanned none. Households are counted by it.
        -- The CHECK is queue::looksLikeHouseholdKey's: a digest, never an all-digit ID number.
        ALTER TABLE ticket ADD COLUMN household_key text CHECK (
            length(household_key) BETWEEN 16 AND 128 AND household_key ~ '^[!-~]+$'
            AND household_key !~ '^[0-9]+$');
        -- Where the citizen pressed "Get help" before taking the number (a screen or a
        -- walkthrough step, never a person); '' for the ticket screen, as on the lone kiosk.
        ALTER TABLE ticket ADD COLUMN origin text NOT NULL DEFAULT '';

        -- The province learns what was helped with and how it was rated, in the transaction that
        -- wrote it (kiosk/sync/WIRE.md, help.logged and help.rated); the free-text note stays here.
        CREATE FUNCTION province_help_event() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            helped ticket;
            event_kind text;
            payload jsonb;
        BEGIN
            SELECT * INTO helped FROM ticket WHERE id = NEW.ticket;
            payload := jsonb_build_object('ticket_id', helped.issue_order, 'ticket_uuid', helped.id,
                                          'day', NEW.day::text);
            IF TG_TABLE_NAME = 'help_record' THEN
                event_kind := 'help.logged';
                payload := payload || jsonb_build_object(
                    'desk', NEW.desk, 'volunteer_id', NEW.volunteer_id, 'skill', NEW.skill,
                    'task', NEW.task, 'outcome', NEW.outcome, 'visit', NEW.visit,
                    'age_band', NEW.age_band);
                IF NEW.service_ms IS NOT NULL THEN
                    payload := payload || jsonb_build_object('service_ms', NEW.service_ms);
                END IF;
            ELSE
                event_kind := 'help.rated';
                payload := payload || jsonb_build_object('rating', NEW.rating);
            END IF;
            INSERT INTO province_outbox (uuid, kind, at_ms, payload) VALUES (
                gen_random_uuid(), event_kind, (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
                payload::text);
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER help_record_province_event AFTER INSERT ON help_record
            FOR EACH ROW EXECUTE FUNCTION province_help_event();
        CREATE TRIGGER help_rating_province_event AFTER INSERT ON help_rating
            FOR EACH ROW EXECUTE FUNCTION province_help_event();
    )sql"},
};

// Any constant both `centre init` runs agree on: it serialises concurrent migrations.
constexpr std::string_view kMigrationLock = "7403150001";

Result<int> readVersion(PgConnection& connection) {
    auto exists = connection.query("SELECT to_regclass('schema_version') IS NOT NULL");
    if (!exists) return exists.error();
    if (exists->text(0, 0) != "t") return 0;
    auto version = connection.query("SELECT coalesce(max(version), 0) FROM schema_version");
    if (!version) return version.error();
    return static_cast<int>(version->integer(0, 0));
}

}  // namespace

int latestSchemaVersion() {
    return kMigrations.back().version;
}

Result<int> centreSchemaVersion(PgConnection& connection) {
    return readVersion(connection);
}

Result<MigrationOutcome> migrateCentre(PgConnection& connection) {
    return migrateCentre(connection, latestSchemaVersion());
}

Result<MigrationOutcome> migrateCentre(PgConnection& connection, int upTo) {
    MigrationOutcome outcome;
    Status migrated = connection.transaction([&]() -> Status {
        if (Status locked =
                connection.run("SELECT pg_advisory_xact_lock($1::bigint)", {std::string(kMigrationLock)});
            !locked)
            return locked;
        if (Status created =
                connection.run("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                               "applied_at timestamptz NOT NULL DEFAULT now())");
            !created)
            return created;
        auto version = readVersion(connection);
        if (!version) return version.error();
        outcome.versionBefore = outcome.versionAfter = *version;
        if (*version > latestSchemaVersion()) {
            return Error{"centre.schema_too_new",
                         "the centre database is at schema version " + std::to_string(*version) +
                             ", newer than this terminal knows (" + std::to_string(latestSchemaVersion()) +
                             "); update commune-kiosk on this terminal"};
        }
        for (const Migration& migration : kMigrations) {
            if (migration.version <= *version || migration.version > upTo) continue;
            if (Status applied = connection.runScript(migration.sql); !applied) return applied;
            if (Status noted = connection.run("INSERT INTO schema_version(version) VALUES ($1)",
                                              {std::to_string(migration.version)});
                !noted)
                return noted;
            outcome.versionAfter = migration.version;
        }
        return success();
    });
    if (!migrated) return migrated.error();
    return outcome;
}

}  // namespace kiosk::centre
