// Keeps "Get help" requests so none is lost before the ticket queue exists to carry them.
#pragma once

#include "kiosk/Result.h"
#include "kiosk/session/CitizenJourney.h"
#include "kiosk/store/Database.h"

namespace kiosk::queue {

Status recordHelpRequest(store::Database& database, const session::HelpRequest& request);
Result<int64_t> countHelpRequests(store::Database& database);

}  // namespace kiosk::queue
