#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "kiosk/queue/HelpRequestLog.h"
#include "kiosk/store/Database.h"
#include "kiosk/store/Migrations.h"

namespace fs = std::filesystem;
using kiosk::Status;
using kiosk::store::Database;

namespace {

fs::path freshDir(const std::string& name) {
    const fs::path dir = fs::path(testing::TempDir()) / ("store-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

int latestVersion() {
    return kiosk::store::migrations().back().version;
}

}  // namespace

TEST(Database, MigratesFromEmpty) {
    const auto dir = freshDir("empty");
    auto database = Database::openInDirectory(dir);
    ASSERT_TRUE(database.ok()) << database.error().message;
    EXPECT_TRUE(fs::exists(dir / Database::kFileName));
    EXPECT_EQ(database->schemaVersion(), latestVersion());
}

// Issue #16 item 11: a freshly migrated schema lived only in the WAL until a checkpoint, so the
// database file alone (a backup, a copy) was an empty database.
TEST(Database, AMigratedSchemaIsInTheDatabaseFileItselfNotOnlyInTheWal) {
    const fs::path dir = freshDir("checkpoint");
    auto database = Database::openInDirectory(dir);  // kept open: the WAL is still there
    ASSERT_TRUE(database.ok()) << database.error().message;
    std::ifstream file(dir / Database::kFileName, std::ios::binary);
    std::string header(100, '\0');
    ASSERT_TRUE(file.read(header.data(), static_cast<std::streamsize>(header.size())))
        << "the database file holds less than one page";
    // The SQLite file header keeps user_version (our schema version) big-endian at offset 60.
    const auto byte = [&](int at) { return static_cast<unsigned>(static_cast<unsigned char>(header[at])); };
    const unsigned version = byte(60) << 24 | byte(61) << 16 | byte(62) << 8 | byte(63);
    EXPECT_EQ(version, static_cast<unsigned>(kiosk::store::migrations().back().version));
}

TEST(Database, UsesWalFullSyncAndForeignKeys) {
    auto database = Database::openInDirectory(freshDir("pragmas"));
    ASSERT_TRUE(database.ok()) << database.error().message;
    auto check = [&](const char* pragma, const std::string& expected) {
        auto statement = database->prepare(std::string("PRAGMA ") + pragma);
        ASSERT_TRUE(statement.ok());
        auto row = statement->step();
        ASSERT_TRUE(row.ok() && *row);
        EXPECT_EQ(statement->columnText(0), expected) << pragma;
    };
    check("journal_mode", "wal");
    check("synchronous", "2");  // FULL
    check("foreign_keys", "1");
}

TEST(Database, ReopenKeepsDataAndDoesNotMigrateAgain) {
    const auto dir = freshDir("reopen");
    {
        auto database = Database::openInDirectory(dir);
        ASSERT_TRUE(database.ok());
        ASSERT_TRUE(
            kiosk::queue::recordHelpRequest(*database, {"home", kiosk::i18n::Language::Vi, {}, "kiosk-1"})
                .ok());
    }
    auto again = Database::openInDirectory(dir);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->schemaVersion(), latestVersion());
    auto count = kiosk::queue::countHelpRequests(*again);
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1);
}

TEST(Database, RefusesADatabaseFromANewerVersion) {
    const auto dir = freshDir("newer");
    {
        auto database = Database::openInDirectory(dir);
        ASSERT_TRUE(database.ok());
        ASSERT_TRUE(database->exec("PRAGMA user_version = 999").ok());
    }
    auto again = Database::openInDirectory(dir);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "store.too_new");
}

TEST(Database, DamagedFileIsReportedNotCrashed) {
    const auto dir = freshDir("corrupt");
    fs::create_directories(dir);
    std::ofstream(dir / Database::kFileName) << std::string(8192, 'x');
    auto database = Database::openInDirectory(dir);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, "store.corrupt");
    EXPECT_NE(database.error().message.find("damaged"), std::string::npos);
}

TEST(Database, DamagedPagesFailQuickCheck) {
    const auto dir = freshDir("corrupt-pages");
    {
        auto database = Database::openInDirectory(dir);
        ASSERT_TRUE(database.ok());
        for (int i = 0; i < 200; ++i) {
            ASSERT_TRUE(
                kiosk::queue::recordHelpRequest(
                    *database, {"home:" + std::string(200, 'a'), kiosk::i18n::Language::En, {}, "kiosk-1"})
                    .ok());
        }
        ASSERT_TRUE(database->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    }
    // Scribble over every page after the first (the schema), where the tables live.
    {
        const auto size = fs::file_size(dir / Database::kFileName);
        ASSERT_GT(size, 4096u * 3);
        std::fstream file(dir / Database::kFileName, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(4096);
        const std::string junk(size - 4096, '\xA5');
        file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    auto database = Database::openInDirectory(dir);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, "store.corrupt") << database.error().message;
}

TEST(Database, DataDirectoryThatIsAFileIsUnwritable) {
    const auto dir = freshDir("notadir");
    fs::create_directories(dir.parent_path());
    std::ofstream(dir) << "a file, not a directory";
    auto database = Database::openInDirectory(dir);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, "store.unwritable");
    EXPECT_NE(database.error().message.find(dir.string()), std::string::npos);
}

// Root ignores directory permissions, so the check runs in a child that gives them up.
TEST(DatabaseDeathTest, ReadOnlyDirectoryIsReportedClearly) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    const auto dir = freshDir("readonly");
    fs::create_directories(dir);
    ::chmod(dir.c_str(), 0555);
    EXPECT_EXIT(
        {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) std::_Exit(3);
            auto database = Database::openInDirectory(dir);
            if (database.ok()) std::_Exit(4);
            if (database.error().code != "store.unwritable") std::_Exit(5);
            std::fprintf(stderr, "%s\n", database.error().message.c_str());
            std::_Exit(0);
        },
        testing::ExitedWithCode(0), "cannot write the database");
    ::chmod(dir.c_str(), 0755);
}

