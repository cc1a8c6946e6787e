// Where the citizen journey's lasting records go: tickets, help requests and anonymous
// walkthrough counts. Every call returns at once; the result arrives later, on the UI thread,
// only after it was committed (kiosk::service::StoredJourney runs them on the storage thread).
// So what a citizen is shown exists, and no frame waits for a disk.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"
#include "kiosk/queue/HelpRequestLog.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/Ticket.h"

namespace kiosk::session {

// A committed ticket as the citizen's screen shows it.
struct IssuedTicket {
    queue::TicketId id = 0;
    std::string label;  // "A012"
    char service = 'A';
    // Tickets of any line the desks will call first; nullopt when the kiosk issued from its
    // leased numbers while the centre did not answer, and cannot know the others' tickets.
    std::optional<int> ahead = 0;
    std::chrono::seconds estimatedWait{0};
};

// What a ticket carries besides its service and priority: where "Get help" was pressed, and
// the household key of a scanned card (never the card's number).
struct TicketTags {
    std::string origin;
    std::optional<std::string> householdKey;
};

struct HelpRequest {
    std::string place;  // "home", "coming_soon:scan", "walkthrough:vneid-level1/nfc": never personal data
    i18n::Language language;
    queue::HelpUrgency urgency = queue::HelpUrgency::Normal;
};

enum class WalkthroughEvent { Started, Finished, Abandoned };
std::string_view walkthroughEventName(WalkthroughEvent event);  // "started", "finished", "abandoned"

class JourneyStore {
public:
    using TicketDone = std::function<void(Result<IssuedTicket>)>;
    using HelpDone = std::function<void(Result<queue::HelpRequestId>)>;
    using HelpStatusDone = std::function<void(Result<queue::HelpRequestStatus>)>;

    virtual ~JourneyStore() = default;
    // The lines a citizen may take a ticket for; empty: the kiosk has no queue.
    virtual const std::vector<queue::Service>& services() const = 0;
    virtual void issueTicket(char service, queue::Priority priority, TicketTags tags, TicketDone done) = 0;
    // Help requests, listed at the volunteer desks until answered or withdrawn.
    virtual void requestHelp(HelpRequest request, HelpDone done) = 0;
    virtual void escalateHelp(queue::HelpRequestId id) = 0;
    virtual void checkHelp(queue::HelpRequestId id, HelpStatusDone done) = 0;
    virtual void withdrawHelp(queue::HelpRequestId id) = 0;
    // Best effort: statistics never stop a citizen.
    virtual void recordWalkthroughEvent(WalkthroughEvent event, std::string_view walkthroughId,
                                        std::string_view stepId) = 0;
};

}  // namespace kiosk::session
