// Issuing in centre mode so that a kiosk never stops: online through CentreQueue while the
// centre's PostgreSQL answers, and from numbers leased in advance while it does not.
//
// - Online, each issue is CentreQueue::issueWithId. After it, the kiosk tops up its lease for the
//   service when fewer than `refillBelow` leased numbers are left: a block of `leaseSize` numbers
//   cut from the top of the day's range (A9990-A9999, then A9980-A9989, ...) while online numbers
//   count up from A001; the centre's counter row keeps the two apart, so nobody else ever gives a
//   leased number out and a normal day's numbers have no gaps.
// - A server that refuses, drops or does not answer within the deadlines (2 s by default; a
//   frozen server is caught by our own socket deadline, not the server's statement_timeout) makes
//   the issue come from the lease: the ticket (UUID, number, service, priority, time) goes into
//   the local journal (kiosk/centre/LeaseJournal.h) and is shown as any other ticket.
// - When the server answers again, journaled tickets are pushed first (INSERT ... ON CONFLICT
//   (id) DO NOTHING, so a push repeated after a crash counts once), oldest first, marked
//   issued_offline; desks then call them like any other ticket, after those already waiting.
// - An online issue that broke off at an unknown point (the connection died during COMMIT) may
//   have left a ticket at the centre that nobody holds, since the citizen got a leased number
//   instead. Once the server process that ran it has ended, that ticket is removed if it is still
//   waiting (event ticket.voided), so nothing is issued twice.
// Numbers: unique per service and day across the centre. A ticket issued offline shows a number
// from the top range (A9990 ...), which also tells a volunteer why it came late. A leased number
// never used is a gap at the top; statistics count tickets, never numbers, so gaps do not
// distort them.
//
// Not thread-safe: one issuer per thread (the kiosk's storage thread), with its own connection.
//
// Usage:
//   centre::IssuerSettings settings;
//   settings.connectionString = config.centre.database;
//   settings.kioskId = config.kioskId;
//   centre::CentreIssuer issuer(settings, database, clock);
//   auto issued = issuer.issue('A', queue::Priority::None);   // issued->offline: from the lease
//   issuer.keepInTouch("ABC");   // every ~30 s: last contact, push the journal, top up leases
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/centre/CentreTicket.h"
#include "kiosk/centre/LeaseJournal.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/Database.h"

namespace kiosk::centre {

struct IssuerSettings {
    std::string connectionString;  // [centre] database
    std::string kioskId;
    int leaseSize = 10;   // numbers per block: a few minutes of a busy morning per service
    int refillBelow = 4;  // top up when fewer are left
    PgDeadlines deadlines;
    // After the server failed, issue from the lease without trying it again for this long, so a
    // queue of citizens is not made to wait the deadline at every ticket.
    std::chrono::milliseconds retryServerAfter{10'000};
    queue::QueuePolicy policy;
};

struct IssuedTicket {
    CentreTicket ticket;
    bool offline = false;  // from the lease; the centre learns of it when it answers again
    // Where it stands in the centre's line; nullopt offline (nobody here knows the others'
    // tickets) or when reading it back failed after the commit.
    std::optional<queue::QueuePosition> position;
};

// What a push to the centre did.
struct PushOutcome {
    int pushed = 0;   // journaled tickets the centre now holds
    int voided = 0;   // unheld tickets of broken-off issues removed at the centre
    int waiting = 0;  // journaled tickets still waiting for the centre
};

class CentreIssuer {
public:
    // `journal` (the kiosk's database) and `clock` must outlive the issuer.
    CentreIssuer(IssuerSettings settings, store::Database& journal, const WallClock& clock);

    // A ticket, from the centre or else from the lease; `tags` travel with it either way.
    // Errors: queue.unknown_service, queue.bad_household_key, queue.day_full, centre.no_lease
    // (offline and no leased number left), store.*, and centre.sql.* when the server answered
    // with a refusal (those are never hidden offline).
    Result<IssuedTicket> issue(char service, queue::Priority priority, const TicketTags& tags = {});

    // Pushes journaled tickets and settles broken-off issues. Error centre.unreachable (nothing
    // lost: everything stays journaled for the next try).
    Result<PushOutcome> push();
    // Ensures at least `refillBelow` leased numbers for each service letter in `services` today.
    Status topUpLeases(std::string_view services);
    // Notes this kiosk's contact (so `centre status` does not list it offline), pushes and tops
    // up the leases of today and of tomorrow, so a kiosk whose server is down when the centre
    // opens still has numbers (leases come from the top of the range: tomorrow's online numbers
    // still start at 001). Call it every ~30 s from the thread that issues.
    Status keepInTouch(std::string_view services);

    // True while the last contact with the server failed.
    bool offline() const { return !connection_ || !connection_->isOpen(); }

    // Runs `work` on this issuer's connection, for the kiosk's other centre work on the same
    // thread (help requests): one connection per kiosk, and a server found gone here sends the
    // next ticket to the lease at once instead of making it wait the deadline again.
    // Error centre.unreachable without running `work` while the server is known to be gone.
    template <class T, class Work>
    Result<T> onServer(Work work) {
        auto connection = server();
        if (!connection) return connection.error();
        Result<T> result = work(**connection);
        if (!result) noteFailure(result.error());
        return result;
    }

private:
    // The open connection, opening one if the retry pause allows; error when unreachable.
    Result<PgConnection*> server();
    void lostServer();
    void noteFailure(const Error& error);
    Status noteContact(PgConnection& connection);
    Status pushTicket(PgConnection& connection, const JournaledTicket& ticket, bool& inserted);
    Result<bool> voidUnheld(PgConnection& connection, const UnsureTicket& unsure);
    Status leaseBlock(PgConnection& connection, const std::string& day, char service);
    Status topUpLeasesOf(const std::string& day, std::string_view services);
    Result<IssuedTicket> issueFromLease(const std::string& id, char service, queue::Priority priority,
                                        const TicketTags& tags, const std::optional<UnsureTicket>& unsure);

    IssuerSettings settings_;
    LeaseJournal journal_;
    const WallClock& clock_;
    std::optional<PgConnection> connection_;
    int backendPid_ = 0;  // the server process of connection_
    std::optional<std::chrono::steady_clock::time_point> retryAt_;
};

}  // namespace kiosk::centre
