#include "kiosk/service/StoredJourney.h"

#include <spdlog/spdlog.h>

#include "kiosk/queue/HelpRequestLog.h"
#include "kiosk/sync/Outbox.h"

namespace kiosk::service {
namespace {

kiosk::WallTime wallNow() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// The ticket is committed; if reading its place back fails, the number is shown without an estimate.
session::IssuedTicket describe(storage::StorageRoom& room, const queue::Ticket& ticket) {
    session::IssuedTicket issued{ticket.id, ticket.label(), ticket.service, 0, std::chrono::seconds(0)};
    if (auto where = room.book.position(ticket.id)) {
        issued.ahead = where->ahead;
        issued.estimatedWait = where->estimatedWait;
    } else {
        spdlog::warn("ticket {}: no wait estimate: {}", issued.label, where.error().message);
    }
    return issued;
}

}  // namespace

Result<session::IssuedTicket> issueTicket(storage::StorageRoom& room, char service, queue::Priority priority,
                                          const session::TicketTags& tags) {
    auto ticket = room.book.issue(service, priority, tags.householdKey, tags.origin);
    if (!ticket) return ticket.error();
    return describe(room, *ticket);
}

Result<queue::HelpRequestId> saveHelpRequest(store::Database& database, const session::HelpRequest& request,
                                             std::string_view kioskId) {
    return queue::recordHelpRequest(database, {request.place, request.language, request.urgency, kioskId});
}

Status saveWalkthroughEvent(store::Database& database, session::WalkthroughEvent event,
                            std::string_view walkthroughId, std::string_view stepId) {
    const std::string_view name = session::walkthroughEventName(event);
    return database.transaction([&]() -> Status {
        auto insert = database.prepare(
            "INSERT INTO walkthrough_event(at, walkthrough_id, event, step_id) "
            "VALUES(strftime('%Y-%m-%dT%H:%M:%fZ'), ?1, ?2, ?3)");
        if (!insert) return insert.error();
        insert->bind(1, walkthroughId).bind(2, name).bind(3, stepId);
        if (Status inserted = insert->run(); !inserted) return inserted;
        // The province's copy, in the same transaction (kiosk/sync/WIRE.md): walkthrough.started, ...
        return sync::appendEvent(
            database, "walkthrough." + std::string(name),
            {{"walkthrough_id", std::string(walkthroughId)}, {"step_id", std::string(stepId)}}, wallNow());
    });
}

StoredJourney::StoredJourney(storage::StorageThread* storage, std::vector<queue::Service> services,
                             std::string kioskId)
    : storage_(storage),
      services_(storage ? std::move(services) : std::vector<queue::Service>{}),
      kioskId_(std::move(kioskId)) {}

void StoredJourney::attach(storage::StorageThread* storage, std::vector<queue::Service> services) {
    storage_ = storage;
    services_ = std::move(services);
    storageProblem_.clear();
}

void StoredJourney::announce(const session::IssuedTicket& ticket) {
    for (const auto& listener : listeners_)
        listener(ticket);
}

void StoredJourney::issueTicket(char service, queue::Priority priority, session::TicketTags tags,
                                TicketDone done) {
    if (!storage_) {
        spdlog::error("ticket not saved: {}", storageProblem_);
        done(Error{"store.unavailable", storageProblem_});
        return;
    }
    storage_->post([this, service, priority, tags = std::move(tags), done = std::move(done)](
                       storage::StorageRoom& room) -> storage::StorageThread::Completion {
        auto issued = service::issueTicket(room, service, priority, tags);
        if (!issued) spdlog::error("ticket not saved: {}", issued.error().message);
        return [this, issued = std::move(issued), done] {
            done(issued);
            if (issued) announce(*issued);
        };
    });
}

void StoredJourney::requestHelp(session::HelpRequest request, HelpDone done) {
    if (!storage_) {
        spdlog::error("help request not saved: {}", storageProblem_);
        done(Error{"store.unavailable", storageProblem_});
        return;
    }
    storage_->post([request = std::move(request), kiosk = kioskId_, done = std::move(done)](
                       storage::StorageRoom& room) -> storage::StorageThread::Completion {
        auto saved = saveHelpRequest(room.db, request, kiosk);
        if (!saved) spdlog::error("help request not saved: {}", saved.error().message);
        return [saved = std::move(saved), done] { done(saved); };
    });
}

void StoredJourney::changeHelp(std::string_view what, std::function<Status(store::Database&)> change) {
    if (!storage_) {
        spdlog::error("{}: {}", what, storageProblem_);
        return;
    }
    storage_->post([what = std::string(what), change = std::move(change)](
                       storage::StorageRoom& room) -> storage::StorageThread::Completion {
        if (Status changed = change(room.db); !changed)
            spdlog::error("{}: {}", what, changed.error().message);
        return {};
    });
}

void StoredJourney::escalateHelp(queue::HelpRequestId id) {
    changeHelp("help request not raised to urgent",
               [id](store::Database& database) { return queue::escalateHelpRequest(database, id); });
}

void StoredJourney::withdrawHelp(queue::HelpRequestId id) {
    changeHelp("help request not withdrawn",
               [id](store::Database& database) { return queue::withdrawHelpRequest(database, id); });
}

void StoredJourney::checkHelp(queue::HelpRequestId id, HelpStatusDone done) {
    if (!storage_) {
        done(Error{"store.unavailable", storageProblem_});
        return;
    }
    storage_->post(
        [id, done = std::move(done)](storage::StorageRoom& room) -> storage::StorageThread::Completion {
            auto status = queue::helpRequestStatus(room.db, id);
            return [status = std::move(status), done] { done(status); };
        });
}

void StoredJourney::recordWalkthroughEvent(session::WalkthroughEvent event, std::string_view walkthroughId,
                                           std::string_view stepId) {
    if (!storage_) {
        spdlog::error("walkthrough statistics not saved: {}", storageProblem_);
        return;
    }
    storage_->post([event, id = std::string(walkthroughId), step = std::string(stepId)](
                       storage::StorageRoom& room) -> storage::StorageThread::Completion {
        if (Status saved = saveWalkthroughEvent(room.db, event, id, step); !saved)
            spdlog::warn("walkthrough statistics not saved: {}", saved.error().message);
        return {};
    });
}

void StoredJourney::countScan(std::string_view scanKind) {
    if (!storage_) {
        spdlog::error("scan not counted: {}", storageProblem_);
        return;
    }
    storage_->post(
        [kind = std::string(scanKind)](storage::StorageRoom& room) -> storage::StorageThread::Completion {
            if (Status counted = sync::countScan(room.db, kind, wallNow()); !counted)
                spdlog::warn("scan not counted: {}", counted.error().message);
            return {};
        });
}

}  // namespace kiosk::service
