// A read-only SQLite connection for doctor: never creates the file, never migrates, never writes,
// never takes a write lock, so it is safe beside a running kiosk and on a damaged database.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk::diag {

class ReadOnlyDatabase {
public:
    explicit ReadOnlyDatabase(const std::filesystem::path& file);
    ~ReadOnlyDatabase();
    ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
    ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    // Every row of a query as text columns; nullopt (with lastError()) when it fails.
    std::optional<std::vector<std::vector<std::string>>> rows(const char* sql);
    bool hasTable(const std::string& name);
    const std::string& lastError() const { return lastError_; }
    // The SQLite result code of the failed open or the last failed query (SQLITE_CORRUPT,
    // SQLITE_NOTADB, SQLITE_CANTOPEN, ...), so a damaged file is not called a permissions problem.
    int lastErrorCode() const { return lastErrorCode_; }

private:
    sqlite3* db_ = nullptr;
    std::string error_;
    std::string lastError_;
    int lastErrorCode_ = 0;
};

}  // namespace kiosk::diag
