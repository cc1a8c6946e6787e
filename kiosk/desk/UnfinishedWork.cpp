#include "kiosk/desk/UnfinishedWork.h"

namespace kiosk::desk {

Result<std::vector<queue::Ticket>> unfinishedWork(storage::StorageRoom& room, std::string_view deskName) {
    auto day = room.book.businessDay();
    if (!day) return day.error();
    auto select = room.db.prepare(
        "SELECT id FROM ticket WHERE desk = ?1 AND day = ?2 AND (state = 'called' OR "
        "(state = 'done' AND NOT EXISTS (SELECT 1 FROM help_record h WHERE h.ticket_id = ticket.id))) "
        "ORDER BY call_order");
    if (!select) return select.error();
    select->bind(1, deskName).bind(2, *day);
    std::vector<queue::TicketId> ids;
    while (true) {
        auto row = select->step();
        if (!row) return row.error();
        if (!*row) break;
        ids.push_back(select->columnInt(0));
    }
    std::vector<queue::Ticket> tickets;
    for (const auto id : ids) {
        auto ticket = room.book.find(id);
        if (!ticket) return ticket.error();
        tickets.push_back(std::move(ticket).value());
    }
    return tickets;
}

}  // namespace kiosk::desk
