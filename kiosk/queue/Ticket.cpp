#include "kiosk/queue/Ticket.h"

#include <array>
#include <cstdio>
#include <utility>

#include "kiosk/EnumNames.h"

namespace kiosk::queue {
namespace {

constexpr std::array<std::pair<Priority, std::string_view>, 5> kPriorityNames = {{
    {Priority::None, "none"},
    {Priority::Aged75Plus, "aged_75_plus"},
    {Priority::Disability, "disability"},
    {Priority::Pregnant, "pregnant"},
    {Priority::SmallChild, "small_child"},
}};

constexpr std::array<std::pair<TicketState, std::string_view>, 4> kStateNames = {{
    {TicketState::Waiting, "waiting"},
    {TicketState::Called, "called"},
    {TicketState::NoShow, "no_show"},
    {TicketState::Done, "done"},
}};

}  // namespace

std::string_view priorityName(Priority priority) {
    return nameOf(kPriorityNames, priority);
}

std::optional<Priority> priorityFromName(std::string_view name) {
    return valueOf(kPriorityNames, name);
}

std::string_view stateName(TicketState state) {
    return nameOf(kStateNames, state);
}

std::optional<TicketState> stateFromName(std::string_view name) {
    return valueOf(kStateNames, name);
}

std::string Ticket::label() const {
    char text[8];
    std::snprintf(text, sizeof text, "%c%03d", letter, number);
    return text;
}

}  // namespace kiosk::queue
