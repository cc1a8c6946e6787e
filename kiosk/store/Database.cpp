#include "kiosk/store/Database.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <utility>

#include "kiosk/Files.h"
#include "kiosk/store/Migrations.h"

namespace kiosk::store {

namespace fs = std::filesystem;

namespace {

Error unwritableDirectory(const fs::path& dir, const std::string& reason) {
    return Error{"store.unwritable", "cannot use the data directory " + dir.string() + " (" + reason +
                                         "); check --data-dir and that the kiosk may write there"};
}

}  // namespace

Error Database::errorFrom(int code, std::string_view doing) const {
    std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    if (const int systemErrno = db_ ? sqlite3_system_errno(db_) : 0; systemErrno != 0) {
        detail += std::string(", ") + std::strerror(systemErrno);
    }
    const std::string what = std::string(doing) + " failed (" + detail + ")";
    switch (code & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return Error{"store.corrupt", "the database " + file_.string() + " is damaged: " + what +
                                              "; nothing new can be saved. Technician: move the file aside "
                                              "(keep it for recovery) and restart the kiosk"};
        case SQLITE_FULL:
            return Error{"store.disk_full",
                         "the disk is full: " + what + ". Nothing was saved; free space on the kiosk's disk"};
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return Error{"store.unwritable", "cannot write the database " + file_.string() + ": " + what +
                                                 ". Check that the data directory exists and the kiosk may "
                                                 "write there"};
        case SQLITE_IOERR:
            return Error{"store.io", "a disk write failed: " + what + ". Nothing was saved; check the disk"};
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return Error{"store.busy", "the database is in use by another program: " + what};
        default: return Error{"store.error", what};
    }
}

Result<Database> Database::openInDirectory(const fs::path& dir) {
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) return unwritableDirectory(dir, error.message());
    if (!fs::is_directory(dir, error)) return unwritableDirectory(dir, "not a directory");
    auto opened = openFile(dir / kFileName);
    if (!opened) return opened;
    // Opening may have created the file and its WAL companions (a command run as root).
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const fs::path file = dir / (std::string(kFileName) + suffix);
        if (!fs::exists(file, error)) continue;
        if (Status given = giveToDirectoryOwner(file); !given) return given.error();
    }
    return opened;
}

Result<Database> Database::openFile(const fs::path& file) {
    sqlite3* handle = nullptr;
    const int code = sqlite3_open_v2(
        file.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    Database database(handle, file);
    if (code != SQLITE_OK) return database.errorFrom(code, "opening the database");
    if (Status status = database.configure(); !status) return status.error();
    if (Status status = database.check(); !status) return status.error();
    if (Status status = database.migrate(); !status) return status.error();
    return database;
}

Result<Database> Database::openForReading(const fs::path& dir) {
    const fs::path file = dir / kFileName;
    std::error_code error;
    if (!fs::exists(file, error)) return openInDirectory(dir);
    const auto openReadOnly = [&](const std::string& uri) -> Result<Database> {
        sqlite3* handle = nullptr;
        const int code = sqlite3_open_v2(
            uri.c_str(), &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, nullptr);
        Database database(handle, file);
        if (code != SQLITE_OK) return database.errorFrom(code, "opening the database to read");
        sqlite3_extended_result_codes(handle, 1);
        sqlite3_busy_timeout(handle, 5000);
        if (database.schemaVersion() < 0)
            return database.errorFrom(sqlite3_errcode(handle), "reading the database");
        return database;
    };
    // Encoded as a URI path: '%', '?' and '#' would otherwise be read as URI syntax.
    std::string path;
    for (char c : fs::absolute(file, error).string()) {
        if (c == '%' || c == '?' || c == '#') {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
            path += escaped;
        } else {
            path += c;
        }
    }
    auto opened = openReadOnly("file:" + path);
    // A WAL database in a folder we cannot write has no -shm to share; when nobody can be
    // writing it (the storage is read-only to us and no kiosk holds it open), read it as an
    // immutable file instead.
    if (!opened && !fs::exists(file.string() + "-shm", error))
        opened = openReadOnly("file:" + path + "?immutable=1");
    if (!opened) return opened;
    const auto all = migrations();
    const int newest = all.empty() ? 0 : all.back().version;
    const int current = opened->schemaVersion();
    if (current > newest) {
        return Error{"store.too_new", "the database " + file.string() +
                                          " was written by a newer kiosk version (schema " +
                                          std::to_string(current) + ", this version knows " +
                                          std::to_string(newest) + "); install the newer version"};
    }
    if (current < newest) return openInDirectory(dir);  // an older schema: migrate it first
    return opened;
}

Database::Database(sqlite3* handle, fs::path file) : db_(handle), file_(std::move(file)) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        file_ = std::move(other.file_);
    }
    return *this;
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

Status Database::exec(std::string_view sql) {
    const std::string text(sql);
    const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) return errorFrom(code, "a database update");
    return success();
}

