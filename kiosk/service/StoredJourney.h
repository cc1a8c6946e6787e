// The citizen journey's records on the storage thread: the JourneyStore the kiosk hands to
// CitizenJourney. Each intent becomes a job; the screen hears back only after the commit. Without
// a database (storage failed at start) tickets are not offered and help requests report why, until
// the core attaches the storage thread on a later attempt.
//
// Whoever prints tickets subscribes with onTicketIssued(); listeners run on the UI thread after
// the citizen's screen got the ticket.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

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
    // Runs `change` on the storage thread; a failure is logged as `what`.
    void changeHelp(std::string_view what, std::function<Status(store::Database&)> change);

    storage::StorageThread* storage_;
    std::vector<queue::Service> services_;  // empty without storage: no ticket tile
    std::string kioskId_;
    std::string storageProblem_;
    std::vector<TicketListener> listeners_;
};

}  // namespace kiosk::service
