#include "kiosk/centre/CentreQueue.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

#include "kiosk/sync/Uuid.h"

namespace kiosk::centre {
namespace {

// A larger day than this is refused rather than printed with five digits nobody expects.
constexpr int kMaxNumberPerDay = 9999;

constexpr std::string_view kColumns =
    "id::text, day::text, service, number, priority, status, desk, kiosk, letter";

CentreTicket readTicket(const PgRows& rows, int row) {
    CentreTicket ticket;
    ticket.id = rows.text(row, 0);
    ticket.day = rows.text(row, 1);
    ticket.service = rows.text(row, 2).front();
    ticket.number = static_cast<int>(rows.integer(row, 3));
    // The schema's CHECK constraints admit only the names these parse.
    ticket.priority = queue::priorityFromName(rows.text(row, 4)).value_or(queue::Priority::None);
    ticket.status = queue::stateFromName(rows.text(row, 5)).value_or(queue::TicketState::Waiting);
    if (auto desk = rows.optionalInteger(row, 6)) ticket.desk = static_cast<int>(*desk);
    ticket.kiosk = rows.text(row, 7);
    ticket.letter = rows.text(row, 8).front();
    return ticket;
}

std::string withColumns(std::string_view head, std::string_view tail = {}) {
    return std::string(head) + std::string(kColumns) + std::string(tail);
}

Error noSuchTicket(std::string_view id) {
    return Error{"queue.no_such_ticket",
                 "there is no ticket " + std::string(id) + " in the centre's queue; check the ticket id"};
}

}  // namespace

CentreQueue::CentreQueue(PgConnection& connection, const WallClock& clock, queue::QueuePolicy policy)
    : connection_(connection), clock_(clock), policy_(std::move(policy)) {}

Status CentreQueue::noteContact(std::string_view terminal, std::string_view role) {
    return connection_.run(
        "INSERT INTO terminal(id, role, last_contact) VALUES ($1, $2, now()) "
        "ON CONFLICT (id) DO UPDATE SET role = excluded.role, last_contact = excluded.last_contact",
        {std::string(terminal), std::string(role)});
}

// Sent right after the change committed, in a transaction of its own. Sent inside the change's
// transaction instead, PostgreSQL would hold its global notify lock across that transaction's
// WAL flush, so every desk's and kiosk's commit would wait for every other's fsync (measured by
// bench_centre: see the commit message). A notify-only transaction writes no WAL. A change is
// never announced before it is committed; one whose connection drops in between is committed
// but not announced, which listeners cover by reloading the queue when they (re)connect.
void CentreQueue::announceCommitted(std::string_view event, const CentreTicket& ticket) {
    nlohmann::json payload = {{"event", event},
                              {"id", ticket.id},
                              {"number", ticket.label()},
                              {"service", std::string(1, ticket.service)},
                              {"status", queue::stateName(ticket.status)},
                              {"desk", ticket.desk ? nlohmann::json(*ticket.desk) : nlohmann::json()}};
    // Not waited for: the change is committed and its caller (a desk) need not wait one more
    // round trip for the server to say the announcement went out; the answer is read before
    // this connection's next statement, and a failure logged then.
    Status sent = connection_.sendPrepared("announce", "SELECT pg_notify($1, $2)",
                                           {std::string(kQueueChannel), payload.dump()},
                                           "the announcement of ticket " + ticket.label());
    if (!sent)
        spdlog::warn("centre: ticket {} {} but not announced: {}", ticket.label(), event,
                     sent.error().message);
}

Result<CentreTicket> CentreQueue::issue(char service, queue::Priority priority, std::string_view kiosk,
                                        const TicketTags& tags) {
    auto id = sync::newUuidV4();
    if (!id) return id.error();
    return issueWithId(*id, service, priority, kiosk, tags);
}

Result<CentreTicket> CentreQueue::issueWithId(std::string_view id, char service, queue::Priority priority,
                                              std::string_view kiosk, const TicketTags& tags) {
    if (service < 'A' || service > 'Z') {
        return Error{"queue.unknown_service",
                     std::string("a service is one capital letter A-Z, not '") + service + "'"};
    }
    if (Status checked = checkTicketTags(tags); !checked) return checked.error();
    const std::string day = clock_.localDay(clock_.now());
    const std::string letter(1, service);
    CentreTicket issued;
    Status saved = connection_.transaction([&]() -> Status {
        if (Status noted = noteContact(kiosk, "kiosk"); !noted) return noted;
        auto counter = connection_.query(
            "INSERT INTO ticket_counter(day, service, last_number) VALUES ($1::date, $2, 1) "
            "ON CONFLICT (day, service) DO UPDATE SET last_number = ticket_counter.last_number + 1 "
            "RETURNING last_number",
            {day, letter});
        if (!counter) return counter.error();
        const int64_t number = counter->integer(0, 0);
        if (number > kMaxNumberPerDay) {
            return Error{"queue.day_full", "service " + letter + " has given out " +
                                               std::to_string(kMaxNumberPerDay) +
                                               " tickets today; please ask a volunteer"};
        }
        auto inserted = connection_.query(
            withColumns(
                "INSERT INTO ticket(id, day, letter, service, number, priority, status, kiosk, "
                "origin, household_key) "
                "VALUES ($1::uuid, $2::date, $3, $3, $4::integer, $5, 'waiting', $6, $7, $8) RETURNING "),
            {std::string(id), day, letter, std::to_string(number), std::string(queue::priorityName(priority)),
             std::string(kiosk), tags.origin, tags.householdKey});
        if (!inserted) return inserted.error();
        issued = readTicket(*inserted, 0);
        return success();
    });
    if (!saved) return saved.error();
    announceCommitted("issued", issued);
    return issued;
}

namespace {

// The interleave rule's answer (kiosk/queue/CallPolicy.h, the one copy of the rule) for every
// run of calls the call-next statement can find, so the statement can read the run and follow
// the rule without a round trip in between. Element k of `afterPriority` (a PostgreSQL array
// literal, from 1) says whether to prefer a priority ticket after k priority calls in a row.
struct RuleAnswers {
    int latestCalls = 1;  // how many of the latest calls the run is counted from
    std::string afterPriority;
    std::string afterNormal;
    bool atStart = true;  // no call yet today
};

RuleAnswers answersOf(const queue::InterleaveRule& rule) {
    RuleAnswers answers;
    answers.latestCalls = std::max({1, rule.priorityInARow, rule.normalInARow}) + 1;
    auto prefersPriority = [&](std::optional<queue::TicketClass> last, int length) {
        return queue::nextClass(rule, queue::CallRun{last, length}, true, true) ==
               queue::TicketClass::Priority;
    };
    for (auto [last, answer] : {std::pair{queue::TicketClass::Priority, &answers.afterPriority},
                                std::pair{queue::TicketClass::Normal, &answers.afterNormal}}) {
        *answer = "{";
        for (int length = 1; length <= answers.latestCalls; ++length)
            *answer += std::string(length > 1 ? "," : "") + (prefersPriority(last, length) ? "t" : "f");
        *answer += "}";
    }
    answers.atStart = prefersPriority(std::nullopt, 0);
    return answers;
}

}  // namespace

// Call-next in one statement, its own transaction: read the run of today's latest calls, pick
// the class by the rule's answers, note the desk's contact, take the oldest ticket of the
// preferred class (else the other) with SKIP LOCKED, and call it.
//
// Why it is written like this (bench_centre, issue #15):
//  - One statement instead of BEGIN, contact, run, take (once or twice), UPDATE, COMMIT: on a
//    busy centre server every round trip waits for a CPU as well as the network, and the row
//    lock is held only while the statement runs. Reading the run in the same statement is what
//    the transaction did: READ COMMITTED gave each of its statements a fresh snapshot anyway.
//  - The second class's scan only runs when the first found nothing: a LIMIT over UNION ALL
//    stops pulling from the Append once it has a row, so no second ticket is locked.
//  - `day BETWEEN $1 AND $1 ... ORDER BY day, issue_order` and not `day = $1 ... ORDER BY
//    issue_order`: with the equality the planner may walk the whole-table issue_order index
//    (its statistics do not know that today's head is all called tickets, nor, early in the
//    day, that earlier days come first), passing every ticket already called today, and
//    every earlier day's; measured 2.4 ms for 3,000 called tickets and growing all day. Only
//    ticket_waiting (day, issue_order) WHERE status = 'waiting' gives this order directly, and
//    its entries for called tickets are dead and soon skipped without a heap visit.
constexpr std::string_view kCallNext = R"sql(
    WITH recent AS (
        SELECT priority <> 'none' AS priority, row_number() OVER (ORDER BY call_order DESC) AS place
        FROM (SELECT priority, call_order FROM ticket WHERE day = $1::date AND call_order IS NOT NULL
              ORDER BY call_order DESC LIMIT $5::integer) AS latest),
    run AS (
        SELECT latest.priority AS last,
               coalesce((SELECT min(place) FROM recent WHERE recent.priority <> latest.priority) - 1,
                        (SELECT count(*) FROM recent)) AS calls
        FROM recent AS latest WHERE latest.place = 1),
    preference AS (
        SELECT coalesce((SELECT CASE WHEN last THEN ($6::boolean[])[calls::integer]
                                     ELSE ($7::boolean[])[calls::integer] END FROM run),
                        $8::boolean) AS priority_first),
    contact AS (
        INSERT INTO terminal(id, role, last_contact) VALUES ($3, 'desk', now())
        ON CONFLICT (id) DO UPDATE SET role = excluded.role, last_contact = excluded.last_contact)
    UPDATE ticket SET status = 'called', desk = $2::integer, called_at = now(), calls = calls + 1,
                      call_order = nextval('call_order_seq')
    WHERE id = (
        SELECT id FROM (
            SELECT id FROM (
                SELECT id FROM ticket
                WHERE day BETWEEN $1::date AND $1::date AND status = 'waiting'
                  AND (priority <> 'none') = (SELECT priority_first FROM preference)
                  AND ($4 = '' OR strpos($4, service) > 0)
                ORDER BY day, issue_order LIMIT 1 FOR UPDATE SKIP LOCKED) AS preferred
            UNION ALL
            SELECT id FROM (
                SELECT id FROM ticket
                WHERE day BETWEEN $1::date AND $1::date AND status = 'waiting'
                  AND (priority <> 'none') <> (SELECT priority_first FROM preference)
                  AND ($4 = '' OR strpos($4, service) > 0)
                ORDER BY day, issue_order LIMIT 1 FOR UPDATE SKIP LOCKED) AS other
        ) AS candidate
        LIMIT 1)
    RETURNING )sql";

