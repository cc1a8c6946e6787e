// "Get help" requests kept in the kiosk database, each with its outbox row in the same
// transaction. A place names a screen or a walkthrough step, never a person.
//
// A request is open until a volunteer answers "I'm coming" (the citizen's screen then says who)
// or the citizen's session ends first: then it is withdrawn, so nobody walks to an empty kiosk.
// Desks list the open ones urgent first, then oldest first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"
#include "kiosk/store/Database.h"

namespace kiosk::queue {

using HelpRequestId = int64_t;

enum class HelpUrgency { Normal, Urgent };

struct NewHelpRequest {
    std::string_view place;
    i18n::Language language;
    HelpUrgency urgency = HelpUrgency::Normal;
    std::string_view kioskId;
};

struct OpenHelpRequest {
    HelpRequestId id = 0;
    std::string place;
    std::string kioskId;
    HelpUrgency urgency = HelpUrgency::Normal;
    int64_t createdAtMs = 0;  // UTC milliseconds
};

enum class HelpRequestState { Open, Answered, Withdrawn };

struct HelpRequestStatus {
    HelpRequestState state = HelpRequestState::Open;
    HelpUrgency urgency = HelpUrgency::Normal;
    std::string volunteerName;  // who is coming, once answered
};

// Joins a surrounding transaction when there is one.
Result<HelpRequestId> recordHelpRequest(store::Database& database, const NewHelpRequest& request);
// A request the citizen then marked urgent ("I need help now" after a scam) moves up the list.
Status escalateHelpRequest(store::Database& database, HelpRequestId id);
// false: it was no longer open (another volunteer answered first, or the citizen left).
Result<bool> answerHelpRequest(store::Database& database, HelpRequestId id, int64_t volunteerId);
Status withdrawHelpRequest(store::Database& database, HelpRequestId id);
Result<HelpRequestStatus> helpRequestStatus(store::Database& database, HelpRequestId id);
Result<std::vector<OpenHelpRequest>> openHelpRequests(store::Database& database);
Result<int64_t> countHelpRequests(store::Database& database);

}  // namespace kiosk::queue
