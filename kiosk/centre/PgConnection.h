// One connection to the centre's PostgreSQL through libpq, owned (RAII), with every failure as a
// kiosk::Error. Parameters always travel apart from the SQL text (PQexecParams, text format), so
// no value is ever spliced into a statement. Not thread-safe: one connection per thread.
//
// Usage:
//   auto connection = centre::PgConnection::open("postgresql://kiosk@/centre");
//   auto rows = connection->query("SELECT number FROM ticket WHERE id = $1", {ticketId});
//   Status saved = connection->transaction([&]() -> Status { ... return success(); });
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"

struct pg_conn;
struct pg_result;

namespace kiosk::centre {

// A statement parameter: text (PostgreSQL casts it to the column's type) or SQL NULL.
using PgParam = std::optional<std::string>;

// The rows of one statement. Owns the libpq result.
class PgRows {
public:
    explicit PgRows(pg_result* result) : result_(result) {}
    PgRows(PgRows&&) noexcept;
    PgRows& operator=(PgRows&&) noexcept;
    ~PgRows();

    int count() const;
    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;
    int64_t integer(int row, int column) const;  // 0 for NULL or non-numbers
    std::optional<int64_t> optionalInteger(int row, int column) const;

private:
    pg_result* result_ = nullptr;
};

class PgConnection {
public:
    // Connects with a libpq connection string (URI or key=value). Error centre.unreachable.
    static Result<PgConnection> open(const std::string& connectionString);

    PgConnection(PgConnection&&) noexcept;
    PgConnection& operator=(PgConnection&&) noexcept;
    ~PgConnection();

    // Runs one statement. Errors: centre.unreachable when the connection is gone, otherwise
    // "centre.sql.<SQLSTATE>" (e.g. centre.sql.23505 for a unique violation).
    Result<PgRows> query(std::string_view sql, const std::vector<PgParam>& params = {});
    Status run(std::string_view sql, const std::vector<PgParam>& params = {});
    // Several statements separated by semicolons, no parameters (migrations).
    Status runScript(std::string_view sql);

    // BEGIN ... COMMIT around `body`; an error from `body` or the COMMIT rolls everything back.
    // Not nestable: the centre's changes are each one short transaction.
    Status transaction(const std::function<Status()>& body);

    pg_conn* handle() const { return connection_; }

private:
    explicit PgConnection(pg_conn* connection) : connection_(connection) {}
    Error lastError(std::string_view doing, const pg_result* result) const;

    pg_conn* connection_ = nullptr;
};

}  // namespace kiosk::centre
