// A ticket of the centre's shared queue, as every terminal sees it. Pure value type.
#pragma once

#include <optional>
#include <string>

#include "kiosk/Result.h"
#include "kiosk/queue/Ticket.h"

namespace kiosk::centre {

// What the issuing kiosk knows about a new ticket besides its line, as the lone kiosk's
// TicketBook::issue takes it: where "Get help" was pressed ('' for the ticket screen) and the
// household key of a scanned card (never the card's number).
struct TicketTags {
    std::string origin;
    std::optional<std::string> householdKey;
};

// Error queue.bad_household_key when the key looks like a raw number rather than a digest
// (queue::looksLikeHouseholdKey): such a key is never stored, at the centre or in the journal.
Status checkTicketTags(const TicketTags& tags);

struct CentreTicket {
    std::string id;      // UUID, made by the issuing terminal
    std::string day;     // the local day it belongs to, "YYYY-MM-DD"
    char letter = 'A';   // the service it was issued for: the slip's letter
    char service = 'A';  // the line it waits in now; differs from `letter` after a transfer
    int number = 0;      // 1.., unique and increasing per letter and day across the centre
    queue::Priority priority = queue::Priority::None;
    queue::TicketState status = queue::TicketState::Waiting;
    std::optional<int> desk;  // the desk that called it last
    std::string kiosk;        // the terminal that issued it

    // "A012" (four digits from 1000 on): what the slip, the desk and the board show, from the
    // letter, so a transferred ticket is still called by the number its citizen holds.
    std::string label() const;
};

}  // namespace kiosk::centre
