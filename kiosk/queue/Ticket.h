// A queue ticket as the citizen holds it (A001) and as the volunteer desk sees it. Pure value
// types, no I/O. A ticket carries at most a household key the caller derived (never an ID
// number, name or phone number): see DESIGN.md, "Personal data".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Clock.h"

namespace kiosk::queue {

using TicketId = int64_t;

// Who may go ahead of the normal line (the centre's rule, shown on the ticket screen).
enum class Priority { None, Aged75Plus, Disability, Pregnant, SmallChild };

enum class TicketState {
    Waiting,  // in the line of `service`
    Called,   // a desk called it and is (or will be) serving the citizen
    NoShow,   // called but nobody came; can be recalled within the recall window
    Done,     // served
};

// Names stored in the database and used in logs: "none", "aged_75_plus", "disability",
// "pregnant", "small_child"; "waiting", "called", "no_show", "done".
std::string_view priorityName(Priority priority);
std::optional<Priority> priorityFromName(std::string_view name);
std::string_view stateName(TicketState state);
std::optional<TicketState> stateFromName(std::string_view name);

struct Ticket {
    TicketId id = 0;     // issue order across the kiosk's life: "oldest first" means smaller id
    std::string day;     // the local day it belongs to, "YYYY-MM-DD"
    char letter = 'A';   // the service it was issued for: printed on the slip
    int number = 0;      // 1..999, gap-free per letter and day
    char service = 'A';  // the line it waits in now; differs from `letter` after a transfer
    Priority priority = Priority::None;
    std::optional<std::string> householdKey;
    TicketState state = TicketState::Waiting;
    std::string desk;  // desk or volunteer that called it last; empty until called
    int calls = 0;     // how often it was called (first call plus recalls)
    WallTime issuedAt{};
    std::optional<WallTime> calledAt;
    std::optional<WallTime> doneAt;
    std::string origin;  // where "Get help" was pressed; empty for the ticket screen

    // "A001": what the slip, the screen and the desk show.
    std::string label() const;
    bool hasPriority() const { return priority != Priority::None; }
};

}  // namespace kiosk::queue
