// How this kiosk's queue is called, built once from the config's [desk] section and handed to
// every TicketBook (the citizen's ticket screen, Get help and the desk use the same one).
#pragma once

#include <chrono>
#include <vector>

#include "kiosk/config/KioskConfig.h"
#include "kiosk/queue/CallPolicy.h"

namespace kiosk::queue {

struct QueuePolicy {
    InterleaveRule interleave;  // default: 1 priority per 2 normal
    // A no-show can be recalled while fewer than this many tickets of its line were called
    // after it: a citizen who was in the toilet is not sent to the back of the line.
    int recallWindow = 3;
    // The wait estimate's service time before anyone was served today.
    std::chrono::seconds defaultServiceTime = std::chrono::minutes(5);
    // The desks that call this queue; a lone kiosk has one desk that serves every line.
    std::vector<DeskLines> desks{DeskLines{}};
};

QueuePolicy queuePolicyFor(const config::DeskConfig& desk);

}  // namespace kiosk::queue