Result<std::optional<CentreTicket>> CentreQueue::callNext(int desk, std::string_view services) {
    if (desk < 1 || desk > 999) {
        return Error{"queue.bad_desk", "a desk is a number from 1 to 999, not " + std::to_string(desk)};
    }
    const RuleAnswers answers = answersOf(policy_.interleave);
    const std::string day = clock_.localDay(clock_.now());
    auto updated = connection_.queryPrepared(
        "call_next", withColumns(kCallNext),
        {day, std::to_string(desk), "desk-" + std::to_string(desk), std::string(services),
         std::to_string(answers.latestCalls), answers.afterPriority, answers.afterNormal,
         answers.atStart ? "true" : "false"});
    if (!updated) return updated.error();
    if (updated->count() == 0) return std::optional<CentreTicket>();
    CentreTicket called = readTicket(*updated, 0);
    announceCommitted("called", called);
    return std::optional<CentreTicket>(std::move(called));
}

Result<CentreTicket> CentreQueue::find(std::string_view id) {
    if (!sync::isUuid(id)) return noSuchTicket(id);
    auto rows =
        connection_.query(withColumns("SELECT ", " FROM ticket WHERE id = $1::uuid"), {std::string(id)});
    if (!rows) return rows.error();
    if (rows->count() == 0) return noSuchTicket(id);
    return readTicket(*rows, 0);
}

