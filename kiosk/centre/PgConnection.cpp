#include "kiosk/centre/PgConnection.h"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <utility>

namespace kiosk::centre {
namespace {

// libpq's messages end in a newline and may span lines; the CLI prints one line per problem.
std::string oneLine(const char* text) {
    std::string line = text ? text : "";
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line;
}

}  // namespace

PgRows::PgRows(PgRows&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgRows& PgRows::operator=(PgRows&& other) noexcept {
    if (this != &other) {
        if (result_) PQclear(result_);
        result_ = std::exchange(other.result_, nullptr);
    }
    return *this;
}

PgRows::~PgRows() {
    if (result_) PQclear(result_);
}

int PgRows::count() const {
    return result_ ? PQntuples(result_) : 0;
}

bool PgRows::isNull(int row, int column) const {
    return !result_ || PQgetisnull(result_, row, column);
}

std::string PgRows::text(int row, int column) const {
    if (isNull(row, column)) return {};
    return std::string(PQgetvalue(result_, row, column),
                       static_cast<size_t>(PQgetlength(result_, row, column)));
}

std::optional<int64_t> PgRows::optionalInteger(int row, int column) const {
    if (isNull(row, column)) return std::nullopt;
    const char* value = PQgetvalue(result_, row, column);
    const char* end = value + PQgetlength(result_, row, column);
    int64_t number = 0;
    if (std::from_chars(value, end, number).ec != std::errc()) return std::nullopt;
    return number;
}

int64_t PgRows::integer(int row, int column) const {
    return optionalInteger(row, column).value_or(0);
}

namespace {

// TCP keepalives on every connection: a centre that vanished from the network without closing
// the socket (cable pulled, router off) is noticed in about 25 s, even by a connection that only
// listens for NOTIFY and never sends; tcp_user_timeout bounds data that is sent and never
// acknowledged the same way. libpq ignores them on a Unix socket. They come before the
// configured string, which may set its own.
constexpr std::pair<const char*, const char*> kKeepAlive[] = {
    {"keepalives", "1"},       {"keepalives_idle", "10"},     {"keepalives_interval", "5"},
    {"keepalives_count", "3"}, {"tcp_user_timeout", "20000"},
};

pg_conn* connectWith(const std::string& connectionString, const char* connectSeconds) {
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    for (const auto& [keyword, value] : kKeepAlive) {
        keywords.push_back(keyword);
        values.push_back(value);
    }
    // Expanded in place (expand_dbname): its settings override the defaults above, and a
    // keyword after it overrides the string, so the kiosk's connect bound holds whatever it says.
    keywords.push_back("dbname");
    values.push_back(connectionString.c_str());
    if (connectSeconds) {
        keywords.push_back("connect_timeout");
        values.push_back(connectSeconds);
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    return PQconnectdbParams(keywords.data(), values.data(), 1);
}

}  // namespace

Result<PgConnection> PgConnection::open(const std::string& connectionString) {
    return adopt(connectWith(connectionString, nullptr));
}

Result<PgConnection> PgConnection::open(const std::string& connectionString, const PgDeadlines& deadlines) {
    const std::string connectSeconds = std::to_string(std::max<int64_t>(2, deadlines.connect.count()));
    auto connection = adopt(connectWith(connectionString, connectSeconds.c_str()));
    if (connection) connection->answerDeadline_ = deadlines.answer;
    return connection;
}

std::optional<std::string> PgConnection::setting(std::string_view keyword) const {
    if (!connection_) return std::nullopt;
    PQconninfoOption* options = PQconninfo(connection_);
    if (!options) return std::nullopt;
    std::optional<std::string> found;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (keyword == option->keyword && option->val) found = option->val;
    }
    PQconninfoFree(options);
    return found;
}

Result<PgConnection> PgConnection::adopt(pg_conn* connection) {
    if (!connection) {
        return Error{"centre.unreachable", "cannot connect to the centre database: out of memory"};
    }
    if (PQstatus(connection) != CONNECTION_OK) {
        // libpq's message names the host and the reason, never the password.
        Error error{"centre.unreachable",
                    "cannot connect to the centre database: " + oneLine(PQerrorMessage(connection)) +
                        ". Check that the server runs and the [centre] database "
                        "setting in the config"};
        PQfinish(connection);
        return error;
    }
    // libpq prints server notices ("relation ... already exists, skipping") on stderr, where a
    // command's one line of output or a script's parsing would trip over them. They are never
    // errors: those come back as results.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    return PgConnection(connection);
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      answerDeadline_(other.answerDeadline_),
      unanswered_(std::move(other.unanswered_)),
      prepared_(std::move(other.prepared_)) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
    if (this != &other) {
        if (connection_) PQfinish(connection_);
        connection_ = std::exchange(other.connection_, nullptr);
        answerDeadline_ = other.answerDeadline_;
        prepared_ = std::move(other.prepared_);
        unanswered_ = std::move(other.unanswered_);
    }
    return *this;
}

PgConnection::~PgConnection() {
    if (connection_) PQfinish(connection_);
}

Error PgConnection::lastError(std::string_view doing, const pg_result* result) const {
    if (PQstatus(connection_) != CONNECTION_OK) {
        return Error{"centre.unreachable", "lost the connection to the centre database while " +
                                               std::string(doing) + ": " +
                                               oneLine(PQerrorMessage(connection_)) +
                                               ". Nothing was changed; try again when the server is back"};
    }
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
    return Error{"centre.sql." + std::string(state ? state : "unknown"),
                 "the centre database refused " + std::string(doing) + ": " + oneLine(message)};
}

namespace {

std::vector<const char*> valuesOf(const std::vector<PgParam>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const PgParam& param : params)
        values.push_back(param ? param->c_str() : nullptr);
    return values;
}

}  // namespace

Result<PgRows> PgConnection::query(std::string_view sql, const std::vector<PgParam>& params) {
    const std::vector<const char*> values = valuesOf(params);
    const std::string statement(sql);
    const int count = static_cast<int>(values.size());
    return answer(
        statement,
        [&] {
            return PQsendQueryParams(connection_, statement.c_str(), count, nullptr, values.data(), nullptr,
                                     nullptr, 0);
        },
        [&] {
            return PQexecParams(connection_, statement.c_str(), count, nullptr, values.data(), nullptr,
                                nullptr, 0);
        });
}

Status PgConnection::prepareOnce(const std::string& name, const std::string& statement) {
    if (prepared_.contains(name)) return success();
    auto prepared = answer(
        statement, [&] { return PQsendPrepare(connection_, name.c_str(), statement.c_str(), 0, nullptr); },
        [&] { return PQprepare(connection_, name.c_str(), statement.c_str(), 0, nullptr); });
    if (!prepared) return prepared.error();
    prepared_.insert(name);
    return success();
}

Result<PgRows> PgConnection::queryPrepared(const std::string& name, std::string_view sql,
                                           const std::vector<PgParam>& params) {
    const std::string statement(sql);
    if (Status prepared = prepareOnce(name, statement); !prepared) return prepared.error();
    const std::vector<const char*> values = valuesOf(params);
    const int count = static_cast<int>(values.size());
    return answer(
        statement,
        [&] {
            return PQsendQueryPrepared(connection_, name.c_str(), count, values.data(), nullptr, nullptr, 0);
        },
        [&] { return PQexecPrepared(connection_, name.c_str(), count, values.data(), nullptr, nullptr, 0); });
}

Status PgConnection::sendPrepared(const std::string& name, std::string_view sql,
                                  const std::vector<PgParam>& params, std::string what) {
    const std::string statement(sql);
    if (Status prepared = prepareOnce(name, statement); !prepared) return prepared.error();
    readUnanswered();
    const std::vector<const char*> values = valuesOf(params);
    if (!connection_ || !PQsendQueryPrepared(connection_, name.c_str(), static_cast<int>(values.size()),
                                             values.data(), nullptr, nullptr, 0))
        return lastError("a statement (" + what + ")", nullptr);
    unanswered_.push_back(std::move(what));
    return success();
}

void PgConnection::readUnanswered() {
    for (const std::string& what : std::exchange(unanswered_, {})) {
        bool timedOut = false;
        pg_result* raw = answerDeadline_ ? executeWithin([] { return 1; }, timedOut) : nullptr;
        if (!answerDeadline_ && connection_) {
            // Every result up to the end of this statement's answer; an error one is kept.
            while (pg_result* next = PQgetResult(connection_)) {
                if (raw && PQresultStatus(raw) == PGRES_FATAL_ERROR) {
                    PQclear(next);
                } else {
                    if (raw) PQclear(raw);
                    raw = next;
                }
            }
        }
        PgRows rows(raw);
        const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
        if (timedOut || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK))
            spdlog::warn("centre: {} failed: {}", what,
                         timedOut ? std::string("no answer in time") : lastError(what, raw).message);
        if (!connection_) break;
    }
}

