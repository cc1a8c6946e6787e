// "Get help" requests shared by the whole commune centre on PostgreSQL: any kiosk records one,
// every desk lists it, and the first volunteer to answer "Tôi đến ngay" wins it. The centre's
// twin of the lone kiosk's kiosk/queue/HelpRequestLog.h, with the same types and rules: a
// request is open until a volunteer answers or the citizen's session ends (withdrawn); desks
// list the open ones urgent first, then oldest first.
//
// Answering is one conditional UPDATE ... WHERE state = 'open': when two desks answer at the
// same instant, the second waits for the first's row lock, then finds the request answered, so
// exactly one of them gets true. Each change is announced after its commit with NOTIFY
// kiosk_help (beside kiosk_queue, which carries only tickets; CentreListener hears both), so desks
// redraw without polling. Nothing personal travels in the payload: event, id and state only.
//
// Not thread-safe, like the connection it runs on.
//
// Usage:
//   centre::CentreHelpRequests help(connection);
//   auto id = help.record({.place = "scan", .language = i18n::Language::Vi,
//                          .urgency = queue::HelpUrgency::Normal, .kioskId = "kiosk-1"});
//   auto won = help.answer(*id, "Lan");     // false: someone else answered, or the citizen left
//   auto status = help.status(*id);         // what the citizen's screen shows
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/queue/HelpRequestLog.h"

namespace kiosk::centre {

// The channel help request changes are announced on; the payload is a small JSON object:
// {"event": "requested" | "escalated" | "answered" | "withdrawn", "id": 12, "state": "open"}.
inline constexpr std::string_view kHelpChannel = "kiosk_help";

class CentreHelpRequests {
public:
    // `connection` must outlive this.
    explicit CentreHelpRequests(PgConnection& connection);

    // An open request, committed before its id is returned. Errors: centre.*.
    Result<queue::HelpRequestId> record(const queue::NewHelpRequest& request);
    // The citizen asked again, urgently: the request moves up the desks' lists. Does nothing to a
    // request that is no longer open.
    Status escalate(queue::HelpRequestId id);
    // The citizen's session ended first: nobody should walk to an empty kiosk. Does nothing to a
    // request that is no longer open.
    Status withdraw(queue::HelpRequestId id);
    // Errors: help.unknown, centre.*.
    Result<queue::HelpRequestStatus> status(queue::HelpRequestId id);
    // Urgent first, then oldest first; at most 50, as the lone kiosk's list.
    Result<std::vector<queue::OpenHelpRequest>> open();
    // "I'm coming": true when this volunteer got it, false when it was no longer open (another
    // desk answered first, or the citizen left). `volunteerId`: as the answering desk knows them.
    Result<bool> answer(queue::HelpRequestId id, std::string_view volunteerName,
                        std::optional<int64_t> volunteerId = std::nullopt);

private:
    // Runs a conditional UPDATE of one request that RETURNs its state; true when it matched.
    Result<bool> changeOpen(std::string_view sql, std::vector<PgParam> params, std::string_view event);
    void announceCommitted(std::string_view event, queue::HelpRequestId id, std::string_view state);

    PgConnection& connection_;
};

}  // namespace kiosk::centre
