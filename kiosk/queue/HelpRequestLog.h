// "Get help" requests kept in the kiosk database, each with its outbox row in the same
// transaction. A place names a screen or a walkthrough step, never a person.
#pragma once

#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/i18n/Language.h"
#include "kiosk/store/Database.h"

namespace kiosk::queue {

// Joins a surrounding transaction when there is one (Get help saves its ticket in the same one).
Status recordHelpRequest(store::Database& database, std::string_view place, i18n::Language language);
Result<int64_t> countHelpRequests(store::Database& database);

}  // namespace kiosk::queue
