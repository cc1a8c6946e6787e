// Walkthrough statistics reach the outbox in the same transaction as the local row.
#include <gtest/gtest.h>

#include "kiosk/service/StoredJourney.h"
#include "unit/sync/SyncTestSupport.h"

using kiosk::service::saveWalkthroughEvent;
using kiosk::session::WalkthroughEvent;
using kiosk::store::Database;

TEST(JourneyOutbox, WalkthroughEventsAreWrittenToTheOutboxWithTheirRow) {
    auto database = Database::openInDirectory(sync_test::freshDir("journey"));
    ASSERT_TRUE(database.ok()) << database.error().message;
    ASSERT_TRUE(saveWalkthroughEvent(*database, WalkthroughEvent::Started, "vneid-level-2", "start").ok());
    ASSERT_TRUE(saveWalkthroughEvent(*database, WalkthroughEvent::Finished, "vneid-level-2", "done").ok());
    ASSERT_TRUE(saveWalkthroughEvent(*database, WalkthroughEvent::Abandoned, "pay-by-qr", "scan").ok());

    auto rows = database->prepare("SELECT kind, payload FROM outbox ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    std::vector<std::pair<std::string, nlohmann::json>> events;
    while (*rows->step())
        events.emplace_back(rows->columnText(0), nlohmann::json::parse(rows->columnText(1)));
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].first, "walkthrough.started");
    EXPECT_EQ(events[0].second, (nlohmann::json{{"walkthrough_id", "vneid-level-2"}, {"step_id", "start"}}));
    EXPECT_EQ(events[1].first, "walkthrough.finished");
    EXPECT_EQ(events[2].first, "walkthrough.abandoned");
    EXPECT_EQ(events[2].second["step_id"], "scan");
}

TEST(JourneyOutbox, AFailingOutboxKeepsNoHalfRecordedEvent) {
    auto database = Database::openInDirectory(sync_test::freshDir("journey-fails"));
    ASSERT_TRUE(database.ok()) << database.error().message;
    ASSERT_TRUE(database
                    ->exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox "
                           "BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END")
                    .ok());
    EXPECT_FALSE(saveWalkthroughEvent(*database, WalkthroughEvent::Started, "vneid-level-2", "start").ok());
    EXPECT_EQ(sync_test::countRows(*database, "1"), 0);
    auto local = database->prepare("SELECT count(*) FROM walkthrough_event");
    ASSERT_TRUE(local.ok() && *local->step());
    EXPECT_EQ(local->columnInt(0), 0);
}
