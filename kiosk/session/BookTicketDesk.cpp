#include "kiosk/session/BookTicketDesk.h"

namespace kiosk::session {

BookTicketDesk::BookTicketDesk(store::Database& database, std::vector<queue::Service> services)
    : services_(services), book_(database, std::move(services), clock_) {}

Result<IssuedTicket> BookTicketDesk::issue(char service, queue::Priority priority, const TicketTags& tags) {
    auto ticket = book_.issue(service, priority, tags.householdKey, tags.origin);
    if (!ticket) return ticket.error();
    IssuedTicket issued{ticket->label(), ticket->service, 0, std::chrono::seconds(0)};
    // The ticket is committed; if reading the line back fails, show the number without an estimate.
    if (auto ahead = book_.waitingAhead(ticket->id)) issued.ahead = *ahead;
    if (auto wait = book_.estimatedWait(ticket->id)) issued.estimatedWait = *wait;
    return issued;
}

}  // namespace kiosk::session
