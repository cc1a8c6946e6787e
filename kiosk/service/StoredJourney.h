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
// The help request and its ticket in one transaction: both or neither.
Result<std::optional<session::IssuedTicket>> saveHelpRequest(storage::StorageRoom& room,
                                                             const session::HelpRequest& request,
                                                             std::optional<char> service);
Status saveWalkthroughEvent(store::Database& database, session::WalkthroughEvent event,
                            std::string_view walkthroughId, std::string_view stepId);

class StoredJourney final : public session::JourneyStore {
public:
    using TicketListener = std::function<void(const session::IssuedTicket&)>;

    // `storage` null: no database; `storageProblem` says why, to every help request.
    StoredJourney(storage::StorageThread* storage, std::vector<queue::Service> services);
    // Storage came back: tickets are offered again from now on.
    void attach(storage::StorageThread* storage, std::vector<queue::Service> services);
    // Why nothing is saved while there is no storage thread (logged with every refused save).
    void setStorageProblem(std::string problem) { storageProblem_ = std::move(problem); }

    const std::vector<queue::Service>& services() const override { return services_; }
    void issueTicket(char service, queue::Priority priority, session::TicketTags tags,
                     TicketDone done) override;
    void requestHelp(session::HelpRequest request, std::optional<char> service, HelpDone done) override;
    void recordWalkthroughEvent(session::WalkthroughEvent event, std::string_view walkthroughId,
                                std::string_view stepId) override;
    // The province counts scans by kind; what the code said never leaves the scanner screen.
    void countScan(std::string_view scanKind);

    void onTicketIssued(TicketListener listener) { listeners_.push_back(std::move(listener)); }

private:
    void announce(const session::IssuedTicket& ticket);

    storage::StorageThread* storage_;
    std::vector<queue::Service> services_;  // empty without storage: no ticket tile
    std::string storageProblem_;
    std::vector<TicketListener> listeners_;
};

}  // namespace kiosk::service