Result<std::vector<CentreTicket>> CentreQueue::unfinishedAt(int desk) {
    auto rows = connection_.query(
        withColumns(
            "SELECT ",
            " FROM ticket WHERE day = $1::date AND desk = $2::integer AND (status = 'called' OR "
            "(status = 'done' AND NOT EXISTS (SELECT 1 FROM help_record h WHERE h.ticket = ticket.id))) "
            "ORDER BY call_order"),
        {clock_.localDay(clock_.now()), std::to_string(desk)});
    if (!rows) return rows.error();
    std::vector<CentreTicket> tickets;
    for (int row = 0; row < rows->count(); ++row)
        tickets.push_back(readTicket(*rows, row));
    return tickets;
}

// The run of the latest calls, for the wait a citizen is told (callNext reads it inside its own
// statement instead, to save a round trip on the desks' hot path).
Result<queue::CallRun> CentreQueue::callRun(const std::string& day) {
    const int longest = std::max({1, policy_.interleave.priorityInARow, policy_.interleave.normalInARow});
    auto recent = connection_.query(
        "SELECT priority <> 'none' FROM ticket WHERE day = $1::date AND call_order IS NOT NULL "
        "ORDER BY call_order DESC LIMIT $2::integer",
        {day, std::to_string(longest + 1)});
    if (!recent) return recent.error();
    queue::CallRun run;
    for (int row = 0; row < recent->count(); ++row) {
        const auto kind =
            recent->text(row, 0) == "t" ? queue::TicketClass::Priority : queue::TicketClass::Normal;
        if (run.last && *run.last != kind) break;
        run.last = kind;
        ++run.length;
    }
    return run;
}

