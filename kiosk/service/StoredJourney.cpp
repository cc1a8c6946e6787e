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
        auto issued = centre_ ? issueAtCentre(room, service, priority, tags)
                              : service::issueTicket(room, service, priority, tags);
        if (!issued) spdlog::error("ticket not saved: {}", issued.error().message);
        return [this, issued = std::move(issued), done] {
            done(issued);
            if (issued) announce(*issued);
        };
    });
}

centre::CentreIssuer& StoredJourney::issuer(storage::StorageRoom& room) {
    if (!issuer_) issuer_ = std::make_unique<centre::CentreIssuer>(*centre_, room.db, room.clock);
    return *issuer_;
}

Result<session::IssuedTicket> StoredJourney::issueAtCentre(storage::StorageRoom& room, char service,
                                                           queue::Priority priority,
                                                           const session::TicketTags& tags) {
    auto issued = issuer(room).issue(service, priority, centre::TicketTags{tags.origin, tags.householdKey});
    if (!issued) return issued.error();
    spdlog::info("ticket {} issued {}", issued->ticket.label(),
                 issued->offline ? "from this kiosk's leased numbers" : "at the centre");
    // The centre names its tickets by UUID; nothing on the citizen's side needs it back.
    session::IssuedTicket shown{0, issued->ticket.label(), issued->ticket.service, std::nullopt,
                                std::chrono::seconds(0)};
    if (issued->position) {
        shown.ahead = issued->position->ahead;
        shown.estimatedWait = issued->position->estimatedWait;
    }
    return shown;
}

std::string StoredJourney::serviceLetters() const {
    std::string letters;
    for (const auto& service : services_)
        letters += service.letter;
    return letters;
}

void StoredJourney::keepInTouchWithCentre() {
    if (!centre_ || !storage_) return;
    storage_->post(
        [this, letters = serviceLetters()](storage::StorageRoom& room) -> storage::StorageThread::Completion {
            // Unreachable is the normal state of a cut-off kiosk, not news every 30 s.
            if (Status kept = issuer(room).keepInTouch(letters); !kept) {
                if (kept.error().code == "centre.unreachable") {
                    spdlog::debug("centre: {}", kept.error().message);
                } else {
                    spdlog::warn("centre: {}", kept.error().message);
                }
            }
            return {};
        });
}

template <class T, class Local, class AtCentre>
Result<T> StoredJourney::onHelpList(storage::StorageRoom& room, Local local, AtCentre atCentre) {
    if (!centre_) return local(room.db);
    return issuer(room).onServer<T>([&](centre::PgConnection& connection) -> Result<T> {
        centre::CentreHelpRequests list(connection);
        return atCentre(list);
    });
}

void StoredJourney::requestHelp(session::HelpRequest request, HelpDone done) {
    if (!storage_) {
        spdlog::error("help request not saved: {}", storageProblem_);
        done(Error{"store.unavailable", storageProblem_});
        return;
    }
    storage_->post([this, request = std::move(request), done = std::move(done)](
                       storage::StorageRoom& room) -> storage::StorageThread::Completion {
        auto saved = onHelpList<queue::HelpRequestId>(
            room, [&](store::Database& database) { return saveHelpRequest(database, request, kioskId_); },
            [&](centre::CentreHelpRequests& list) {
                return list.record({request.place, request.language, request.urgency, kioskId_});
            });
        if (!saved) spdlog::error("help request not saved: {}", saved.error().message);
        return [saved = std::move(saved), done] { done(saved); };
    });
}

void StoredJourney::changeHelp(std::string_view what, std::function<Status(store::Database&)> local,
                               std::function<Status(centre::CentreHelpRequests&)> atCentre) {
    if (!storage_) {
        spdlog::error("{}: {}", what, storageProblem_);
        return;
    }
    storage_->post([this, what = std::string(what), local = std::move(local), atCentre = std::move(atCentre)](
                       storage::StorageRoom& room) -> storage::StorageThread::Completion {
        if (Status changed = onHelpList<Done>(room, local, atCentre); !changed)
            spdlog::error("{}: {}", what, changed.error().message);
        return {};
    });
}

void StoredJourney::escalateHelp(queue::HelpRequestId id) {
    changeHelp(
        "help request not raised to urgent",
        [id](store::Database& database) { return queue::escalateHelpRequest(database, id); },
        [id](centre::CentreHelpRequests& list) { return list.escalate(id); });
}

void StoredJourney::withdrawHelp(queue::HelpRequestId id) {
    changeHelp(
        "help request not withdrawn",
        [id](store::Database& database) { return queue::withdrawHelpRequest(database, id); },
        [id](centre::CentreHelpRequests& list) { return list.withdraw(id); });
}

void StoredJourney::checkHelp(queue::HelpRequestId id, HelpStatusDone done) {
    if (!storage_) {
        done(Error{"store.unavailable", storageProblem_});
        return;
    }
    storage_->post(
        [this, id, done = std::move(done)](storage::StorageRoom& room) -> storage::StorageThread::Completion {
            auto status = onHelpList<queue::HelpRequestStatus>(
                room, [id](store::Database& database) { return queue::helpRequestStatus(database, id); },
                [id](centre::CentreHelpRequests& list) { return list.status(id); });
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
