#include "kiosk/queue/CallPolicy.h"

#include <algorithm>
#include <deque>

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

std::vector<Ticket> predictCallOrder(std::vector<Ticket> waiting, const InterleaveRule& rule, CallRun run,
                                     std::span<const DeskLines> desks) {
    static const DeskLines kEveryLine;
    if (desks.empty()) desks = std::span<const DeskLines>(&kEveryLine, 1);
    std::ranges::sort(waiting, {}, &Ticket::id);  // oldest first: issue order is the row id
    std::vector<bool> taken(waiting.size(), false);
    // The oldest untaken ticket of a class in a desk's lines.
    auto oldest = [&](const DeskLines& desk, bool priority) -> std::optional<size_t> {
        for (size_t i = 0; i < waiting.size(); ++i) {
            if (!taken[i] && waiting[i].hasPriority() == priority && desk.serves(waiting[i].service))
                return i;
        }
        return std::nullopt;
    };
    std::vector<Ticket> ordered;
    ordered.reserve(waiting.size());
    for (bool anyCalled = true; anyCalled;) {
        anyCalled = false;
        for (const DeskLines& desk : desks) {
            const auto priority = oldest(desk, true);
            const auto normal = oldest(desk, false);
            const auto kind = nextClass(rule, run, priority.has_value(), normal.has_value());
            if (!kind) continue;
            const size_t index = *kind == TicketClass::Priority ? *priority : *normal;
            taken[index] = true;
            ordered.push_back(waiting[index]);
            run = afterCall(run, *kind);
            anyCalled = true;
        }
    }
    return ordered;
}

}  // namespace kiosk::queue
