#include "kiosk/queue/HelpRequestLog.h"

#include <chrono>

#include "kiosk/sync/EventKind.h"
#include "kiosk/sync/Outbox.h"

namespace kiosk::queue {

Status recordHelpRequest(store::Database& database, std::string_view place, i18n::Language language) {
    return database.transaction([&]() -> Status {
        auto insert = database.prepare(
            "INSERT INTO help_request(created_at, place, language) "
            "VALUES(strftime('%Y-%m-%dT%H:%M:%fZ'), ?1, ?2)");
        if (!insert) return insert.error();
        insert->bind(1, place).bind(2, i18n::languageCode(language));
        if (Status inserted = insert->run(); !inserted) return inserted;
        const auto now =
            std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
        return sync::appendEvent(database, sync::kind::kHelpRequested,
                                 {{"place", std::string(place)}, {"language", i18n::languageCode(language)}},
                                 now);
    });
}

Result<int64_t> countHelpRequests(store::Database& database) {
    auto count = database.prepare("SELECT count(*) FROM help_request");
    if (!count) return count.error();
    auto row = count->step();
    if (!row) return row.error();
    return count->columnInt(0);
}

}  // namespace kiosk::queue