Result<queue::QueuePosition> CentreQueue::position(std::string_view id) {
    auto ticket = find(id);
    if (!ticket) return ticket.error();
    if (ticket->status != queue::TicketState::Waiting) return queue::QueuePosition{};
    auto rows = connection_.query(
        "SELECT issue_order, service, number, priority, id::text FROM ticket "
        "WHERE day = $1::date AND status = 'waiting'",
        {ticket->day});
    if (!rows) return rows.error();
    std::vector<queue::Ticket> waiting;
    int64_t ownOrder = 0;
    for (int row = 0; row < rows->count(); ++row) {
        queue::Ticket shown;
        shown.id = rows->integer(row, 0);
        shown.day = ticket->day;
        shown.service = shown.letter = rows->text(row, 1).front();
        shown.number = static_cast<int>(rows->integer(row, 2));
        shown.priority = queue::priorityFromName(rows->text(row, 3)).value_or(queue::Priority::None);
        if (rows->text(row, 4) == ticket->id) ownOrder = shown.id;
        waiting.push_back(std::move(shown));
    }
    auto run = callRun(ticket->day);
    if (!run) return run.error();
    const auto order = queue::predictCallOrder(std::move(waiting), policy_.interleave, *run, policy_.desks);
    const auto found = std::ranges::find(order, ownOrder, &queue::Ticket::id);
    if (found == order.end()) return queue::QueuePosition{};  // no desk of the policy serves its line
    queue::QueuePosition where;
    where.ahead = static_cast<int>(found - order.begin());
    auto median = connection_.query(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - called_at)) "
        "FROM ticket WHERE day = $1::date AND status = 'done' AND done_at >= called_at",
        {ticket->day});
    if (!median) return median.error();
    const auto serviceTime = median->isNull(0, 0)
                                 ? policy_.defaultServiceTime
                                 : std::chrono::seconds(std::llround(std::stod(median->text(0, 0))));
    const auto desks = std::ranges::count_if(
        policy_.desks, [&](const queue::DeskLines& desk) { return desk.serves(ticket->service); });
    where.estimatedWait = serviceTime * where.ahead / std::max<std::ptrdiff_t>(1, desks);
    return where;
}

Result<CentreTicket> CentreQueue::done(std::string_view id) {
    return closeCalled(id, "status = 'done', done_at = now()", "done", "only a called ticket can be done");
}

// A called ticket leaves the line (served, or not come): one conditional UPDATE, its own
// transaction (no BEGIN and COMMIT round trips: it changes one row, and its outbox row comes
// with it from the trigger), and when it matches nothing, why not in the ticket's own words.
Result<CentreTicket> CentreQueue::closeCalled(std::string_view id, std::string_view assignments,
                                              std::string_view event, std::string_view onlyWhenCalled) {
    if (!sync::isUuid(id)) return noSuchTicket(id);
    auto updated =
        connection_.queryPrepared("close_" + std::string(event),
                                  withColumns("UPDATE ticket SET " + std::string(assignments) +
                                              " WHERE id = $1::uuid AND status = 'called' RETURNING "),
                                  {std::string(id)});
    if (!updated) return updated.error();
    if (updated->count() == 0) {
        auto ticket = find(id);
        if (!ticket) return ticket.error();
        return Error{"queue.wrong_state", "ticket " + ticket->label() + " is " +
                                              std::string(queue::stateName(ticket->status)) + "; " +
                                              std::string(onlyWhenCalled)};
    }
    const CentreTicket closed = readTicket(*updated, 0);
    announceCommitted(event, closed);
    return closed;
}

Result<std::vector<QueueCount>> CentreQueue::countsToday() {
    auto rows = connection_.query(
        "SELECT service, status, count(*) FROM ticket WHERE day = $1::date "
        "GROUP BY service, status ORDER BY service, status",
        {clock_.localDay(clock_.now())});
    if (!rows) return rows.error();
    std::vector<QueueCount> counts;
    for (int row = 0; row < rows->count(); ++row) {
        counts.push_back({rows->text(row, 0).front(),
                          queue::stateFromName(rows->text(row, 1)).value_or(queue::TicketState::Waiting),
                          static_cast<int>(rows->integer(row, 2))});
    }
    return counts;
}

Result<std::vector<TerminalContact>> CentreQueue::terminals() {
    auto rows = connection_.query("SELECT id, role, last_contact::text FROM terminal ORDER BY role, id");
    if (!rows) return rows.error();
    std::vector<TerminalContact> contacts;
    for (int row = 0; row < rows->count(); ++row)
        contacts.push_back({rows->text(row, 0), rows->text(row, 1), rows->text(row, 2)});
    return contacts;
}

}  // namespace kiosk::centre