Result<PgRows> PgConnection::answer(const std::string& statement, const std::function<int()>& send,
                                    const std::function<pg_result*()>& run) {
    readUnanswered();
    bool timedOut = false;
    pg_result* raw = answerDeadline_ ? executeWithin(send, timedOut) : (connection_ ? run() : nullptr);
    if (timedOut) {
        return Error{"centre.unreachable",
                     "the centre database did not answer within " + std::to_string(answerDeadline_->count()) +
                         " ms; the connection was closed, and whether the statement took effect is unknown"};
    }
    PgRows rows(raw);  // owns `raw` from here, also on the error path
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        // Named by its first word (SELECT, UPDATE, ...): enough to find it, no values.
        const size_t start = std::min(statement.find_first_not_of(" \n"), statement.size());
        const std::string verb = statement.substr(start, statement.find_first_of(" \n", start) - start);
        return lastError("a statement (" + verb + ")", raw);
    }
    return rows;
}

pg_result* PgConnection::executeWithin(const std::function<int()>& send, bool& timedOut) {
    if (!connection_) return nullptr;  // closed after an earlier missed deadline: lastError says so
    if (!send()) return nullptr;
    const auto until = std::chrono::steady_clock::now() + *answerDeadline_;
    // The last result is the statement's; an error result wins over everything after it.
    pg_result* answer = nullptr;
    for (;;) {
        while (PQisBusy(connection_)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now());
            pollfd socket{PQsocket(connection_), POLLIN, 0};
            const int ready = left.count() > 0 ? ::poll(&socket, 1, static_cast<int>(left.count())) : 0;
            if (ready == 0) {
                // Closing is the only safe answer: the server may still run the statement later,
                // but this connection can never be in a known state again.
                if (answer) PQclear(answer);
                PQfinish(connection_);
                connection_ = nullptr;
                timedOut = true;
                return nullptr;
            }
            if (ready < 0 && errno == EINTR) continue;
            if (!PQconsumeInput(connection_)) break;  // the connection broke: PQgetResult says so
        }
        pg_result* next = PQgetResult(connection_);
        if (!next) return answer;
        const ExecStatusType status = PQresultStatus(next);
        const bool failed = status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
        if (answer && PQresultStatus(answer) == PGRES_FATAL_ERROR && !failed) {
            PQclear(next);
        } else {
            if (answer) PQclear(answer);
            answer = next;
        }
        if (PQstatus(connection_) == CONNECTION_BAD) return answer;
    }
}

Status PgConnection::run(std::string_view sql, const std::vector<PgParam>& params) {
    auto rows = query(sql, params);
    if (!rows) return rows.error();
    return success();
}

Status PgConnection::runScript(std::string_view sql) {
    readUnanswered();
    const std::string script(sql);
    pg_result* raw = PQexec(connection_, script.c_str());
    PgRows rows(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return lastError("a script", raw);
    return success();
}

Status PgConnection::transaction(const std::function<Status()>& body) {
    if (Status begun = run("BEGIN"); !begun) return begun;
    Status result = body();
    if (result) result = run("COMMIT");
    if (!result) (void)run("ROLLBACK");  // after a failed COMMIT this is a no-op with a warning
    return result;
}

}  // namespace kiosk::centre
