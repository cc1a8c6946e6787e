// Which ticket a desk calls next: priority tickets interleaved with normal ones, oldest first
// within each class. Pure. The one copy of the call rule: TicketBook::callNext applies it to the
// database, predictCallOrder() replays it to tell a citizen how many will be called before them,
// so the number on the ticket screen is the order the desks then really call.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/queue/Ticket.h"

namespace kiosk::queue {

enum class TicketClass { Priority, Normal };

// "Call `priorityInARow` priority tickets, then `normalInARow` normal ones, and again"; the
// default is one priority per two normal. Within each class the oldest ticket goes first.
// Values below 1 count as 1: neither line may starve the other.
struct InterleaveRule {
    int priorityInARow = 1;
    int normalInARow = 2;
};

// The run of calls so far today: the class of the latest call and how many calls in a row
// (counting back from the latest) had that class. No calls yet: nullopt, and priority starts.
struct CallRun {
    std::optional<TicketClass> last;
    int length = 0;
};

// The class to call next, or nullopt when both lines are empty. When the preferred line is
// empty the other one is called, so a desk never idles while someone waits.
std::optional<TicketClass> nextClass(const InterleaveRule& rule, const CallRun& run, bool priorityWaiting,
                                     bool normalWaiting);

// The run after calling one ticket of `called`.
CallRun afterCall(const CallRun& run, TicketClass called);

// The lines one desk calls from, as service letters ("AC"); empty: every line.
struct DeskLines {
    std::string services;
    bool serves(char service) const {
        return services.empty() || services.find(service) != std::string::npos;
    }
};

// The waiting tickets (any order) in the order the desks will call them if nobody else arrives:
// the desks take turns, each calling by `rule` from its own lines (the run is the kiosk's, shared
// by all desks, as in TicketBook::callNext). A ticket no desk serves is never called and is left
// out. With one desk this is exactly the order callNext produces.
std::vector<Ticket> predictCallOrder(std::vector<Ticket> waiting, const InterleaveRule& rule, CallRun run,
                                     std::span<const DeskLines> desks);

}  // namespace kiosk::queue
