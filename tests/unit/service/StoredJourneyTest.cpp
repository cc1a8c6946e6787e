// The journey's records on the storage thread: what reaches the database, that the screen hears
// back only after the commit, and that Get help saves its request and its ticket together.
#include "kiosk/service/StoredJourney.h"

#include <gtest/gtest.h>

#include "kiosk/queue/HelpRequestLog.h"
#include "support/TempDatabase.h"
#include "unit/service/ServiceTestSupport.h"

using kiosk::i18n::Language;
using kiosk::service::StoredJourney;
using kiosk::session::IssuedTicket;
using kiosk::session::WalkthroughEvent;
using kiosk::storage::StorageRoom;
using kiosk::storage::StorageThread;

namespace {

class StoredJourneyTest : public test_support::TempDatabase {
protected:
    std::unique_ptr<StorageRoom> room() {
        auto reopened = kiosk::store::Database::openInDirectory(dir());
        EXPECT_TRUE(reopened.ok());
        return service_test::roomOver(std::move(reopened).value());
    }
    int64_t count(const std::string& sql) {
        auto rows = db().prepare(sql);
        EXPECT_TRUE(rows.ok() && rows->step().ok());
        return rows->columnInt(0);
    }
};

TEST_F(StoredJourneyTest, KeepsWalkthroughEventsAndHelpRequests) {
    auto storage = room();
    ASSERT_TRUE(
        kiosk::service::saveWalkthroughEvent(storage->db, WalkthroughEvent::Started, "qr-payment", "open-app")
            .ok());
    ASSERT_TRUE(kiosk::service::saveWalkthroughEvent(storage->db, WalkthroughEvent::Abandoned, "qr-payment",
                                                     "check-name")
                    .ok());
    auto help = kiosk::service::saveHelpRequest(*storage, {"walkthrough:qr-payment/check-name", Language::Vi},
                                                std::nullopt);
    ASSERT_TRUE(help.ok()) << help.error().message;
    EXPECT_FALSE(help->has_value());
    EXPECT_EQ(count("SELECT count(*) FROM walkthrough_event"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM help_request"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE kind = 'walkthrough.abandoned'"), 1);
}

TEST_F(StoredJourneyTest, GetHelpSavesTheRequestAndItsTicketTogether) {
    auto storage = room();
    auto help = kiosk::service::saveHelpRequest(*storage, {"home:qr_payment", Language::En}, 'B');
    ASSERT_TRUE(help.ok()) << help.error().message;
    ASSERT_TRUE(help->has_value());
    EXPECT_EQ((*help)->label, "B001");
    EXPECT_EQ(count("SELECT count(*) FROM ticket WHERE origin = 'home:qr_payment'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM help_request"), 1);

    // A ticket that cannot be issued takes its request down with it: neither is kept.
    auto refused = kiosk::service::saveHelpRequest(*storage, {"home", Language::Vi}, 'Z');
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "queue.unknown_service");
    EXPECT_EQ(count("SELECT count(*) FROM help_request"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM ticket"), 1);
}

TEST_F(StoredJourneyTest, WithoutStorageHelpRequestsReportTheProblemAndNoTicketIsOffered) {
    StoredJourney journey(nullptr, service_test::services());
    journey.setStorageProblem("cannot use the data directory /x");
    EXPECT_TRUE(journey.services().empty());
    std::optional<kiosk::Error> error;
    journey.requestHelp({"home", Language::Vi}, std::nullopt,
                        [&](kiosk::Result<std::optional<IssuedTicket>> result) { error = result.error(); });
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->message, "cannot use the data directory /x");
}

TEST_F(StoredJourneyTest, TheScreenHearsOfATicketOnlyAfterItsCommitAndPrintingHearsToo) {
    StorageThread storage(room());
    StoredJourney journey(&storage, service_test::services());
    std::vector<std::string> heard;
    journey.onTicketIssued([&](const IssuedTicket& ticket) { heard.push_back("print " + ticket.label); });
    journey.issueTicket('A', kiosk::queue::Priority::None, {}, [&](kiosk::Result<IssuedTicket> ticket) {
        ASSERT_TRUE(ticket.ok());
        // The completion runs after the commit: the row is there for any other connection.
        EXPECT_EQ(count("SELECT count(*) FROM ticket WHERE letter = 'A' AND number = 1"), 1);
        heard.push_back("shown " + ticket->label);
    });
    EXPECT_TRUE(heard.empty()) << "nothing is shown before the storage thread committed";
    storage.waitIdle();
    EXPECT_TRUE(heard.empty()) << "results arrive on the UI thread, in runCompletions";
    EXPECT_EQ(storage.runCompletions(), 1);
    EXPECT_EQ(heard, (std::vector<std::string>{"shown A001", "print A001"}));
}

TEST_F(StoredJourneyTest, IssuedTicketsTellTheirPlaceAcrossEveryLine) {
    auto storage = room();
    ASSERT_TRUE(kiosk::service::issueTicket(*storage, 'A', kiosk::queue::Priority::None, {}).ok());
    ASSERT_TRUE(kiosk::service::issueTicket(*storage, 'C', kiosk::queue::Priority::None, {}).ok());
    auto priority = kiosk::service::issueTicket(*storage, 'B', kiosk::queue::Priority::Aged75Plus, {});
    auto last = kiosk::service::issueTicket(*storage, 'B', kiosk::queue::Priority::None, {});
    ASSERT_TRUE(priority.ok() && last.ok());
    EXPECT_EQ(priority->ahead, 0);  // the priority ticket is called first
    EXPECT_EQ(last->ahead, 3);      // everyone else, of every line, is before it
    EXPECT_EQ(last->estimatedWait, std::chrono::minutes(15));
}

}  // namespace