// Issue #16 item 11: on read-only storage `status` and `export` refused to run, because every
// open switched to WAL, migrated and wrote last_open. Reading needs none of that.
TEST(DatabaseDeathTest, ReadOnlyStorageCanStillBeRead) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    const auto dir = freshDir("read-only-storage");
    {
        auto database = Database::openInDirectory(dir);
        ASSERT_TRUE(database.ok()) << database.error().message;
        ASSERT_TRUE(database->setMetaValue("probe", "kept").ok());
    }
    ::chmod((dir / Database::kFileName).c_str(), 0444);
    ::chmod(dir.c_str(), 0555);
    EXPECT_EXIT(
        {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) std::_Exit(3);
            if (Database::openInDirectory(dir).ok()) std::_Exit(4);  // the folder really is read-only
            auto database = Database::openForReading(dir);
            if (!database.ok()) {
                std::fprintf(stderr, "%s\n", database.error().message.c_str());
                std::_Exit(5);
            }
            auto probe = database->metaValue("probe");
            if (!probe.ok() || *probe != std::optional<std::string>("kept")) std::_Exit(6);
            if (database->setMetaValue("probe", "changed").ok()) std::_Exit(7);
            std::fprintf(stderr, "read\n");
            std::_Exit(0);
        },
        testing::ExitedWithCode(0), "read");
    ::chmod(dir.c_str(), 0755);
}

TEST(Database, FullDiskIsReportedAndNothingHalfSaved) {
    auto database = Database::openInDirectory(freshDir("full"));
    ASSERT_TRUE(database.ok());
    auto pages = database->prepare("PRAGMA page_count");
    ASSERT_TRUE(pages.ok() && pages->step().ok());
    // No room beyond what the file has now: the next growth fails like a full disk does.
    ASSERT_TRUE(database->limitPageCount(pages->columnInt(0)).ok());

    kiosk::Status status = kiosk::success();
    int saved = 0;
    for (int i = 0; i < 10000 && status.ok(); ++i) {
        const std::string place(500, 'p');
        auto recorded =
            kiosk::queue::recordHelpRequest(*database, {place, kiosk::i18n::Language::Vi, {}, "kiosk-1"});
        status = recorded ? kiosk::success() : kiosk::Status(recorded.error());
        if (status.ok()) ++saved;
    }
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, "store.disk_full");
    EXPECT_NE(status.error().message.find("disk is full"), std::string::npos);
    auto count = kiosk::queue::countHelpRequests(*database);
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, saved);  // the failed request left no partial row
}

TEST(Database, TransactionRollsBackOnError) {
    auto database = Database::openInDirectory(freshDir("rollback"));
    ASSERT_TRUE(database.ok());
    kiosk::Status result = database->transaction([&]() -> kiosk::Status {
        auto inserted = database->exec(
            "INSERT INTO help_request(created_at, place, language) VALUES('2026-01-01T00:00:00Z', 'home', "
            "'vi')");
        if (!inserted) return inserted;
        return kiosk::Error{"test.abort", "abort"};
    });
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "test.abort");
    auto count = kiosk::queue::countHelpRequests(*database);
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 0);
}

TEST(Transaction, NestedOneIsUndoneAloneAndCommittedOnlyWithTheOuter) {
    auto database = Database::openInDirectory(freshDir("nested"));
    ASSERT_TRUE(database.ok());
    auto count = [&] {
        auto rows = database->prepare("SELECT count(*) FROM kiosk_meta WHERE key LIKE 'nest-%'");
        EXPECT_TRUE(rows.ok() && rows->step().ok());
        return rows->columnInt(0);
    };
    Status outer = database->transaction([&]() -> Status {
        if (Status kept = database->exec("INSERT INTO kiosk_meta(key, value) VALUES('nest-a', '1')"); !kept)
            return kept;
        Status inner = database->transaction([&]() -> Status {
            if (Status kept = database->exec("INSERT INTO kiosk_meta(key, value) VALUES('nest-b', '1')");
                !kept)
                return kept;
            return kiosk::Error{"test.refused", "the inner part fails"};
        });
        EXPECT_FALSE(inner.ok());
        return database->transaction(
            [&] { return database->exec("INSERT INTO kiosk_meta(key, value) VALUES('nest-c', '1')"); });
    });
    ASSERT_TRUE(outer.ok()) << outer.error().message;
    EXPECT_EQ(count(), 2);  // a and c; b went with its failed savepoint

    Status failed = database->transaction([&]() -> Status {
        EXPECT_TRUE(database
                        ->transaction([&] {
                            return database->exec("INSERT INTO kiosk_meta(key, value) VALUES('nest-d', '1')");
                        })
                        .ok());
        return kiosk::Error{"test.refused", "the outer part fails"};
    });
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(count(), 2) << "an inner success is undone with its outer transaction";
}

TEST(Statement, EmptyTextIsStoredAsEmptyNotNull) {
    auto database = Database::openInDirectory(freshDir("empty-text"));
    ASSERT_TRUE(database.ok());
    auto insert = database->prepare("INSERT INTO kiosk_meta(key, value) VALUES('empty', ?1)");
    ASSERT_TRUE(insert.ok());
    ASSERT_TRUE(insert->bind(1, std::string_view{}).run().ok());
    auto read = database->prepare("SELECT value IS NULL, length(value) FROM kiosk_meta WHERE key = 'empty'");
    ASSERT_TRUE(read.ok() && *read->step());
    EXPECT_EQ(read->columnInt(0), 0);
    EXPECT_EQ(read->columnInt(1), 0);
}
