#include "kiosk/centre/CentreHelpRequests.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace kiosk::centre {
namespace {

// At most this many are listed, like the lone kiosk's desk: a longer list helps nobody at a desk.
constexpr std::string_view kListLimit = "50";

std::string idText(queue::HelpRequestId id) {
    return std::to_string(id);
}

}  // namespace

CentreHelpRequests::CentreHelpRequests(PgConnection& connection) : connection_(connection) {}

// After the commit, in a transaction of its own, for the reason CentreQueue::announceCommitted
// gives (a NOTIFY inside the change's transaction would serialise every terminal's WAL flush).
// A lost announcement is covered by listeners reloading when they reconnect.
void CentreHelpRequests::announceCommitted(std::string_view event, queue::HelpRequestId id,
                                           std::string_view state) {
    const nlohmann::json payload = {{"event", event}, {"id", id}, {"state", state}};
    if (Status sent =
            connection_.run("SELECT pg_notify($1, $2)", {std::string(kHelpChannel), payload.dump()});
        !sent)
        spdlog::warn("centre: help request {} {} but not announced: {}", id, event, sent.error().message);
}

Result<queue::HelpRequestId> CentreHelpRequests::record(const queue::NewHelpRequest& request) {
    auto inserted = connection_.query(
        "INSERT INTO help_request(place, language, urgency, kiosk) VALUES ($1, $2, $3, $4) RETURNING id",
        {std::string(request.place), std::string(i18n::languageCode(request.language)),
         request.urgency == queue::HelpUrgency::Urgent ? "urgent" : "normal", std::string(request.kioskId)});
    if (!inserted) return inserted.error();
    const queue::HelpRequestId id = inserted->integer(0, 0);
    announceCommitted("requested", id, "open");
    return id;
}

Result<bool> CentreHelpRequests::changeOpen(std::string_view sql, std::vector<PgParam> params,
                                            std::string_view event) {
    auto changed = connection_.query(sql, params);
    if (!changed) return changed.error();
    if (changed->count() == 0) return false;
    announceCommitted(event, changed->integer(0, 0), changed->text(0, 1));
    return true;
}

Status CentreHelpRequests::escalate(queue::HelpRequestId id) {
    auto changed = changeOpen(
        "UPDATE help_request SET urgency = 'urgent' WHERE id = $1::bigint AND state = 'open' "
        "AND urgency <> 'urgent' RETURNING id, state",
        {idText(id)}, "escalated");
    if (!changed) return changed.error();
    return success();
}

Status CentreHelpRequests::withdraw(queue::HelpRequestId id) {
    auto changed = changeOpen(
        "UPDATE help_request SET state = 'withdrawn' WHERE id = $1::bigint AND state = 'open' "
        "RETURNING id, state",
        {idText(id)}, "withdrawn");
    if (!changed) return changed.error();
    return success();
}

Result<bool> CentreHelpRequests::answer(queue::HelpRequestId id, std::string_view volunteerName,
                                        std::optional<int64_t> volunteerId) {
    // Under READ COMMITTED a second desk's UPDATE waits for the first one's row lock and then
    // re-checks `state = 'open'` on the row the first committed: it matches nothing.
    return changeOpen(
        "UPDATE help_request SET state = 'answered', volunteer_name = $2, volunteer_id = $3::bigint, "
        "answered_at = now() WHERE id = $1::bigint AND state = 'open' RETURNING id, state",
        {idText(id), std::string(volunteerName),
         volunteerId ? PgParam(std::to_string(*volunteerId)) : PgParam(std::nullopt)},
        "answered");
}

Result<queue::HelpRequestStatus> CentreHelpRequests::status(queue::HelpRequestId id) {
    auto rows = connection_.query(
        "SELECT state, urgency, coalesce(volunteer_name, '') FROM help_request WHERE id = $1::bigint",
        {idText(id)});
    if (!rows) return rows.error();
    if (rows->count() == 0) return Error{"help.unknown", "no help request " + idText(id)};
    queue::HelpRequestStatus status;
    // The schema's CHECK constraints admit only these names.
    const std::string state = rows->text(0, 0);
    status.state = state == "answered"    ? queue::HelpRequestState::Answered
                   : state == "withdrawn" ? queue::HelpRequestState::Withdrawn
                                          : queue::HelpRequestState::Open;
    status.urgency = rows->text(0, 1) == "urgent" ? queue::HelpUrgency::Urgent : queue::HelpUrgency::Normal;
    status.volunteerName = rows->text(0, 2);
    return status;
}

Result<std::vector<queue::OpenHelpRequest>> CentreHelpRequests::open() {
    // The same order as the help_request_open index, so the list is read from it.
    auto rows = connection_.query(
        "SELECT id, place, kiosk, urgency, (extract(epoch FROM created_at) * 1000)::bigint "
        "FROM help_request WHERE state = 'open' "
        "ORDER BY (urgency = 'urgent') DESC, created_at, id LIMIT " +
        std::string(kListLimit));
    if (!rows) return rows.error();
    std::vector<queue::OpenHelpRequest> open;
    open.reserve(static_cast<size_t>(rows->count()));
    for (int row = 0; row < rows->count(); ++row) {
        open.push_back({.id = rows->integer(row, 0),
                        .place = rows->text(row, 1),
                        .kioskId = rows->text(row, 2),
                        .urgency = rows->text(row, 3) == "urgent" ? queue::HelpUrgency::Urgent
                                                                  : queue::HelpUrgency::Normal,
                        .createdAtMs = rows->integer(row, 4)});
    }
    return open;
}

}  // namespace kiosk::centre
