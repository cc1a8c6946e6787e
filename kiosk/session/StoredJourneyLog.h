// The journey's log kept in the kiosk database: help requests and walkthrough events. Both are
// anonymous: a place or a step id, a language, a time; never who.
#pragma once

#include "kiosk/session/CitizenJourney.h"
#include "kiosk/store/Database.h"

namespace kiosk::session {

class StoredJourneyLog final : public JourneyLog {
public:
    // `database` may be null when storage failed: help requests then report the storage problem.
    StoredJourneyLog(store::Database* database, std::string storageProblem);

    Status recordHelpRequest(const HelpRequest& request) override;
    void recordWalkthroughEvent(WalkthroughEvent event, std::string_view walkthroughId,
                                std::string_view stepId) override;

private:
    store::Database* database_;
    std::string storageProblem_;
};

std::string_view walkthroughEventName(WalkthroughEvent event);

}  // namespace kiosk::session
