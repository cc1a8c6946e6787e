#include "kiosk/session/StoredJourneyLog.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "kiosk/queue/HelpRequestLog.h"
#include "kiosk/sync/Outbox.h"

namespace kiosk::session {

std::string_view walkthroughEventName(WalkthroughEvent event) {
    switch (event) {
        case WalkthroughEvent::Started: return "started";
        case WalkthroughEvent::Finished: return "finished";
        case WalkthroughEvent::Abandoned: return "abandoned";
    }
    return "unknown";
}

StoredJourneyLog::StoredJourneyLog(store::Database* database, std::string storageProblem)
    : database_(database), storageProblem_(std::move(storageProblem)) {}

Status StoredJourneyLog::recordHelpRequest(const HelpRequest& request) {
    if (!database_) return Error{"store.unavailable", storageProblem_};
    Status saved = queue::recordHelpRequest(*database_, request);
    if (!saved) spdlog::error("help request not saved: {}", saved.error().message);
    return saved;
}

void StoredJourneyLog::recordWalkthroughEvent(WalkthroughEvent event, std::string_view walkthroughId,
                                              std::string_view stepId) {
    if (!database_) return;  // statistics are best effort; the storage banner already tells the technician
    Status saved = database_->transaction([&]() -> Status {
        auto insert = database_->prepare(
            "INSERT INTO walkthrough_event(at, walkthrough_id, event, step_id) "
            "VALUES(strftime('%Y-%m-%dT%H:%M:%fZ'), ?1, ?2, ?3)");
        if (!insert) return insert.error();
        insert->bind(1, walkthroughId).bind(2, walkthroughEventName(event)).bind(3, stepId);
        if (Status inserted = insert->run(); !inserted) return inserted;
        // The province's copy, in the same transaction (kiosk/sync/WIRE.md): walkthrough.started, ...
        return sync::appendEvent(
            *database_, "walkthrough." + std::string(walkthroughEventName(event)),
            {{"walkthrough_id", std::string(walkthroughId)}, {"step_id", std::string(stepId)}},
            std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
    });
    if (!saved) spdlog::warn("walkthrough statistics not saved: {}", saved.error().message);
}

}  // namespace kiosk::session
