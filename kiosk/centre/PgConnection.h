// One connection to the centre's PostgreSQL through libpq, owned (RAII), with every failure as a
// kiosk::Error. Parameters always travel apart from the SQL text (PQexecParams, text format), so
// no value is ever spliced into a statement. Not thread-safe: one connection per thread.
//
// Usage:
//   auto connection = centre::PgConnection::open("postgresql://kiosk@/centre");
//   auto rows = connection->query("SELECT number FROM ticket WHERE id = $1", {ticketId});
//   Status saved = connection->transaction([&]() -> Status { ... return success(); });
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
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

// How long a terminal that must not hang (a kiosk issuing tickets) waits for the server.
struct PgDeadlines {
    // Connecting, including the server's startup answer; libpq counts it in whole seconds, at least 2.
    std::chrono::seconds connect{2};
    // Each statement's answer, measured on our side of the socket: a server that is stopped,
    // frozen or cut off by the network never answers, and statement_timeout would run on it.
    std::chrono::milliseconds answer{2000};
};

class PgConnection {
public:
    // Connects with a libpq connection string (URI or key=value). Error centre.unreachable.
    static Result<PgConnection> open(const std::string& connectionString);
    // The same, bounded by `deadlines`: a statement without an answer in time closes the
    // connection and fails with centre.unreachable, so a hung server costs at most that long.
    static Result<PgConnection> open(const std::string& connectionString, const PgDeadlines& deadlines);

    PgConnection(PgConnection&&) noexcept;
    PgConnection& operator=(PgConnection&&) noexcept;
    ~PgConnection();

    // Runs one statement. Errors: centre.unreachable when the connection is gone, otherwise
    // "centre.sql.<SQLSTATE>" (e.g. centre.sql.23505 for a unique violation).
    Result<PgRows> query(std::string_view sql, const std::vector<PgParam>& params = {});
    Status run(std::string_view sql, const std::vector<PgParam>& params = {});
    // The same for a statement this connection runs again and again (call-next, done): prepared
    // under `name` on its first use, then only executed, so the server does not parse and plan
    // it on every call. `name` must always come with the same `sql`.
    Result<PgRows> queryPrepared(const std::string& name, std::string_view sql,
                                 const std::vector<PgParam>& params = {});
    // Sends a prepared statement (as queryPrepared) without waiting for its answer: for the
    // NOTIFY after a committed change, whose answer the caller has no use for. The answer is
    // read before this connection's next statement, and a failure is only logged then, as
    // `what`. An error here means it could not be sent (or prepared) at all.
    Status sendPrepared(const std::string& name, std::string_view sql, const std::vector<PgParam>& params,
                        std::string what);
    // Several statements separated by semicolons, no parameters (migrations).
    Status runScript(std::string_view sql);

    // BEGIN ... COMMIT around `body`; an error from `body` or the COMMIT rolls everything back.
    // Not nestable: the centre's changes are each one short transaction.
    Status transaction(const std::function<Status()>& body);

    pg_conn* handle() const { return connection_; }
    // A connection setting as libpq uses it ("keepalives_idle" -> "10"); nullopt when unset.
    std::optional<std::string> setting(std::string_view keyword) const;
    // False once the connection was closed after a missed answer deadline.
    bool isOpen() const { return connection_ != nullptr; }

private:
    explicit PgConnection(pg_conn* connection) : connection_(connection) {}
    // Checks a new libpq connection and takes it over, or frees it and says why it failed.
    static Result<PgConnection> adopt(pg_conn* connection);
    Error lastError(std::string_view doing, const pg_result* result) const;
    // Sends one statement and waits for its answer at most answerDeadline_; nullptr and a closed
    // connection when the deadline passed (then `timedOut` is set).
    pg_result* executeWithin(const std::function<int()>& send, bool& timedOut);
    // The rows of a statement sent by `send` (or run at once by `run` when there is no deadline),
    // or its error, named by the first word of `statement`.
    Result<PgRows> answer(const std::string& statement, const std::function<int()>& send,
                          const std::function<pg_result*()>& run);

    // Reads the answers of statements sent by sendPrepared, logging their failures.
    void readUnanswered();
    // Prepares `statement` as `name` the first time this connection sees the name.
    Status prepareOnce(const std::string& name, const std::string& statement);

    pg_conn* connection_ = nullptr;
    std::optional<std::chrono::milliseconds> answerDeadline_;
    std::vector<std::string> unanswered_;       // what sendPrepared sent, its answer not read yet
    std::unordered_set<std::string> prepared_;  // statement names prepared on this connection
};

}  // namespace kiosk::centre