namespace kiosk::centre {

Result<CentreTicket> CentreQueue::recall(std::string_view id, int desk) {
    if (desk < 1 || desk > 999) {
        return Error{"queue.bad_desk", "a desk is a number from 1 to 999, not " + std::to_string(desk)};
    }
    if (!sync::isUuid(id)) return noSuchTicket(id);
    CentreTicket recalled;
    Status saved = connection_.transaction([&]() -> Status {
        if (Status noted = noteContact("desk-" + std::to_string(desk), "desk"); !noted) return noted;
        // Locked, so a desk marking it done at the same instant waits for this call or wins.
        auto current = connection_.query(
            withColumns("SELECT ", ", call_order FROM ticket WHERE id = $1::uuid FOR UPDATE"),
            {std::string(id)});
        if (!current) return current.error();
        if (current->count() == 0) return noSuchTicket(id);
        const CentreTicket ticket = readTicket(*current, 0);
        if (ticket.status == queue::TicketState::NoShow) {
            auto later = connection_.query(
                "SELECT count(*) FROM ticket WHERE day = $1::date AND service = $2 AND call_order > "
                "$3::bigint",
                {ticket.day, std::string(1, ticket.service), current->text(0, 9)});
            if (!later) return later.error();
            if (later->integer(0, 0) >= policy_.recallWindow) {
                return Error{"queue.recall_window_passed",
                             "ticket " + ticket.label() + " missed its turn " +
                                 std::to_string(later->integer(0, 0)) +
                                 " tickets ago; please give the citizen a new ticket"};
            }
        } else if (ticket.status != queue::TicketState::Called) {
            return Error{"queue.wrong_state", "ticket " + ticket.label() + " is " +
                                                  std::string(queue::stateName(ticket.status)) +
                                                  "; only a called or no-show ticket can be recalled"};
        }
        // call_order stays: the interleave rule counts calls of new tickets, not repeats.
        auto updated = connection_.query(
            withColumns("UPDATE ticket SET status = 'called', desk = $2::integer, called_at = now(), "
                        "calls = calls + 1 WHERE id = $1::uuid RETURNING "),
            {std::string(id), std::to_string(desk)});
        if (!updated) return updated.error();
        recalled = readTicket(*updated, 0);
        return success();
    });
    if (!saved) return saved.error();
    announceCommitted("recalled", recalled);
    return recalled;
}

Result<CentreTicket> CentreQueue::noShow(std::string_view id) {
    return closeCalled(id, "status = 'no_show'", "no_show", "only a called ticket can be marked as not come");
}

Result<CentreTicket> CentreQueue::transfer(std::string_view id, char toService, std::string_view services) {
    if (toService < 'A' || toService > 'Z' || services.find(toService) == std::string_view::npos) {
        return Error{"queue.unknown_service", std::string("there is no service ") + toService +
                                                  " at this centre; choose one of the services shown"};
    }
    if (!sync::isUuid(id)) return noSuchTicket(id);
    const std::string line(1, toService);
    CentreTicket moved;
    Status saved = connection_.transaction([&]() -> Status {
        // One conditional UPDATE: it takes the row lock and re-reads the row under it, so a desk
        // marking the ticket done (or calling it) at the same instant either finishes first and is
        // seen here, or waits for this transfer. call_order stays, as on the lone kiosk: the
        // interleave rule counts calls, and this call happened.
        auto updated = connection_.query(
            withColumns("UPDATE ticket SET service = $2, status = 'waiting', desk = NULL, called_at = NULL "
                        "WHERE id = $1::uuid AND status <> 'done' AND service <> $2 RETURNING "),
            {std::string(id), line});
        if (!updated) return updated.error();
        if (updated->count() == 0) {
            auto ticket = find(id);
            if (!ticket) return ticket.error();
            if (ticket->service == toService) {
                return Error{"queue.same_service", "ticket " + ticket->label() + " is already in line " +
                                                       line + "; choose another service"};
            }
            return Error{"queue.wrong_state",
                         "ticket " + ticket->label() + " is " +
                             std::string(queue::stateName(ticket->status)) +
                             "; only a waiting, called or no-show ticket can move to another line"};
        }
        moved = readTicket(*updated, 0);
        return success();
    });
    if (!saved) return saved.error();
    announceCommitted("transferred", moved);
    return moved;
}

}  // namespace kiosk::centre
