#include "kiosk/centre/CentreTicket.h"

#include <cstdio>

#include "kiosk/queue/TicketBook.h"

namespace kiosk::centre {

std::string CentreTicket::label() const {
    char text[16];
    std::snprintf(text, sizeof text, "%c%03d", letter, number);
    return text;
}

Status checkTicketTags(const TicketTags& tags) {
    if (tags.householdKey && !queue::looksLikeHouseholdKey(*tags.householdKey)) {
        return Error{"queue.bad_household_key",
                     "the household key is not a derived key (it looks like a raw number); it was not "
                     "stored. Pass the HMAC household key, never an ID number"};
    }
    return success();
}

}  // namespace kiosk::centre
