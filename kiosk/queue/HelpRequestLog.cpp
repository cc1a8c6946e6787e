#include "kiosk/queue/HelpRequestLog.h"

#include <chrono>

#include "kiosk/sync/EventKind.h"
#include "kiosk/sync/Outbox.h"

namespace kiosk::queue {

namespace {

std::chrono::sys_time<std::chrono::milliseconds> utcNow() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// Changes one request if it is still open; false when it was not.
Result<bool> changeOpenRequest(store::Database& database, std::string_view sql, HelpRequestId id) {
    auto update = database.prepare(sql);
    if (!update) return update.error();
    update->bind(1, id);
    if (Status changed = update->run(); !changed) return changed.error();
    return database.changedRows() > 0;
}

}  // namespace

Result<HelpRequestId> recordHelpRequest(store::Database& database, const NewHelpRequest& request) {
    HelpRequestId id = 0;
    Status saved = database.transaction([&]() -> Status {
        const auto now = utcNow();
        auto insert = database.prepare(
            "INSERT INTO help_request(created_at, place, language, kiosk, urgent, created_at_ms) "
            "VALUES(strftime('%Y-%m-%dT%H:%M:%fZ'), ?1, ?2, ?3, ?4, ?5)");
        if (!insert) return insert.error();
        insert->bind(1, request.place)
            .bind(2, i18n::languageCode(request.language))
            .bind(3, request.kioskId)
            .bind(4, int64_t{request.urgency == HelpUrgency::Urgent})
            .bind(5, static_cast<int64_t>(now.time_since_epoch().count()));
        if (Status inserted = insert->run(); !inserted) return inserted;
        id = database.lastInsertId();
        return sync::appendEvent(
            database, sync::kind::kHelpRequested,
            {{"place", std::string(request.place)}, {"language", i18n::languageCode(request.language)}}, now);
    });
    if (!saved) return saved.error();
    return id;
}

Status escalateHelpRequest(store::Database& database, HelpRequestId id) {
    auto changed = changeOpenRequest(
        database, "UPDATE help_request SET urgent = 1 WHERE id = ?1 AND state = 'open'", id);
    if (!changed) return changed.error();
    return success();
}

Result<bool> answerHelpRequest(store::Database& database, HelpRequestId id, int64_t volunteerId) {
    auto update = database.prepare(
        "UPDATE help_request SET state = 'answered', volunteer_id = ?2, answered_at_ms = ?3 "
        "WHERE id = ?1 AND state = 'open'");
    if (!update) return update.error();
    update->bind(1, id)
        .bind(2, volunteerId)
        .bind(3, static_cast<int64_t>(utcNow().time_since_epoch().count()));
    if (Status changed = update->run(); !changed) return changed.error();
    return database.changedRows() > 0;
}

Status withdrawHelpRequest(store::Database& database, HelpRequestId id) {
    auto changed = changeOpenRequest(
        database, "UPDATE help_request SET state = 'withdrawn' WHERE id = ?1 AND state = 'open'", id);
    if (!changed) return changed.error();
    return success();
}

Result<HelpRequestStatus> helpRequestStatus(store::Database& database, HelpRequestId id) {
    auto select = database.prepare(
        "SELECT r.state, r.urgent, coalesce(v.display_name, '') FROM help_request r "
        "LEFT JOIN volunteer v ON v.id = r.volunteer_id WHERE r.id = ?1");
    if (!select) return select.error();
    select->bind(1, id);
    auto row = select->step();
    if (!row) return row.error();
    if (!*row) return Error{"help.unknown", "no help request " + std::to_string(id)};
    HelpRequestStatus status;
    const std::string state = select->columnText(0);
    status.state = state == "answered"    ? HelpRequestState::Answered
                   : state == "withdrawn" ? HelpRequestState::Withdrawn
                                          : HelpRequestState::Open;
    status.urgency = select->columnInt(1) != 0 ? HelpUrgency::Urgent : HelpUrgency::Normal;
    status.volunteerName = select->columnText(2);
    return status;
}

Result<std::vector<OpenHelpRequest>> openHelpRequests(store::Database& database) {
    auto select = database.prepare(
        "SELECT id, place, kiosk, urgent, created_at_ms FROM help_request WHERE state = 'open' "
        "ORDER BY urgent DESC, id LIMIT 50");
    if (!select) return select.error();
    std::vector<OpenHelpRequest> open;
    for (;;) {
        auto row = select->step();
        if (!row) return row.error();
        if (!*row) break;
        open.push_back({select->columnInt(0), select->columnText(1), select->columnText(2),
                        select->columnInt(3) != 0 ? HelpUrgency::Urgent : HelpUrgency::Normal,
                        select->columnInt(4)});
    }
    return open;
}

Result<int64_t> countHelpRequests(store::Database& database) {
    auto count = database.prepare("SELECT count(*) FROM help_request");
    if (!count) return count.error();
    auto row = count->step();
    if (!row) return row.error();
    return count->columnInt(0);
}

}  // namespace kiosk::queue
