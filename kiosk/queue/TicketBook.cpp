#include "kiosk/queue/TicketBook.h"

#include <algorithm>
#include <map>
#include <utility>

#include "kiosk/sync/Outbox.h"

namespace kiosk::queue {
namespace {

constexpr std::string_view kColumns =
    "id, day, letter, number, service, priority, household_key, state, desk, calls, issued_at_ms, "
    "called_at_ms, done_at_ms, origin";

std::string letterText(char letter) {
    return std::string(1, letter);
}

Ticket readTicket(const store::Statement& row) {
    Ticket ticket;
    ticket.id = row.columnInt(0);
    ticket.day = row.columnText(1);
    ticket.letter = row.columnText(2).front();
    ticket.number = static_cast<int>(row.columnInt(3));
    ticket.service = row.columnText(4).front();
    // The schema's CHECK constraints admit only the names these parse.
    ticket.priority = priorityFromName(row.columnText(5)).value_or(Priority::None);
    if (!row.columnIsNull(6)) ticket.householdKey = row.columnText(6);
    ticket.state = stateFromName(row.columnText(7)).value_or(TicketState::Waiting);
    ticket.desk = row.columnText(8);
    ticket.calls = static_cast<int>(row.columnInt(9));
    ticket.issuedAt = fromMillis(row.columnInt(10));
    if (!row.columnIsNull(11)) ticket.calledAt = fromMillis(row.columnInt(11));
    if (!row.columnIsNull(12)) ticket.doneAt = fromMillis(row.columnInt(12));
    ticket.origin = row.columnText(13);
    return ticket;
}

// The province learns of every ticket change from an outbox row written in the change's own
// transaction (kiosk/sync/WIRE.md lists the fields). No personal data: the household key at most.
Status appendTicketEvent(store::Database& db, std::string_view kind, const Ticket& ticket, WallTime at,
                         nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json payload = {
        {"ticket_id", ticket.id},
        {"day", ticket.day},
        {"label", ticket.label()},
        {"letter", letterText(ticket.letter)},
        {"service", letterText(ticket.service)},
        {"priority", priorityName(ticket.priority)},
        {"state", stateName(ticket.state)},
        {"desk", ticket.desk},
        {"calls", ticket.calls},
        {"origin", ticket.origin},
        {"issued_at_ms", toMillis(ticket.issuedAt)},
    };
    if (ticket.householdKey) payload["household_key"] = *ticket.householdKey;
    if (ticket.calledAt) payload["called_at_ms"] = toMillis(*ticket.calledAt);
    if (ticket.doneAt) payload["done_at_ms"] = toMillis(*ticket.doneAt);
    payload.update(extra);
    return sync::appendEvent(db, kind, payload, at);
}

Error wrongState(const Ticket& ticket, std::string_view wanted) {
    return Error{"queue.wrong_state",
                 "ticket " + ticket.label() + " is " + std::string(stateName(ticket.state)) + "; only a " +
                     std::string(wanted) + " ticket can do this. Refresh the waiting list and try again"};
}

}  // namespace

TicketBook::TicketBook(store::Database& database, std::vector<Service> services, const WallClock& clock,
                       QueuePolicy policy)
    : db_(database), services_(std::move(services)), clock_(clock), policy_(policy) {}

Result<std::string> TicketBook::businessDayAt(WallTime now) {
    const std::string clockDay = clock_.localDay(now);
    auto newest = db_.prepare("SELECT max(day) FROM ticket");
    if (!newest) return newest.error();
    auto row = newest->step();
    if (!row) return row.error();
    if (!*row || newest->columnIsNull(0)) return clockDay;
    const std::string newestDay = newest->columnText(0);
    // A clock set back a little past midnight (NTP) keeps issuing for the newest day, so numbers
    // and order never go back. A clock set back by days was wrong before and is being corrected:
    // then the clock wins, and numbers stay unique because they are per day.
    const auto clockDate = parseDay(clockDay);
    const auto newestDate = parseDay(newestDay);
    if (clockDate && newestDate && *newestDate > *clockDate &&
        *newestDate - *clockDate <= std::chrono::days(1)) {
        return newestDay;
    }
    return clockDay;
}

Result<std::string> TicketBook::businessDay() {
    return businessDayAt(clock_.now());
}

bool looksLikeHouseholdKey(std::string_view key) {
    if (key.size() < 16 || key.size() > 128) return false;
    if (std::ranges::all_of(key, [](char c) { return c >= '0' && c <= '9'; })) return false;
    return std::ranges::all_of(key, [](char c) { return c > ' ' && c < 0x7f; });
}

Result<Ticket> TicketBook::issue(char service, Priority priority, std::optional<std::string> householdKey,
                                 std::string origin) {
    if (!findService(services_, service)) {
        return Error{"queue.unknown_service", std::string("there is no service ") + service +
                                                  " in services.toml; choose one of the services shown"};
    }
    if (householdKey && !looksLikeHouseholdKey(*householdKey)) {
        return Error{"queue.bad_household_key",
                     "the household key is not a derived key (it looks like a raw number); it was not "
                     "stored. Pass the HMAC household key, never an ID number"};
    }
    const WallTime now = clock_.now();
    Ticket ticket;
    Status saved = db_.transaction([&]() -> Status {
        auto day = businessDayAt(now);
        if (!day) return day.error();
        auto next =
            db_.prepare("SELECT coalesce(max(number), 0) + 1 FROM ticket WHERE day = ?1 AND letter = ?2");
        if (!next) return next.error();
        next->bind(1, *day).bind(2, letterText(service));
        if (auto row = next->step(); !row) return row.error();
        const int64_t number = next->columnInt(0);
        if (number > 999) {
            return Error{"queue.day_full", std::string("service ") + service +
                                               " has given out 999 tickets today; please ask a volunteer"};
        }
        auto insert = db_.prepare(
            "INSERT INTO ticket(day, letter, number, service, priority, household_key, state, issued_at_ms, "
            "origin) VALUES(?1, ?2, ?3, ?2, ?4, ?5, 'waiting', ?6, ?7)");
        if (!insert) return insert.error();
        insert->bind(1, *day).bind(2, letterText(service)).bind(3, number).bind(4, priorityName(priority));
        if (householdKey) {
            insert->bind(5, *householdKey);
        } else {
            insert->bindNull(5);
        }
        insert->bind(6, toMillis(now)).bind(7, origin);
        if (Status inserted = insert->run(); !inserted) return inserted;

        ticket.id = db_.lastInsertId();
        ticket.day = *day;
        ticket.letter = service;
        ticket.number = static_cast<int>(number);
        ticket.service = service;
        ticket.priority = priority;
        ticket.householdKey = std::move(householdKey);
        ticket.issuedAt = now;
        ticket.origin = origin;
        return appendTicketEvent(db_, sync::kind::kTicketIssued, ticket, now);
    });
    if (!saved) return saved.error();
    return ticket;
}

Result<Ticket> TicketBook::find(TicketId id) {
    auto select = db_.prepare("SELECT " + std::string(kColumns) + " FROM ticket WHERE id = ?1");
    if (!select) return select.error();
    select->bind(1, id);
    auto row = select->step();
    if (!row) return row.error();
    if (!*row) {
        return Error{"queue.no_such_ticket",
                     "ticket " + std::to_string(id) + " does not exist; refresh the waiting list"};
    }
    return readTicket(*select);
}

Result<CallRun> TicketBook::callRun(const std::string& day) {
    const int longest = std::max({1, policy_.interleave.priorityInARow, policy_.interleave.normalInARow});
    auto recent = db_.prepare(
        "SELECT priority <> 'none' FROM ticket WHERE day = ?1 AND call_order IS NOT NULL "
        "ORDER BY call_order DESC LIMIT ?2");
    if (!recent) return recent.error();
    recent->bind(1, day).bind(2, int64_t{longest} + 1);
    CallRun run;
    for (;;) {
        auto row = recent->step();
        if (!row) return row.error();
        if (!*row) break;
        const TicketClass kind = recent->columnInt(0) ? TicketClass::Priority : TicketClass::Normal;
        if (run.last && *run.last != kind) break;
        run.last = kind;
        ++run.length;
    }
    return run;
}

Result<std::optional<Ticket>> TicketBook::callNext(std::string_view desk, std::string_view services) {
    const WallTime now = clock_.now();
    // Owned copies: Statement::bind turns a default string_view (null data) into SQL NULL.
    const std::string deskId(desk);
    const std::string lines(services);
    std::optional<Ticket> called;
    Status saved = db_.transaction([&]() -> Status {
        auto day = businessDayAt(now);
        if (!day) return day.error();
        auto run = callRun(*day);
        if (!run) return run.error();
        auto oldest = [&](bool priority) -> Result<std::optional<TicketId>> {
            auto select = db_.prepare(
                "SELECT id FROM ticket WHERE day = ?1 AND state = 'waiting' AND (priority <> 'none') = ?2 "
                "AND (?3 = '' OR instr(?3, service) > 0) ORDER BY id LIMIT 1");
            if (!select) return select.error();
            select->bind(1, *day).bind(2, int64_t{priority}).bind(3, lines);
            auto row = select->step();
            if (!row) return row.error();
            return *row ? std::optional<TicketId>(select->columnInt(0)) : std::nullopt;
        };
        auto priorityTicket = oldest(true);
        if (!priorityTicket) return priorityTicket.error();
        auto normalTicket = oldest(false);
        if (!normalTicket) return normalTicket.error();
        const auto kind =
            nextClass(policy_.interleave, *run, priorityTicket->has_value(), normalTicket->has_value());
        if (!kind) return success();
        const TicketId id = kind == TicketClass::Priority ? **priorityTicket : **normalTicket;

        auto update = db_.prepare(
            "UPDATE ticket SET state = 'called', desk = ?2, calls = calls + 1, called_at_ms = ?3, "
            "call_order = (SELECT coalesce(max(call_order), 0) + 1 FROM ticket) WHERE id = ?1");
        if (!update) return update.error();
        update->bind(1, id).bind(2, deskId).bind(3, toMillis(now));
        if (Status updated = update->run(); !updated) return updated;
        auto ticket = find(id);
        if (!ticket) return ticket.error();
        called = std::move(*ticket);
        return appendTicketEvent(
            db_, sync::kind::kTicketCalled, *called, now,
            {{"wait_ms", std::max<int64_t>(0, toMillis(now) - toMillis(called->issuedAt))}});
    });
    if (!saved) return saved.error();
    return called;
}

Result<Ticket> TicketBook::changeTicket(TicketId id, const std::function<Status(Ticket&)>& change) {
    Ticket changed;
    Status saved = db_.transaction([&]() -> Status {
        auto ticket = find(id);
        if (!ticket) return ticket.error();
        if (Status allowed = change(*ticket); !allowed) return allowed;
        auto update = db_.prepare(
            "UPDATE ticket SET service = ?2, state = ?3, desk = ?4, calls = ?5, called_at_ms = ?6, "
            "done_at_ms = ?7 WHERE id = ?1");
        if (!update) return update.error();
        update->bind(1, id)
            .bind(2, letterText(ticket->service))
            .bind(3, stateName(ticket->state))
            .bind(4, ticket->desk)
            .bind(5, int64_t{ticket->calls});
        if (ticket->calledAt) {
            update->bind(6, toMillis(*ticket->calledAt));
        } else {
            update->bindNull(6);
        }
        if (ticket->doneAt) {
            update->bind(7, toMillis(*ticket->doneAt));
        } else {
            update->bindNull(7);
        }
        if (Status updated = update->run(); !updated) return updated;
        changed = std::move(*ticket);
        return success();
    });
    if (!saved) return saved.error();
    return changed;
}

Result<Ticket> TicketBook::recall(TicketId id, std::string_view desk) {
    const WallTime now = clock_.now();
    return changeTicket(id, [&](Ticket& ticket) -> Status {
        if (ticket.state == TicketState::NoShow) {
            // Tickets of the same line called after this one (its call_order is kept on no-show).
            auto later = db_.prepare(
                "SELECT count(*) FROM ticket WHERE day = ?1 AND service = ?2 AND call_order > "
                "(SELECT call_order FROM ticket WHERE id = ?3)");
            if (!later) return later.error();
            later->bind(1, ticket.day).bind(2, letterText(ticket.service)).bind(3, ticket.id);
            if (auto row = later->step(); !row) return row.error();
            if (later->columnInt(0) >= policy_.recallWindow) {
                return Error{"queue.recall_window_passed",
                             "ticket " + ticket.label() + " missed its turn " +
                                 std::to_string(later->columnInt(0)) +
                                 " tickets ago; please give the citizen a new ticket"};
            }
        } else if (ticket.state != TicketState::Called) {
            return wrongState(ticket, "called or no-show");
        }
        ticket.state = TicketState::Called;
        ticket.desk = std::string(desk);
        ++ticket.calls;
        // Service starts when the citizen arrives after this call, not at the first call.
        ticket.calledAt = now;
        return appendTicketEvent(db_, sync::kind::kTicketRecalled, ticket, now);
    });
}

Result<Ticket> TicketBook::noShow(TicketId id) {
    return changeTicket(id, [&](Ticket& ticket) -> Status {
        if (ticket.state != TicketState::Called) return wrongState(ticket, "called");
        ticket.state = TicketState::NoShow;
        return appendTicketEvent(db_, sync::kind::kTicketNoShow, ticket, clock_.now());
    });
}

Result<Ticket> TicketBook::transfer(TicketId id, char toService) {
    if (!findService(services_, toService)) {
        return Error{"queue.unknown_service",
                     std::string("there is no service ") + toService + "; choose one of the services shown"};
    }
    return changeTicket(id, [&](Ticket& ticket) -> Status {
        if (ticket.state == TicketState::Done) return wrongState(ticket, "waiting, called or no-show");
        if (ticket.service == toService) {
            return Error{"queue.same_service", "ticket " + ticket.label() + " is already in line " +
                                                   letterText(toService) + "; choose another service"};
        }
        // The id (issue order) is untouched: the ticket joins the new line where it would have
        // stood had it been issued for it.
        const std::string fromService = letterText(ticket.service);
        ticket.service = toService;
        ticket.state = TicketState::Waiting;
        ticket.desk.clear();
        ticket.calledAt.reset();
        return appendTicketEvent(db_, sync::kind::kTicketTransferred, ticket, clock_.now(),
                                 {{"from_service", fromService}});
    });
}

Result<Ticket> TicketBook::done(TicketId id) {
    const WallTime now = clock_.now();
    return changeTicket(id, [&](Ticket& ticket) -> Status {
        if (ticket.state != TicketState::Called) return wrongState(ticket, "called");
        ticket.state = TicketState::Done;
        ticket.doneAt = now;
        nlohmann::json extra = nlohmann::json::object();
        if (ticket.calledAt)
            extra["service_ms"] = std::max<int64_t>(0, toMillis(now) - toMillis(*ticket.calledAt));
        return appendTicketEvent(db_, sync::kind::kTicketDone, ticket, now, extra);
    });
}

Result<std::vector<Ticket>> TicketBook::waitingInCallOrder() {
    auto day = businessDay();
    if (!day) return day.error();
    auto select = db_.prepare("SELECT " + std::string(kColumns) +
                              " FROM ticket WHERE day = ?1 AND state = 'waiting' ORDER BY id");
    if (!select) return select.error();
    select->bind(1, *day);
    std::vector<Ticket> waiting;
    for (;;) {
        auto row = select->step();
        if (!row) return row.error();
        if (!*row) break;
        waiting.push_back(readTicket(*select));
    }
    auto run = callRun(*day);
    if (!run) return run.error();
    return predictCallOrder(std::move(waiting), policy_.interleave, *run, policy_.desks);
}

Result<QueuePosition> TicketBook::position(TicketId id) {
    auto ticket = find(id);
    if (!ticket) return ticket.error();
    if (ticket->state != TicketState::Waiting) return QueuePosition{};
    auto order = waitingInCallOrder();
    if (!order) return order.error();
    const auto found = std::ranges::find(*order, id, &Ticket::id);
    // A waiting ticket from an earlier day is not in today's line: nobody is called before it.
    if (found == order->end()) return QueuePosition{};
    QueuePosition where;
    where.ahead = static_cast<int>(found - order->begin());
    std::map<char, std::chrono::seconds> serviceTimes;
    std::chrono::seconds total{0};
    for (auto ahead = order->begin(); ahead != found; ++ahead) {
        auto known = serviceTimes.find(ahead->service);
        if (known == serviceTimes.end()) {
            auto median = medianServiceTime(ahead->service);
            if (!median) return median.error();
            known = serviceTimes.emplace(ahead->service, *median).first;
        }
        total += known->second;
    }
    const auto desks = std::ranges::count_if(
        policy_.desks, [&](const DeskLines& desk) { return desk.serves(ticket->service); });
    where.estimatedWait = total / std::max<std::ptrdiff_t>(1, desks);
    return where;
}

Result<std::chrono::seconds> TicketBook::medianServiceTime(char service) {
    auto day = businessDay();
    if (!day) return day.error();
    for (const bool wholeKiosk : {false, true}) {
        auto select = db_.prepare(
            "SELECT done_at_ms - called_at_ms FROM ticket WHERE day = ?1 AND state = 'done' "
            "AND called_at_ms IS NOT NULL AND (?2 OR service = ?3)");
        if (!select) return select.error();
        select->bind(1, *day).bind(2, int64_t{wholeKiosk}).bind(3, letterText(service));
        std::vector<int64_t> times;
        for (;;) {
            auto row = select->step();
            if (!row) return row.error();
            if (!*row) break;
            // A clock set back between call and done would give a negative time.
            times.push_back(std::max<int64_t>(0, select->columnInt(0)));
        }
        if (times.empty()) continue;
        std::ranges::sort(times);
        const size_t middle = times.size() / 2;
        const int64_t medianMs =
            times.size() % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
        return std::chrono::round<std::chrono::seconds>(std::chrono::milliseconds(medianMs));
    }
    return policy_.defaultServiceTime;
}

}  // namespace kiosk::queue
