#include "kiosk/centre/CentreIssuer.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <utility>

#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/CentreSchema.h"
#include "kiosk/sync/Uuid.h"

namespace kiosk::centre {
namespace {

// The same limit as CentreQueue's: a five-digit number is refused rather than printed.
constexpr int kMaxNumberPerDay = 9999;

// ticket_counter's CHECK keeps online numbers below the leased ones: reaching them, or 9999,
// is a full day, said as CentreQueue says it.
Error dayFullFor(const Error& error, char service) {
    if (error.code != "centre.sql.23514") return error;
    return Error{"queue.day_full",
                 "service " + std::string(1, service) + " has no numbers left today; please ask a volunteer"};
}

// The server is gone or going, as opposed to refusing a statement: connection failures (class
// 08) and operator intervention such as a shutdown or a terminated backend (class 57).
bool serverGone(const Error& error) {
    return error.code == "centre.unreachable" || error.code.starts_with("centre.sql.08") ||
           error.code.starts_with("centre.sql.57");
}

}  // namespace

CentreIssuer::CentreIssuer(IssuerSettings settings, store::Database& journal, const WallClock& clock)
    : settings_(std::move(settings)), journal_(journal), clock_(clock) {}

void CentreIssuer::lostServer() {
    connection_.reset();
    retryAt_ = std::chrono::steady_clock::now() + settings_.retryServerAfter;
}

void CentreIssuer::noteFailure(const Error& error) {
    if (serverGone(error)) lostServer();
}

Result<PgConnection*> CentreIssuer::server() {
    if (connection_ && connection_->isOpen()) return &*connection_;
    connection_.reset();
    if (retryAt_ && std::chrono::steady_clock::now() < *retryAt_) {
        return Error{"centre.unreachable",
                     "the centre database did not answer a moment ago; this kiosk issues from its "
                     "leased numbers until it tries again"};
    }
    auto opened = PgConnection::open(settings_.connectionString, settings_.deadlines);
    if (!opened) {
        lostServer();
        return opened.error();
    }
    auto version = centreSchemaVersion(*opened);
    if (!version) {
        if (serverGone(version.error())) lostServer();
        return version.error();
    }
    if (*version != latestSchemaVersion()) {
        return Error{"centre.schema_version", "the centre database is at schema version " +
                                                  std::to_string(*version) + ", this terminal needs " +
                                                  std::to_string(latestSchemaVersion()) +
                                                  "; run `commune-kiosk centre init` once, or update "
                                                  "commune-kiosk on this terminal"};
    }
    auto pid = opened->query("SELECT pg_backend_pid()");
    if (!pid) {
        if (serverGone(pid.error())) lostServer();
        return pid.error();
    }
    backendPid_ = static_cast<int>(pid->integer(0, 0));
    connection_ = std::move(opened).value();
    retryAt_.reset();
    return &*connection_;
}

Status CentreIssuer::noteContact(PgConnection& connection) {
    return connection.run(
        "INSERT INTO terminal(id, role, last_contact) VALUES ($1, 'kiosk', now()) "
        "ON CONFLICT (id) DO UPDATE SET role = excluded.role, last_contact = excluded.last_contact",
        {settings_.kioskId});
}

Result<IssuedTicket> CentreIssuer::issue(char service, queue::Priority priority, const TicketTags& tags) {
    if (service < 'A' || service > 'Z') {
        return Error{"queue.unknown_service",
                     std::string("a service is one capital letter A-Z, not '") + service + "'"};
    }
    if (Status checked = checkTicketTags(tags); !checked) return checked.error();
    auto id = sync::newUuidV4();
    if (!id) return id.error();
    std::optional<UnsureTicket> unsure;
    auto connection = server();
    if (!connection && !serverGone(connection.error())) return connection.error();
    if (connection) {
        // What was issued offline goes first: those citizens have waited longer.
        auto pushed = push();
        // A journaled ticket the centre refuses (a bug, or the local disk failing) must not stop
        // today's issuing: it stays journaled, and the log says why.
        if (!pushed && !serverGone(pushed.error()))
            spdlog::warn("centre: tickets issued offline are not pushed yet: {}", pushed.error().message);
        if (pushed || !serverGone(pushed.error())) {
            CentreQueue line(**connection, clock_, settings_.policy);
            auto ticket = line.issueWithId(*id, service, priority, settings_.kioskId, tags);
            if (ticket) {
                std::optional<queue::QueuePosition> position;
                if (auto where = line.position(ticket->id)) {
                    position = *where;
                } else {
                    spdlog::warn("centre: ticket {}: no wait estimate: {}", ticket->label(),
                                 where.error().message);
                }
                // A lease is topped up while the server answers; failing that costs nothing now.
                if (Status leased = topUpLeases(std::string(1, service)); !leased)
                    spdlog::warn("centre: could not top up the leased numbers of {}: {}", service,
                                 leased.error().message);
                return IssuedTicket{std::move(ticket).value(), false, position};
            }
            if (!serverGone(ticket.error())) return dayFullFor(ticket.error(), service);
            unsure = UnsureTicket{*id, backendPid_};
            lostServer();
        }
    }
    // A new id: the broken-off one may exist at the centre with another number.
    auto offlineId = sync::newUuidV4();
    if (!offlineId) return offlineId.error();
    return issueFromLease(*offlineId, service, priority, tags, unsure);
}

Result<IssuedTicket> CentreIssuer::issueFromLease(const std::string& id, char service,
                                                  queue::Priority priority, const TicketTags& tags,
                                                  const std::optional<UnsureTicket>& unsure) {
    const WallTime now = clock_.now();
    auto journaled = journal_.issueFromLease(id, clock_.localDay(now), service, priority, now, tags, unsure);
    if (!journaled) {
        if (unsure) (void)journal_.noteUnsure(*unsure);
        return journaled.error();
    }
    CentreTicket ticket;
    ticket.id = journaled->id;
    ticket.day = journaled->day;
    ticket.letter = ticket.service = service;
    ticket.number = journaled->number;
    ticket.priority = priority;
    ticket.kiosk = settings_.kioskId;
    // Debug only: a command's one line of output must stay one line; the journal keeps the record.
    spdlog::debug("centre: issued {} from this kiosk's leased numbers (the server does not answer)",
                  ticket.label());
    return IssuedTicket{std::move(ticket), true, std::nullopt};
}

Result<PushOutcome> CentreIssuer::push() {
    auto connection = server();
    if (!connection) return connection.error();
    PushOutcome outcome;
    auto unsure = journal_.unsureTickets();
    if (!unsure) return unsure.error();
    for (const UnsureTicket& ticket : *unsure) {
        auto voided = voidUnheld(**connection, ticket);
        if (!voided) {
            if (serverGone(voided.error())) {
                lostServer();
                return voided.error();
            }
            // Kept for the next push; the tickets below do not wait for it.
            spdlog::warn("centre: could not settle the broken-off ticket {}: {}", ticket.id,
                         voided.error().message);
            continue;
        }
        outcome.voided += *voided ? 1 : 0;
    }
    auto journaled = journal_.unpushed();
    if (!journaled) return journaled.error();
    outcome.waiting = static_cast<int>(journaled->size());
    for (const JournaledTicket& ticket : *journaled) {
        bool inserted = false;
        if (Status pushed = pushTicket(**connection, ticket, inserted); !pushed) {
            if (serverGone(pushed.error())) lostServer();
            return pushed.error();
        }
        // Committed at the centre; if marking it here fails, the next push finds it there.
        if (Status marked = journal_.markPushed(ticket.id, clock_.now()); !marked) return marked.error();
        ++outcome.pushed;
        --outcome.waiting;
    }
    return outcome;
}

// True when a ticket was removed. The server process that ran the broken-off transaction may
// still commit it (a frozen server resumes and reads the COMMIT already in its socket), so the
// ticket is looked for only after that process has ended.
Result<bool> CentreIssuer::voidUnheld(PgConnection& connection, const UnsureTicket& unsure) {
    if (unsure.backendPid != backendPid_) {
        auto ended = connection.query(
            "SELECT pg_terminate_backend(pid, 1000) FROM pg_stat_activity WHERE pid = $1::integer",
            {std::to_string(unsure.backendPid)});
        if (!ended) return ended.error();
        if (ended->count() > 0 && ended->text(0, 0) != "t") return false;
    }
    auto removed = connection.query(
        "DELETE FROM ticket WHERE id = $1::uuid AND status = 'waiting' RETURNING 1", {unsure.id});
    if (!removed) return removed.error();
    if (Status forgotten = journal_.forgetUnsure(unsure.id); !forgotten) return forgotten.error();
    if (removed->count() > 0)
        spdlog::warn("centre: removed ticket {}, issued while the connection broke and held by nobody",
                     unsure.id);
    return removed->count() > 0;
}

Status CentreIssuer::pushTicket(PgConnection& connection, const JournaledTicket& ticket, bool& inserted) {
    const std::string number = std::to_string(ticket.number);
    Status saved = connection.transaction([&]() -> Status {
        if (Status noted = noteContact(connection); !noted) return noted;
        auto rows = connection.query(
            "INSERT INTO ticket(id, day, service, number, priority, status, kiosk, issued_at, "
            "issued_offline, origin, household_key) "
            "VALUES ($1::uuid, $2::date, $3, $4::integer, $5, 'waiting', $6, "
            "to_timestamp($7::bigint / 1000.0), true, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING 1",
            {ticket.id, ticket.day, std::string(1, ticket.service), number,
             std::string(queue::priorityName(ticket.priority)), settings_.kioskId,
             std::to_string(ticket.issuedAt.time_since_epoch().count()), ticket.tags.origin,
             ticket.tags.householdKey});
        if (!rows) return rows.error();
        inserted = rows->count() > 0;
        return success();
    });
    if (!saved || !inserted) return saved;
    // Announced after the commit, as CentreQueue does, so desks list it without polling.
    CentreTicket pushed;
    pushed.letter = pushed.service = ticket.service;
    pushed.number = ticket.number;
    const nlohmann::json payload = {{"event", "issued"},        {"id", ticket.id},
                                    {"number", pushed.label()}, {"service", std::string(1, ticket.service)},
                                    {"status", "waiting"},      {"desk", nullptr},
                                    {"issued_offline", true}};
    if (Status sent =
            connection.run("SELECT pg_notify($1, $2)", {std::string(kQueueChannel), payload.dump()});
        !sent)
        spdlog::warn("centre: ticket {} pushed but not announced: {}", pushed.label(), sent.error().message);
    return success();
}

Status CentreIssuer::leaseBlock(PgConnection& connection, const std::string& day, char service) {
    const std::string letter(1, service);
    int64_t first = 0;
    int64_t last = 0;
    Status leased = connection.transaction([&]() -> Status {
        if (Status noted = noteContact(connection); !noted) return noted;
        // From the top down (see the schema): the row's CHECK refuses a lease that would reach
        // the numbers already given out online.
        auto counter = connection.query(
            "INSERT INTO ticket_counter(day, service, last_number, leased_from) "
            "VALUES ($1::date, $2, 0, $3::integer - $4::integer) ON CONFLICT (day, service) "
            "DO UPDATE SET leased_from = ticket_counter.leased_from - $4::integer RETURNING leased_from",
            {day, letter, std::to_string(kMaxNumberPerDay + 1), std::to_string(settings_.leaseSize)});
        if (!counter) return counter.error();
        first = counter->integer(0, 0);
        last = first + settings_.leaseSize - 1;
        return connection.run(
            "INSERT INTO number_lease(day, service, kiosk, first_number, last_number) "
            "VALUES ($1::date, $2, $3, $4::integer, $5::integer)",
            {day, letter, settings_.kioskId, std::to_string(first), std::to_string(last)});
    });
    if (!leased) return dayFullFor(leased.error(), service);
    // Lost if the kiosk stops right here: a gap of unused numbers, never a number given twice.
    return journal_.addLease(day, service, static_cast<int>(first), static_cast<int>(last));
}

Status CentreIssuer::topUpLeases(std::string_view services) {
    return topUpLeasesOf(clock_.localDay(clock_.now()), services);
}

Status CentreIssuer::topUpLeasesOf(const std::string& day, std::string_view services) {
    for (const char service : services) {
        auto left = journal_.numbersLeft(day, service);
        if (!left) return left.error();
        if (*left >= settings_.refillBelow) continue;
        auto connection = server();
        if (!connection) return connection.error();
        if (Status leased = leaseBlock(**connection, day, service); !leased) {
            if (serverGone(leased.error())) lostServer();
            return leased;
        }
    }
    return success();
}

Status CentreIssuer::keepInTouch(std::string_view services) {
    auto connection = server();
    if (!connection) return connection.error();
    if (Status noted = noteContact(**connection); !noted) {
        if (serverGone(noted.error())) lostServer();
        return noted;
    }
    auto pushed = push();
    if (!pushed) return pushed.error();
    if (Status today = topUpLeases(services); !today) return today;
    // Vietnam keeps no summer time: 24 hours on is always the next local day.
    return topUpLeasesOf(clock_.localDay(clock_.now() + std::chrono::hours(24)), services);
}

}  // namespace kiosk::centre
