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
            if (migration.version <= *version) continue;
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
