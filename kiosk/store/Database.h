// The kiosk's one SQLite file: WAL, synchronous=FULL, foreign keys, numbered migrations each
// applied in its own transaction, quick_check at open. Every failure comes back as an Error
// whose code names the kind (store.corrupt, store.unwritable, store.disk_full, store.io) and
// whose message says what to do, so the UI can show it and nothing is confirmed unsaved.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

class Statement;

class Database {
public:
    static constexpr std::string_view kFileName = "kiosk.sqlite3";

    // Creates the directory if needed, opens <dir>/kiosk.sqlite3, checks and migrates it.
    static Result<Database> openInDirectory(const std::filesystem::path& dir);
    static Result<Database> openFile(const std::filesystem::path& file);
    // For commands that only read (status, export), so they work on read-only storage: opens
    // <dir>/kiosk.sqlite3 with SQLITE_OPEN_READONLY, without WAL switch, migration or the
    // last-open write. A missing file, or one an older kiosk wrote, is opened as openInDirectory
    // does (created or migrated), since there is nothing current to read yet. Writes fail.
    static Result<Database> openForReading(const std::filesystem::path& dir);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);

    // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; any error rolls everything back. Called
    // inside another transaction it nests (a savepoint): its error undoes only its own part,
    // and nothing is committed until the outermost transaction is.
    Status transaction(const std::function<Status()>& body);

    int schemaVersion();
    int64_t lastInsertId() const;
    // Rows the last INSERT, UPDATE or DELETE changed.
    int64_t changedRows() const;

    // The kiosk_meta table: small named values the kiosk keeps (the technician PIN hash, its
    // lock, the last open). A missing key reads as nullopt; writing nullopt removes it.
    Result<std::optional<std::string>> metaValue(std::string_view key);
    Status setMetaValue(std::string_view key, const std::optional<std::string>& value);
    const std::filesystem::path& file() const { return file_; }

    // For tests that simulate a full disk without filling one.
    Status limitPageCount(int64_t pages);

    Error errorFrom(int code, std::string_view doing) const;

private:
    Database(sqlite3* handle, std::filesystem::path file);
    Status configure();
    Status check();
    Status migrate();

    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
    int transactionDepth_ = 0;
};

class Statement {
public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bindNull(int index);

    // true: a row is ready; false: done. Errors as Result.
    Result<bool> step();
    Status run();  // step until done, for statements without rows

    int64_t columnInt(int index) const;
    std::optional<int64_t> columnOptionalInt(int index) const;  // nullopt for NULL
    std::string columnText(int index) const;
    bool columnIsNull(int index) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* statement, const Database* owner);
    sqlite3_stmt* stmt_ = nullptr;
    const Database* owner_ = nullptr;
};

}  // namespace kiosk::store
