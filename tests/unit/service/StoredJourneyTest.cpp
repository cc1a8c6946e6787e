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
    auto help = kiosk::service::saveHelpRequest(
        storage->db, {"walkthrough:qr-payment/check-name", Language::Vi, {}}, "kiosk-2");
    ASSERT_TRUE(help.ok()) << help.error().message;
    EXPECT_EQ(count("SELECT count(*) FROM walkthrough_event"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM help_request"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE kind = 'walkthrough.abandoned'"), 1);
}

TEST_F(StoredJourneyTest, AHelpRequestReachesTheDeskUntilAVolunteerAnswers) {
    auto storage = room();
    using kiosk::queue::HelpUrgency;
    auto first = kiosk::service::saveHelpRequest(storage->db, {"home", Language::Vi, {}}, "kiosk-1");
    auto second = kiosk::service::saveHelpRequest(
        storage->db, {"walkthrough:vneid-level2/problem", Language::En, {}}, "kiosk-2");
    auto scam = kiosk::service::saveHelpRequest(
        storage->db, {"walkthrough:online-safety/if-scammed", Language::Vi, HelpUrgency::Urgent}, "kiosk-1");
    ASSERT_TRUE(first.ok() && second.ok() && scam.ok());

    auto open = kiosk::queue::openHelpRequests(storage->db);
    ASSERT_TRUE(open.ok());
    ASSERT_EQ(open->size(), 3u);
    EXPECT_EQ((*open)[0].id, *scam) << "urgent first";
    EXPECT_EQ((*open)[1].id, *first) << "then oldest first";
    EXPECT_EQ((*open)[1].kioskId, "kiosk-1");
    EXPECT_EQ((*open)[2].place, "walkthrough:vneid-level2/problem");

    ASSERT_TRUE(kiosk::queue::escalateHelpRequest(storage->db, *second).ok());
    open = kiosk::queue::openHelpRequests(storage->db);
    EXPECT_EQ((*open)[0].id, *second) << "raised to urgent, and older than the other urgent one";
    EXPECT_EQ((*open)[2].id, *first) << "the ordinary one is last now";

    ASSERT_TRUE(
        db().prepare("INSERT INTO volunteer(display_name, created_at_ms) VALUES('Lan', 0)")->run().ok());
    const int64_t lan = db().lastInsertId();
    auto answered = kiosk::queue::answerHelpRequest(storage->db, *first, lan);
    ASSERT_TRUE(answered.ok());
    EXPECT_TRUE(*answered);
    auto again = kiosk::queue::answerHelpRequest(storage->db, *first, lan);
    EXPECT_FALSE(*again) << "a second volunteer is told someone is already going";
    auto status = kiosk::queue::helpRequestStatus(storage->db, *first);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->state, kiosk::queue::HelpRequestState::Answered);
    EXPECT_EQ(status->volunteerName, "Lan");

    ASSERT_TRUE(kiosk::queue::withdrawHelpRequest(storage->db, *second).ok());
    EXPECT_FALSE(*kiosk::queue::answerHelpRequest(storage->db, *second, lan)) << "the citizen has left";
    open = kiosk::queue::openHelpRequests(storage->db);
    ASSERT_EQ(open->size(), 1u);
    EXPECT_EQ((*open)[0].id, *scam);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE kind = 'help.requested'"), 3);
}

TEST_F(StoredJourneyTest, WithoutStorageHelpRequestsReportTheProblemAndNoTicketIsOffered) {
    StoredJourney journey(nullptr, service_test::services());
    journey.setStorageProblem("cannot use the data directory /x");
    EXPECT_TRUE(journey.services().empty());
    std::optional<kiosk::Error> error;
    journey.requestHelp({"home", Language::Vi, {}},
                        [&](kiosk::Result<kiosk::queue::HelpRequestId> result) { error = result.error(); });
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
