// The ticket queue of one kiosk: issuing numbered tickets and moving them through the desks.
// Every state lives in the kiosk database (migration 3, table `ticket`), and every call
// returns only after its transaction committed, so a ticket a citizen holds survives kill -9
// or a power cut right after it was shown. Never touches the UI or the printer.
//
// Numbering: letter + 3 digits (A001), gap-free per letter and local day. The day is the clock's
// local day, except that a clock jumping back by up to a day (NTP around midnight) keeps the
// newest day already in the database, so yesterday is never reopened; the next number is
// max(number) + 1 in the same transaction, never derived from clock order. Line order is the
// issue order (the row id), never the issue time.
//
// Every call may wait for an fsync (measured median ~0.3-4 ms, p99 up to ~8 ms on a busy disk;
// slower on SD cards), so the UI calls it off the UI thread. Not thread-safe: one thread per
// book. Several books or processes on one file are safe: each change is one BEGIN IMMEDIATE.
//
// Usage:
//   queue::TicketBook book(database, services, clock);
//   auto ticket = book.issue('A', queue::Priority::Aged75Plus);       // A001, committed
//   auto where = book.position(ticket->id);                             // people ahead, wait
//   auto called = book.callNext("desk-1");                              // interleaves priority
//   if (called.ok() && *called) book.done((*called)->id);               // service time measured
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/queue/CallPolicy.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/store/Database.h"

namespace kiosk::queue {

// Where a waiting ticket stands: how many tickets (of any line) the desks will call before it,
// and the time that takes at today's service times.
struct QueuePosition {
    int ahead = 0;
    std::chrono::seconds estimatedWait{0};
};

// Our household keys are HMAC digests in hex or base64. A short or all-digit string is far more
// likely an ID card or phone number passed by mistake, and those must never be stored.
bool looksLikeHouseholdKey(std::string_view key);

class TicketBook {
public:
    // `database`, `clock` must outlive the book. `services` are the lines tickets can be for.
    TicketBook(store::Database& database, std::vector<Service> services, const WallClock& clock,
               QueuePolicy policy = {});

    // A new ticket for `service`, committed before it is returned. `householdKey` is the
    // caller's pseudonymous key (DESIGN.md) and is refused if it looks like a raw number.
    // `origin` is where a citizen pressed "Get help" (empty: the ticket screen).
    // Errors: queue.unknown_service, queue.bad_household_key, queue.day_full, store.*.
    Result<Ticket> issue(char service, Priority priority = Priority::None,
                         std::optional<std::string> householdKey = std::nullopt, std::string origin = {});

    // The next ticket for `desk` from the lines in `services` ("AC"; empty: every line), by the
    // interleave rule and oldest first; nullopt when nobody is waiting. The interleave follows
    // all of today's calls at this kiosk (read from the database, so it survives a restart).
    Result<std::optional<Ticket>> callNext(std::string_view desk, std::string_view services = {});
    // Calls a called ticket again, or brings back a no-show within the recall window.
    Result<Ticket> recall(TicketId id, std::string_view desk);
    Result<Ticket> noShow(TicketId id);
    // Moves a waiting or called ticket to another line, keeping its place (original issue order)
    // and its printed number.
    Result<Ticket> transfer(TicketId id, char toService);
    // Served: service time is from the (latest) call to now.
    Result<Ticket> done(TicketId id);

    Result<Ticket> find(TicketId id);
    // Today's waiting tickets of every line, in the order the policy's desks will call them.
    Result<std::vector<Ticket>> waitingInCallOrder();
    // Where a ticket stands in that order (0 ahead when it is not waiting). The wait is the sum
    // of today's median service time of each ticket ahead, shared among the desks that serve
    // the ticket's line.
    Result<QueuePosition> position(TicketId id);
    // Today's median service time of the line, else of all lines, else the policy's default.
    Result<std::chrono::seconds> medianServiceTime(char service);
    // The local day tickets are issued for now.
    Result<std::string> businessDay();

private:
    Result<std::string> businessDayAt(WallTime now);
    Result<CallRun> callRun(const std::string& day);
    Result<Ticket> changeTicket(TicketId id, const std::function<Status(Ticket&)>& change);

    store::Database& db_;
    std::vector<Service> services_;
    const WallClock& clock_;
    QueuePolicy policy_;
};

}  // namespace kiosk::queue
