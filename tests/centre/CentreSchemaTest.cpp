// `centre init`'s migrations on a real PostgreSQL: versioned, idempotent, safe to run from
// several terminals at once, and refusing a schema newer than this build.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreSchema.h"

using kiosk::centre::latestSchemaVersion;
using kiosk::centre::migrateCentre;

namespace {

class CentreSchema : public centretest::CentreDatabaseTest {};

int64_t scalar(kiosk::centre::PgConnection& connection, const std::string& sql) {
    auto rows = connection.query(sql);
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return rows.ok() ? rows->integer(0, 0) : -1;
}

}  // namespace

TEST_F(CentreSchema, AnEmptyDatabaseIsMigratedToTheNewestVersion) {
    auto connection = connect();
    auto version = kiosk::centre::centreSchemaVersion(connection);
    ASSERT_TRUE(version.ok()) << version.error().message;
    EXPECT_EQ(*version, 0);

    auto migrated = migrateCentre(connection);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    EXPECT_EQ(migrated->versionBefore, 0);
    EXPECT_EQ(migrated->versionAfter, latestSchemaVersion());
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM ticket"), 0);
    EXPECT_EQ(scalar(connection, "SELECT max(version) FROM schema_version"), latestSchemaVersion());
}

TEST_F(CentreSchema, MigratingAgainChangesNothingAndKeepsTheQueue) {
    auto connection = connectMigrated();
    ASSERT_TRUE(connection
                    .run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk) VALUES "
                         "(gen_random_uuid(), '2026-12-03', 'A', 1, 'none', 'waiting', 'kiosk-1')")
                    .ok());
    for (int run = 0; run < 2; ++run) {
        auto again = migrateCentre(connection);
        ASSERT_TRUE(again.ok()) << again.error().message;
        EXPECT_EQ(again->versionBefore, latestSchemaVersion());
        EXPECT_EQ(again->versionAfter, latestSchemaVersion());
    }
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM schema_version"), latestSchemaVersion());
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM ticket"), 1);
}

// Migration 3 (transfer): a terminal that does not know the letter column yet still inserts
// tickets, which get the letter of their line; numbers are unique per letter, not per line.
TEST_F(CentreSchema, ATicketInsertedWithoutALetterGetsItsLinesAndNumbersAreUniquePerLetter) {
    auto connection = connectMigrated();
    ASSERT_TRUE(connection
                    .run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk) VALUES "
                         "(gen_random_uuid(), '2026-12-03', 'B', 1, 'none', 'waiting', 'kiosk-1')")
                    .ok());
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM ticket WHERE letter = 'B'"), 1);
    // A001 moved to line B stands next to B001.
    ASSERT_TRUE(
        connection
            .run("INSERT INTO ticket(id, day, letter, service, number, priority, status, kiosk) VALUES "
                 "(gen_random_uuid(), '2026-12-03', 'A', 'B', 1, 'none', 'waiting', 'kiosk-1')")
            .ok());
    EXPECT_FALSE(connection
                     .run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk) VALUES "
                          "(gen_random_uuid(), '2026-12-03', 'A', 1, 'none', 'waiting', 'kiosk-1')")
                     .ok());
}

// Every terminal may run `centre init` at start: concurrent runs must all succeed, and the
// schema must be applied once (without the advisory lock, CREATE TABLE races and fails).
// A centre whose terminals ran the build before shared help requests (version 2) is upgraded
// in place: its queue stays, and help requests can be recorded and answered at once.
TEST_F(CentreSchema, AQueueOfVersion2IsUpgradedWithSharedHelpRequests) {
    auto connection = connect();
    auto old = migrateCentre(connection, 2);
    ASSERT_TRUE(old.ok()) << old.error().message;
    EXPECT_EQ(old->versionAfter, 2);
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'help_request'"), 0);
    ASSERT_TRUE(connection
                    .run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk) VALUES "
                         "(gen_random_uuid(), '2026-12-03', 'A', 1, 'none', 'waiting', 'kiosk-1')")
                    .ok());

    auto upgraded = migrateCentre(connection);
    ASSERT_TRUE(upgraded.ok()) << upgraded.error().message;
    EXPECT_EQ(upgraded->versionBefore, 2);
    EXPECT_EQ(upgraded->versionAfter, latestSchemaVersion());
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM ticket"), 1);
    kiosk::centre::CentreHelpRequests help(connection);
    auto id = help.record({.place = "scan",
                           .language = kiosk::i18n::Language::Vi,
                           .urgency = kiosk::queue::HelpUrgency::Normal,
                           .kioskId = "kiosk-1"});
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto answered = help.answer(*id, "Lan");
    ASSERT_TRUE(answered.ok() && *answered);
}