Status Database::configure() {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    // journal_mode answers with the mode it got; on a read-only medium that is not "wal".
    auto mode = prepare("PRAGMA journal_mode=WAL");
    if (!mode) return mode.error();
    auto row = mode->step();
    if (!row) return row.error();
    if (!*row || mode->columnText(0) != "wal") {
        return Error{"store.unwritable", "cannot write the database " + file_.string() +
                                             ": it cannot switch to WAL mode (read-only disk or folder?)"};
    }
    return exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Status Database::check() {
    auto statement = prepare("PRAGMA quick_check");
    if (!statement) return statement.error();
    auto row = statement->step();
    if (!row) return row.error();
    const std::string verdict = *row ? statement->columnText(0) : "no answer";
    if (verdict != "ok") {
        return Error{"store.corrupt",
                     "the database " + file_.string() + " is damaged (quick_check: " + verdict +
                         "); nothing new can be saved. Technician: move the file aside (keep it "
                         "for recovery) and restart the kiosk"};
    }
    return success();
}

Status Database::migrate() {
    const int current = schemaVersion();
    if (current < 0) return errorFrom(sqlite3_errcode(db_), "reading the schema version");
    const auto all = migrations();
    const int newest = all.empty() ? 0 : all.back().version;
    if (current > newest) {
        return Error{"store.too_new", "the database " + file_.string() +
                                          " was written by a newer kiosk version "
                                          "(schema " +
                                          std::to_string(current) + ", this version knows " +
                                          std::to_string(newest) + "); install the newer version"};
    }
    for (const Migration& migration : all) {
        if (migration.version <= current) continue;
        Status applied = transaction([&]() -> Status {
            if (Status status = exec(migration.sql); !status) return status;
            return exec("PRAGMA user_version = " + std::to_string(migration.version));
        });
        if (!applied) return applied;
    }
    // A new schema would otherwise live only in the WAL until SQLite's next automatic checkpoint:
    // a backup or a support bundle copying kiosk.sqlite3 alone would get an empty database.
    if (current < newest) {
        if (Status checkpointed = exec("PRAGMA wal_checkpoint(TRUNCATE)"); !checkpointed) return checkpointed;
    }
    // Proves the file is writable now, not at the first citizen's request.
    return transaction([&] {
        return exec(
            "INSERT INTO kiosk_meta(key, value) VALUES('last_open', strftime('%Y-%m-%dT%H:%M:%fZ'))"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    });
}

Status Database::transaction(const std::function<Status()>& body) {
    // Inside another transaction this is a savepoint: the outer one decides what is committed,
    // so "Get help" can save its request and its ticket together, or neither.
    const bool nested = transactionDepth_ > 0;
    if (Status begun = exec(nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE"); !begun) return begun;
    ++transactionDepth_;
    Status result = body();
    --transactionDepth_;
    if (nested) {
        if (!result) sqlite3_exec(db_, "ROLLBACK TO nested", nullptr, nullptr, nullptr);
        sqlite3_exec(db_, "RELEASE nested", nullptr, nullptr, nullptr);
        return result;
    }
    if (result) {
        const int code = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
        if (code == SQLITE_OK) return result;
        result = errorFrom(code, "saving");
    }
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return result;
}

int Database::schemaVersion() {
    auto statement = prepare("PRAGMA user_version");
    if (!statement) return -1;
    auto row = statement->step();
    if (!row || !*row) return -1;
    return static_cast<int>(statement->columnInt(0));
}

int64_t Database::changedRows() const {
    return sqlite3_changes64(db_);
}

Result<std::optional<std::string>> Database::metaValue(std::string_view key) {
    auto statement = prepare("SELECT value FROM kiosk_meta WHERE key = ?1");
    if (!statement) return statement.error();
    statement->bind(1, key);
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(statement->columnText(0));
}

Status Database::setMetaValue(std::string_view key, const std::optional<std::string>& value) {
    auto statement = value ? prepare("INSERT OR REPLACE INTO kiosk_meta(key, value) VALUES(?1, ?2)")
                           : prepare("DELETE FROM kiosk_meta WHERE key = ?1");
    if (!statement) return statement.error();
    statement->bind(1, key);
    if (value) statement->bind(2, *value);
    return statement->run();
}

int64_t Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(db_);
}

Status Database::limitPageCount(int64_t pages) {
    return exec("PRAGMA max_page_count = " + std::to_string(pages));
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (code != SQLITE_OK) return errorFrom(code, "preparing a database query");
    return Statement(statement, this);
}

Statement::Statement(sqlite3_stmt* statement, const Database* owner) : stmt_(statement), owner_(owner) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), owner_(other.owner_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (stmt_) sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        owner_ = other.owner_;
    }
    return *this;
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // An empty view may have no data pointer, which SQLite would store as NULL, not ''.
    sqlite3_bind_text(stmt_, index, value.data() ? value.data() : "", static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Result<bool> Statement::step() {
    const int code = sqlite3_step(stmt_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    return owner_->errorFrom(code, "a database query");
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return row.error();
        if (!*row) return success();
    }
}

int64_t Statement::columnInt(int index) const {
    return sqlite3_column_int64(stmt_, index);
}

std::string Statement::columnText(int index) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
    return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, index))) : std::string();
}

std::optional<int64_t> Statement::columnOptionalInt(int index) const {
    if (columnIsNull(index)) return std::nullopt;
    return columnInt(index);
}

bool Statement::columnIsNull(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

}  // namespace kiosk::store
