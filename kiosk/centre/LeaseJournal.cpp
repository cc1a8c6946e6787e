#include "kiosk/centre/LeaseJournal.h"

namespace kiosk::centre {
namespace {

int64_t toMillis(WallTime at) {
    return at.time_since_epoch().count();
}

WallTime fromMillis(int64_t millis) {
    return WallTime(std::chrono::milliseconds(millis));
}

}  // namespace

Result<int> LeaseJournal::numbersLeft(std::string_view day, char service) {
    auto left = database_.prepare(
        "SELECT coalesce(sum(last_number - next_number + 1), 0) FROM centre_lease "
        "WHERE day = ?1 AND service = ?2 AND next_number <= last_number");
    if (!left) return left.error();
    left->bind(1, day).bind(2, std::string_view(&service, 1));
    auto row = left->step();
    if (!row) return row.error();
    return static_cast<int>(left->columnInt(0));
}

Status LeaseJournal::addLease(std::string_view day, char service, int firstNumber, int lastNumber) {
    return database_.transaction([&]() -> Status {
        auto insert = database_.prepare(
            "INSERT INTO centre_lease(day, service, first_number, last_number, next_number) "
            "VALUES (?1, ?2, ?3, ?4, ?3)");
        if (!insert) return insert.error();
        insert->bind(1, day).bind(2, std::string_view(&service, 1)).bind(3, int64_t{firstNumber});
        insert->bind(4, int64_t{lastNumber});
        return insert->run();
    });
}

Status LeaseJournal::noteUnsure(const UnsureTicket& unsure) {
    return database_.transaction([&]() -> Status {
        auto insert =
            database_.prepare("INSERT OR IGNORE INTO centre_unsure_ticket(id, backend_pid) VALUES (?1, ?2)");
        if (!insert) return insert.error();
        insert->bind(1, unsure.id).bind(2, int64_t{unsure.backendPid});
        return insert->run();
    });
}

Result<JournaledTicket> LeaseJournal::issueFromLease(std::string_view id, std::string_view day, char service,
                                                     queue::Priority priority, WallTime at,
                                                     const TicketTags& tags,
                                                     const std::optional<UnsureTicket>& unsure) {
    if (Status checked = checkTicketTags(tags); !checked) return checked.error();
    JournaledTicket ticket{std::string(id), std::string(day), service, 0, priority, at, tags};
    Status saved = database_.transaction([&]() -> Status {
        if (unsure) {
            if (Status noted = noteUnsure(*unsure); !noted) return noted;
        }
        // The oldest lease first, so numbers given offline rise as they would online.
        auto lease = database_.prepare(
            "SELECT first_number, next_number FROM centre_lease "
            "WHERE day = ?1 AND service = ?2 AND next_number <= last_number "
            "ORDER BY first_number LIMIT 1");
        if (!lease) return lease.error();
        lease->bind(1, day).bind(2, std::string_view(&service, 1));
        auto found = lease->step();
        if (!found) return found.error();
        if (!*found) {
            return Error{"centre.no_lease",
                         "the centre's server does not answer and this kiosk has no numbers left for "
                         "service " +
                             std::string(1, service) +
                             " today; please ask a volunteer for a paper number. The kiosk issues "
                             "again as soon as the server answers"};
        }
        const int64_t firstNumber = lease->columnInt(0);
        ticket.number = static_cast<int>(lease->columnInt(1));
        auto advance = database_.prepare(
            "UPDATE centre_lease SET next_number = next_number + 1 "
            "WHERE day = ?1 AND service = ?2 AND first_number = ?3");
        if (!advance) return advance.error();
        advance->bind(1, day).bind(2, std::string_view(&service, 1)).bind(3, firstNumber);
        if (Status advanced = advance->run(); !advanced) return advanced;
        auto journal = database_.prepare(
            "INSERT INTO centre_journal(id, day, service, number, priority, issued_at_ms, origin, "
            "household_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!journal) return journal.error();
        journal->bind(1, id).bind(2, day).bind(3, std::string_view(&service, 1));
        journal->bind(4, int64_t{ticket.number}).bind(5, queue::priorityName(priority)).bind(6, toMillis(at));
        journal->bind(7, tags.origin);
        if (tags.householdKey) {
            journal->bind(8, *tags.householdKey);
        } else {
            journal->bindNull(8);
        }
        return journal->run();
    });
    if (!saved) return saved.error();
    return ticket;
}

Result<std::vector<JournaledTicket>> LeaseJournal::unpushed() {
    auto rows = database_.prepare(
        "SELECT id, day, service, number, priority, issued_at_ms, origin, household_key FROM centre_journal "
        "WHERE pushed_at_ms IS NULL ORDER BY issued_at_ms, day, service, number");
    if (!rows) return rows.error();
    std::vector<JournaledTicket> tickets;
    for (;;) {
        auto row = rows->step();
        if (!row) return row.error();
        if (!*row) break;
        JournaledTicket ticket{rows->columnText(0),
                               rows->columnText(1),
                               rows->columnText(2).front(),
                               static_cast<int>(rows->columnInt(3)),
                               queue::priorityFromName(rows->columnText(4)).value_or(queue::Priority::None),
                               fromMillis(rows->columnInt(5)),
                               TicketTags{rows->columnText(6), std::nullopt}};
        if (!rows->columnIsNull(7)) ticket.tags.householdKey = rows->columnText(7);
        tickets.push_back(std::move(ticket));
    }
    return tickets;
}

Status LeaseJournal::markPushed(std::string_view id, WallTime at) {
    return database_.transaction([&]() -> Status {
        auto update = database_.prepare("UPDATE centre_journal SET pushed_at_ms = ?2 WHERE id = ?1");
        if (!update) return update.error();
        update->bind(1, id).bind(2, toMillis(at));
        return update->run();
    });
}

Result<std::vector<UnsureTicket>> LeaseJournal::unsureTickets() {
    auto rows = database_.prepare("SELECT id, backend_pid FROM centre_unsure_ticket ORDER BY id");
    if (!rows) return rows.error();
    std::vector<UnsureTicket> tickets;
    for (;;) {
        auto row = rows->step();
        if (!row) return row.error();
        if (!*row) break;
        tickets.push_back({rows->columnText(0), static_cast<int>(rows->columnInt(1))});
    }
    return tickets;
}

Status LeaseJournal::forgetUnsure(std::string_view id) {
    return database_.transaction([&]() -> Status {
        auto remove = database_.prepare("DELETE FROM centre_unsure_ticket WHERE id = ?1");
        if (!remove) return remove.error();
        remove->bind(1, id);
        return remove->run();
    });
}

}  // namespace kiosk::centre
