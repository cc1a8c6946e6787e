// Pure: no I/O. One change of the centre's queue as CentreQueue announces it on the channel
// kiosk_queue (a small JSON payload: event, id, number, service, status, desk), parsed for the
// desks and boards that listen. Nothing personal travels in it: tickets carry no names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/queue/Ticket.h"

namespace kiosk::centre {

enum class QueueEventKind {
    Issued,       // a new waiting ticket
    Called,       // a desk called it (call-next)
    Recalled,     // a desk called it again: the board repeats the spoken call
    NoShow,       // called, nobody came
    Done,         // served
    Transferred,  // moved to another service's line, keeping its number and its place
    Other,        // a kind this terminal does not know (a newer terminal sent it): reload the queue
};

struct QueueEvent {
    QueueEventKind kind = QueueEventKind::Other;
    std::string id;      // the ticket's UUID
    std::string number;  // its label, "A012"
    char service = 'A';
    queue::TicketState status = queue::TicketState::Waiting;
    std::optional<int> desk;  // the desk that called it last

    bool operator==(const QueueEvent&) const = default;
};

// The event in one NOTIFY payload; nullopt when it is not a queue event at all (not JSON, no
// ticket id or number, a service that is not a capital letter).
std::optional<QueueEvent> parseQueueEvent(std::string_view payload);

// "issued", "called", "recalled", "no_show", "done", "transferred": the names CentreQueue sends.
std::string_view queueEventName(QueueEventKind kind);

}  // namespace kiosk::centre
