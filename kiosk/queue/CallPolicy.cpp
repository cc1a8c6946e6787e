#include "kiosk/queue/CallPolicy.h"

#include <algorithm>

namespace kiosk::queue {

std::optional<TicketClass> nextClass(const InterleaveRule& rule, const CallRun& run, bool priorityWaiting,
                                     bool normalWaiting) {
    const int priorityInARow = std::max(1, rule.priorityInARow);
    const int normalInARow = std::max(1, rule.normalInARow);
    TicketClass preferred = TicketClass::Priority;
    if (run.last == TicketClass::Priority) {
        preferred = run.length < priorityInARow ? TicketClass::Priority : TicketClass::Normal;
    } else if (run.last == TicketClass::Normal) {
        preferred = run.length < normalInARow ? TicketClass::Normal : TicketClass::Priority;
    }
    const bool preferredWaiting = preferred == TicketClass::Priority ? priorityWaiting : normalWaiting;
    if (preferredWaiting) return preferred;
    if (priorityWaiting) return TicketClass::Priority;
    if (normalWaiting) return TicketClass::Normal;
    return std::nullopt;
}

CallRun afterCall(const CallRun& run, TicketClass called) {
    if (run.last == called) return {called, run.length + 1};
    return {called, 1};
}

}  // namespace kiosk::queue
