// The citizen journey's records on the storage thread: the JourneyStore the kiosk hands to
// CitizenJourney. Each intent becomes a job; the screen hears back only after the commit. Without
// a database (storage failed at start) tickets are not offered and help requests report why, until
// the core attaches the storage thread on a later attempt.
//
// Whoever prints tickets subscribes with onTicketIssued(); listeners run on the UI thread after
// the citizen's screen got the ticket.
//
// Centre mode (issueAtCentre): tickets come from the centre's shared queue through a
// centre::CentreIssuer that lives on the storage thread, so the leased numbers it journals share
// the kiosk's one writing connection. A silent server costs the storage thread one deadline (2 s),
// then numbers come from the lease at once until the issuer tries the server again. Help requests
// then go to the centre's shared list (kiosk/centre/CentreHelpRequests.h) on the issuer's
// connection, so every desk sees them; while the centre does not answer, "Get help" says so
// (centre.unreachable) rather than record a request no desk would ever see. The ticket's
// origin and household key stay out of the centre's queue: the centre keeps nothing personal,
// pseudonymous or not.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreIssuer.h"
#include "kiosk/session/JourneyStore.h"
#include "kiosk/storage/StorageThread.h"

namespace kiosk::service {

// The storage-thread halves of the intents, callable directly (tests, the kill test's child).
Result<session::IssuedTicket> issueTicket(storage::StorageRoom& room, char service, queue::Priority priority,
                                          const session::TicketTags& tags);
Result<queue::HelpRequestId> saveHelpRequest(store::Database& database, const session::HelpRequest& request,
                                             std::string_view kioskId);
Status saveWalkthroughEvent(store::Database& database, session::WalkthroughEvent event,
                            std::string_view walkthroughId, std::string_view stepId);

class StoredJourney final : public session::JourneyStore {
public:
    using TicketListener = std::function<void(const session::IssuedTicket&)>;

    // `storage` null: no database; `storageProblem` says why, to every help request. `kioskId`
    // tags help requests, so a desk serving several kiosks knows where to go.
    StoredJourney(storage::StorageThread* storage, std::vector<queue::Service> services,
                  std::string kioskId = "kiosk");
    // Storage came back: tickets are offered again from now on.
    void attach(storage::StorageThread* storage, std::vector<queue::Service> services);
    // Why nothing is saved while there is no storage thread (logged with every refused save).
    void setStorageProblem(std::string problem) { storageProblem_ = std::move(problem); }
    // From now on tickets come from the centre (before the first ticket, on the UI thread).
    void issueAtCentre(centre::IssuerSettings settings) { centre_ = std::move(settings); }
    // Centre mode, every ~30 s: the kiosk's last contact, tickets issued offline pushed, leases
    // of today and tomorrow topped up. Nothing outside centre mode.
    void keepInTouchWithCentre();

    const std::vector<queue::Service>& services() const override { return services_; }
    void issueTicket(char service, queue::Priority priority, session::TicketTags tags,
                     TicketDone done) override;
    void requestHelp(session::HelpRequest request, HelpDone done) override;
    void escalateHelp(queue::HelpRequestId id) override;
    void checkHelp(queue::HelpRequestId id, HelpStatusDone done) override;
    void withdrawHelp(queue::HelpRequestId id) override;
    void recordWalkthroughEvent(session::WalkthroughEvent event, std::string_view walkthroughId,
                                std::string_view stepId) override;
    // The province counts scans by kind; what the code said never leaves the scanner screen.
    void countScan(std::string_view scanKind);

    void onTicketIssued(TicketListener listener) { listeners_.push_back(std::move(listener)); }

private:
    void announce(const session::IssuedTicket& ticket);
    // Storage thread only.
    centre::CentreIssuer& issuer(storage::StorageRoom& room);
    Result<session::IssuedTicket> issueAtCentre(storage::StorageRoom& room, char service,
                                                queue::Priority priority, const session::TicketTags& tags);
    std::string serviceLetters() const;
    // Runs `change` on the storage thread; a failure is logged as `what`.
    void changeHelp(std::string_view what, std::function<Status(store::Database&)> local,
                    std::function<Status(centre::CentreHelpRequests&)> atCentre);
    // Storage thread: the kiosk's own help requests, or the centre's in centre mode.
    template <class T, class Local, class AtCentre>
    Result<T> onHelpList(storage::StorageRoom& room, Local local, AtCentre atCentre);

    storage::StorageThread* storage_;
    std::vector<queue::Service> services_;  // empty without storage: no ticket tile
    std::string kioskId_;
    std::string storageProblem_;
    std::vector<TicketListener> listeners_;
    std::optional<centre::IssuerSettings> centre_;
    std::unique_ptr<centre::CentreIssuer> issuer_;  // made and used on the storage thread only
};

}  // namespace kiosk::service
