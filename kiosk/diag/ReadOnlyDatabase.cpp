#include "kiosk/diag/ReadOnlyDatabase.h"

#include <sqlite3.h>

namespace kiosk::diag {

ReadOnlyDatabase::ReadOnlyDatabase(const std::filesystem::path& file) {
    if (const int code = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
        code != SQLITE_OK) {
        error_ = db_ ? sqlite3_errmsg(db_) : "out of memory";
        lastErrorCode_ = code;
    } else {
        sqlite3_busy_timeout(db_, 3000);
    }
}

ReadOnlyDatabase::~ReadOnlyDatabase() {
    if (db_) sqlite3_close_v2(db_);
}

std::optional<std::vector<std::vector<std::string>>> ReadOnlyDatabase::rows(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (const int prepared = sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr); prepared != SQLITE_OK) {
        lastError_ = sqlite3_errmsg(db_);
        lastErrorCode_ = prepared;
        sqlite3_finalize(statement);
        return std::nullopt;
    }
    std::vector<std::vector<std::string>> out;
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            row.emplace_back(text ? text : "");
        }
        out.push_back(std::move(row));
    }
    if (code != SQLITE_DONE) {
        lastError_ = sqlite3_errmsg(db_);
        lastErrorCode_ = code;
    }
    sqlite3_finalize(statement);
    if (code != SQLITE_DONE) return std::nullopt;
    return out;
}

bool ReadOnlyDatabase::hasTable(const std::string& name) {
    const std::string sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'";
    auto found = rows(sql.c_str());
    return found && !found->empty();
}

}  // namespace kiosk::diag
