// The shared queue of a commune centre on PostgreSQL: many kiosks issue, many desks call. Each
// change is one short transaction, announced right after its commit with NOTIFY kiosk_queue, so
// desks, boards and kiosks can redraw without polling (the listening side is the next step).
//
// Numbers: a per-(day, service) counter row is incremented in the issuing transaction; its row
// lock orders concurrent issuers of one service, so numbers are unique and increasing across
// all kiosks, while different services never wait for each other.
//
// Calling: the interleave rule of kiosk/queue/CallPolicy.h (one copy of the rule for both
// modes) picks the class, and the oldest ticket of that class is taken with
// `FOR UPDATE SKIP LOCKED`: a ticket another desk is taking at that instant is skipped, never
// given twice and never waited for. The rule's run (the latest calls) is read when the call
// starts, so two desks calling in the same millisecond may both follow the same step of the
// rule; no ticket is lost or doubled by that, the order is only off by one call.
//
// Usage:
//   centre::CentreQueue line(connection, clock, queue::queuePolicyFor(config.desk));
//   auto ticket = line.issue('A', queue::Priority::None, "kiosk-1");
//   auto called = line.callNext(2);                       // desk 2; nullopt: nobody waits
//   if (called.ok() && *called) line.done((*called)->id);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/centre/CentreTicket.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/queue/TicketBook.h"

namespace kiosk::centre {

// The channel every queue change is announced on; the payload is a small JSON object with the
// ticket's id, label, service, status and desk (never anything personal).
inline constexpr std::string_view kQueueChannel = "kiosk_queue";

// How many tickets of one service are in one status today.
struct QueueCount {
    char service = 'A';
    queue::TicketState status = queue::TicketState::Waiting;
    int count = 0;
};

// A terminal and when it was last heard from ("2026-12-03 16:12:28+07").
struct TerminalContact {
    std::string id;
    std::string role;
    std::string lastContact;
};

class CentreQueue {
public:
    // `connection` and `clock` must outlive the queue; the clock gives the local day.
    CentreQueue(PgConnection& connection, const WallClock& clock, queue::QueuePolicy policy = {});

    // A new waiting ticket for `service` (A-Z), committed before it is returned.
    // Errors: queue.unknown_service (not a capital letter), queue.bad_household_key,
    // queue.day_full, centre.*.
    Result<CentreTicket> issue(char service, queue::Priority priority, std::string_view kiosk,
                               const TicketTags& tags = {});
    // The same with the ticket's UUID chosen by the caller, who then knows which ticket to look
    // for when the connection breaks during the commit (kiosk/centre/CentreIssuer.h).
    Result<CentreTicket> issueWithId(std::string_view id, char service, queue::Priority priority,
                                     std::string_view kiosk, const TicketTags& tags = {});

    // The next ticket for desk `desk` (1..) from the lines in `services` ("AC"; empty: every
    // line) by the policy; nullopt when nobody waits. Errors: queue.bad_desk, centre.*.
    Result<std::optional<CentreTicket>> callNext(int desk, std::string_view services = {});

    // Served. Errors: queue.no_such_ticket, queue.wrong_state (only a called ticket), centre.*.
    Result<CentreTicket> done(std::string_view id);

    Result<CentreTicket> find(std::string_view id);
    // What desk `desk` left unfinished today, oldest call first: tickets it still has called (a
    // crash, a power cut, the idle sign-out while serving) and tickets it marked done without a
    // help record, as the lone kiosk's desk::unfinishedWork finds them. The centre knows desks,
    // not volunteers: whoever signs in at that desk next is offered them.
    Result<std::vector<CentreTicket>> unfinishedAt(int desk);
    // Where a waiting ticket stands, as the citizen's screen tells it: the tickets of today the
    // policy's desks will call before it (queue::predictCallOrder, the lone kiosk's rule) and the
    // wait at today's median service time of the centre. 0 ahead once it is no longer waiting.
    // Errors: queue.no_such_ticket, centre.*.
    Result<queue::QueuePosition> position(std::string_view id);
    // Today's tickets per service and status (only the pairs that occur).
    Result<std::vector<QueueCount>> countsToday();
    Result<std::vector<TerminalContact>> terminals();

    // Calls a called ticket again, to `desk` (a citizen who did not hear the first call), or
    // brings back a no-show while fewer than the policy's recall window of its line were called
    // after it; announced as "recalled", so boards repeat the spoken call. Like the lone kiosk's
    // TicketBook::recall, the service time starts again from this call (called_at). Errors:
    // queue.no_such_ticket, queue.bad_desk, queue.wrong_state (waiting or done),
    // queue.recall_window_passed, centre.*.
    Result<CentreTicket> recall(std::string_view id, int desk);
    // Called, and nobody came. Errors: queue.no_such_ticket, queue.wrong_state, centre.*.
    Result<CentreTicket> noShow(std::string_view id);
    // Moves a waiting, called or no-show ticket to line `toService`, as the lone kiosk's
    // TicketBook::transfer does: it keeps its printed number (letter and number) and its place
    // (issue order), so it joins the new line where it would have stood had it been issued for
    // it; it waits again, at no desk. `services` are the letters of the centre's services
    // (services.toml): the lines that exist. Announced as "transferred"; the province learns it
    // as ticket.transferred (with from_service) in the same transaction (schema migration 3).
    // Errors: queue.unknown_service, queue.no_such_ticket, queue.same_service, queue.wrong_state
    // (done), centre.*.
    Result<CentreTicket> transfer(std::string_view id, char toService, std::string_view services);

private:
    Result<CentreTicket> closeCalled(std::string_view id, std::string_view assignments,
                                     std::string_view event, std::string_view onlyWhenCalled);
    Status noteContact(std::string_view terminal, std::string_view role);
    void announceCommitted(std::string_view event, const CentreTicket& ticket);
    Result<queue::CallRun> callRun(const std::string& day);

    PgConnection& connection_;
    const WallClock& clock_;
    queue::QueuePolicy policy_;
};

}  // namespace kiosk::centre
