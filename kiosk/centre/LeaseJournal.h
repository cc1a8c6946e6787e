// The kiosk's own record of centre-mode issuing while the centre is out of reach, in its SQLite
// database (migrations 9 and 10): the blocks of numbers it leased, the tickets it issued from them until
// the centre holds them, and online issues that broke off at an unknown point. Storage only: no
// network; kiosk/centre/CentreIssuer.h decides when each is used.
//
// Every write is one local transaction, so a ticket is either journaled with its number taken
// from the lease, or neither: a number is never given out twice by this kiosk, and leases of
// different kiosks never overlap (the centre hands them out from one counter).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/centre/CentreTicket.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/store/Database.h"

namespace kiosk::centre {

// A ticket issued from a lease, as journaled.
struct JournaledTicket {
    std::string id;  // UUID
    std::string day;
    char service = 'A';
    int number = 0;
    queue::Priority priority = queue::Priority::None;
    WallTime issuedAt;
    TicketTags tags;
};

// An online issue that may have committed at the centre without anybody holding its ticket.
struct UnsureTicket {
    std::string id;
    int backendPid = 0;  // the centre's server process that ran its transaction
};

class LeaseJournal {
public:
    explicit LeaseJournal(store::Database& database) : database_(database) {}

    // Numbers still unused in the leases of `service` on `day`.
    Result<int> numbersLeft(std::string_view day, char service);
    Status addLease(std::string_view day, char service, int firstNumber, int lastNumber);

    // Takes the lowest unused leased number of `service` on `day` and journals the ticket `id`
    // with it; `unsure`, if given, is recorded in the same transaction. Error centre.no_lease when
    // every leased number of the day is used.
    Result<JournaledTicket> issueFromLease(std::string_view id, std::string_view day, char service,
                                           queue::Priority priority, WallTime at, const TicketTags& tags,
                                           const std::optional<UnsureTicket>& unsure);
    // Records `unsure` on its own (the issue failed and no lease number was given either).
    Status noteUnsure(const UnsureTicket& unsure);

    // Journaled tickets the centre does not hold yet, oldest first.
    Result<std::vector<JournaledTicket>> unpushed();
    Status markPushed(std::string_view id, WallTime at);
    Result<std::vector<UnsureTicket>> unsureTickets();
    Status forgetUnsure(std::string_view id);

private:
    store::Database& database_;
};

}  // namespace kiosk::centre
