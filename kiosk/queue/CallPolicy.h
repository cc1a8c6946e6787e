// Which line a desk calls from next: priority tickets interleaved with normal ones. Pure.
#pragma once

#include <optional>

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

}  // namespace kiosk::queue