// Version 5 adds the help log and the call count: tickets called before it count as called
// once, so their waits still reach the figures; household keys must be derived keys.
TEST_F(CentreSchema, AQueueOfVersion4IsUpgradedWithTheHelpLog) {
    auto connection = connect();
    ASSERT_TRUE(migrateCentre(connection, 4).ok());
    ASSERT_TRUE(
        connection
            .run("INSERT INTO ticket(id, day, service, number, priority, status, kiosk, called_at, desk) "
                 "VALUES ('11111111-1111-4111-8111-111111111111', '2026-12-03', 'A', 1, 'none', "
                 "'called', 'kiosk-1', now(), 2), "
                 "(gen_random_uuid(), '2026-12-03', 'A', 2, 'none', 'waiting', 'kiosk-1', NULL, NULL)")
            .ok());
    auto upgraded = migrateCentre(connection);
    ASSERT_TRUE(upgraded.ok()) << upgraded.error().message;
    EXPECT_EQ(upgraded->versionBefore, 4);
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM ticket WHERE calls = 1 AND called_at IS NOT NULL"), 1);
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM ticket WHERE calls = 0 AND called_at IS NULL"), 1);
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM help_record"), 0);
    // A raw 12-digit ID number is never a household key.
    auto raw = connection.run("UPDATE ticket SET household_key = '001234567890' WHERE number = 1");
    ASSERT_FALSE(raw.ok());
    EXPECT_EQ(raw.error().code, "centre.sql.23514");
}

// The table's CHECKs keep what the code relies on: known states only, and an answered request
// always says who answered and when.
TEST_F(CentreSchema, HelpRequestsRefuseInconsistentRows) {
    auto connection = connectMigrated();
    EXPECT_FALSE(connection
                     .run("INSERT INTO help_request(place, language, kiosk, state) "
                          "VALUES ('scan', 'vi', 'kiosk-1', 'lost')")
                     .ok());
    EXPECT_FALSE(connection
                     .run("INSERT INTO help_request(place, language, kiosk, state) "
                          "VALUES ('scan', 'vi', 'kiosk-1', 'answered')")
                     .ok());
    EXPECT_FALSE(
        connection.run("INSERT INTO help_request(place, language, kiosk) VALUES ('scan', 'fr', 'k')").ok());
}

TEST_F(CentreSchema, ConcurrentMigrationsAllSucceedAndApplyOnce) {
    constexpr int kTerminals = 6;
    std::vector<std::string> failures(kTerminals);
    std::vector<std::thread> terminals;
    for (int i = 0; i < kTerminals; ++i) {
        terminals.emplace_back([&, i] {
            auto connection = kiosk::centre::PgConnection::open(connectionString_);
            if (!connection) {
                failures[i] = connection.error().message;
                return;
            }
            auto migrated = migrateCentre(*connection);
            if (!migrated) failures[i] = migrated.error().message;
        });
    }
    for (auto& terminal : terminals)
        terminal.join();
    for (const auto& failure : failures)
        EXPECT_EQ(failure, "");
    auto connection = connect();
    EXPECT_EQ(scalar(connection, "SELECT count(*) FROM schema_version"), latestSchemaVersion());
}

TEST_F(CentreSchema, ASchemaNewerThanThisBuildIsRefused) {
    auto connection = connectMigrated();
    ASSERT_TRUE(connection.run("INSERT INTO schema_version(version) VALUES (999)").ok());
    auto migrated = migrateCentre(connection);
    ASSERT_FALSE(migrated.ok());
    EXPECT_EQ(migrated.error().code, "centre.schema_too_new");
    EXPECT_NE(migrated.error().message.find("update commune-kiosk"), std::string::npos);
}

TEST_F(CentreSchema, AFailedMigrationLeavesTheDatabaseUntouched) {
    auto connection = connect();
    // A table in the way of migration 1: the whole migration must roll back, schema_version too.
    ASSERT_TRUE(connection.run("CREATE TABLE ticket_counter (x integer)").ok());
    auto migrated = migrateCentre(connection);
    ASSERT_FALSE(migrated.ok());
    EXPECT_EQ(migrated.error().code, "centre.sql.42P07");  // duplicate_table
    EXPECT_EQ(scalar(connection,
                     "SELECT count(*) FROM pg_tables WHERE tablename IN ('ticket', "
                     "'schema_version', 'terminal')"),
              0);
}
