// Issue #16 item 5: a crash, a power cut or a sign-out mid-service used to lose the ticket being
// served and the help record still to write. The desk now finds both in committed rows and offers
// them at the volunteer's next sign-in.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "ServiceTestSupport.h"
#include "kiosk/desk/DeskController.h"
#include "kiosk/desk/UnfinishedWork.h"
#include "support/TempDatabase.h"

namespace {

using kiosk::desk::DeskController;
using kiosk::desk::DeskScreen;
using kiosk::queue::TicketState;

constexpr const char* kPin = "482915";

class DeskResume : public testing::Test {
protected:
    void SetUp() override {
        dir_ = test_support::freshDir("desk", test_support::currentTestName());
        start();
        storage_->post(
            [this](kiosk::storage::StorageRoom& room) -> kiosk::storage::StorageThread::Completion {
                auto roster = room.volunteers();
                EXPECT_TRUE(roster.ok());
                for (const char* name : {"Lan", "Minh"}) {
                    auto added = (*roster)->add(name);
                    EXPECT_TRUE(added.ok());
                    EXPECT_TRUE((*roster)->setPin(added->id, kPin).ok());
                }
                for (int i = 0; i < 3; ++i)
                    EXPECT_TRUE(room.book.issue('A').ok());
                return {};
            });
        storage_->waitIdle();
    }

    // A fresh kiosk process over the same data directory.
    void start() {
        auto opened = kiosk::store::Database::openInDirectory(dir_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        storage_ = std::make_unique<kiosk::storage::StorageThread>(
            service_test::roomOver(std::move(opened).value()));
        desk_ = std::make_unique<DeskController>(*storage_, service_test::services(),
                                                 kiosk::config::DeskConfig{});
    }
    // kill -9 leaves committed rows and nothing else; dropping the objects leaves the same.
    void crash() {
        storage_->waitIdle();
        desk_.reset();
        storage_.reset();
        start();
    }
    void settle() {
        storage_->waitIdle();
        while (storage_->runCompletions() > 0)
            storage_->waitIdle();
    }
    void signIn(const std::string& name) {
        desk_->open(now());
        settle();
        for (const auto& volunteer : desk_->volunteers()) {
            if (volunteer.displayName == name) desk_->chooseVolunteer(volunteer, now());
        }
        for (const char* digit = kPin; *digit; ++digit)
            desk_->pressDigit(*digit, now());
        settle();
        ASSERT_TRUE(desk_->desk().signedIn()) << name;
        ASSERT_EQ(desk_->desk().screen(), DeskScreen::Queue);
    }
    static kiosk::SteadyTime now() { return std::chrono::steady_clock::now(); }

    std::filesystem::path dir_;
    std::unique_ptr<kiosk::storage::StorageThread> storage_;
    std::unique_ptr<DeskController> desk_;
};

TEST_F(DeskResume, ATicketBeingServedAtACrashIsOfferedAgainToTheSameVolunteer) {
    signIn("Lan");
    EXPECT_TRUE(desk_->desk().unfinished().empty());
    desk_->callNext(now());
    settle();
    ASSERT_TRUE(desk_->desk().current().has_value());
    const auto served = desk_->desk().current()->id;

    crash();
    signIn("Minh");
    EXPECT_TRUE(desk_->desk().unfinished().empty()) << "another volunteer's work is not theirs to finish";
    desk_->signOut();

    signIn("Lan");
    ASSERT_EQ(desk_->desk().unfinished().size(), 1u);
    EXPECT_EQ(desk_->desk().unfinished()[0].id, served);
    EXPECT_EQ(desk_->desk().unfinished()[0].state, TicketState::Called);
    desk_->resumeUnfinished(served, now());
    ASSERT_TRUE(desk_->desk().current().has_value());
    EXPECT_EQ(desk_->desk().current()->id, served);
    EXPECT_TRUE(desk_->desk().unfinished().empty());
}

// An empty list before the first one arrives would read "nobody is waiting" on a desk that has
// never reached its queue (a centre desk started before the server).
TEST_F(DeskResume, TheWaitingListIsUnknownUntilItArrivesAndAgainAfterSignOut) {
    desk_->open(now());
    EXPECT_FALSE(desk_->waitingKnown());
    signIn("Lan");
    EXPECT_TRUE(desk_->waitingKnown());
    EXPECT_EQ(desk_->waiting().size(), 3u);
    desk_->signOut();
    EXPECT_FALSE(desk_->waitingKnown());
    EXPECT_TRUE(desk_->waiting().empty());
}

TEST_F(DeskResume, ADoneTicketWithoutItsHelpRecordGoesBackToTheForm) {
    signIn("Lan");
    desk_->callNext(now());
    settle();
    desk_->done(now());
    settle();
    ASSERT_EQ(desk_->desk().screen(), DeskScreen::HelpForm);
    const auto served = desk_->desk().current()->id;

    desk_->signOut();  // the idle sign-out or a hand on "sign out" before saving
    signIn("Lan");
    ASSERT_EQ(desk_->desk().unfinished().size(), 1u);
    EXPECT_EQ(desk_->desk().unfinished()[0].state, TicketState::Done);
    desk_->resumeUnfinished(served, now());
    ASSERT_EQ(desk_->desk().screen(), DeskScreen::HelpForm);
    EXPECT_EQ(desk_->desk().current()->id, served);
    EXPECT_EQ(desk_->desk().form().skill, kiosk::helplog::Skill::PublicServices) << "the service's skill";

    auto& form = desk_->desk().form();
    form.task = kiosk::helplog::Task::VneidLevel1;
    form.outcome = kiosk::helplog::Outcome::Done;
    form.visit = kiosk::helplog::Visit::First;
    form.ageBand = kiosk::helplog::AgeBand::From60To74;
    desk_->saveHelp(now());
    settle();
    ASSERT_FALSE(desk_->lastError().has_value()) << desk_->lastError()->message;
    EXPECT_EQ(desk_->desk().screen(), DeskScreen::Rating);

    crash();
    signIn("Lan");
    EXPECT_TRUE(desk_->desk().unfinished().empty()) << "a logged ticket is finished";
}

}  // namespace

namespace {

// Issue #13: "Get help" reaches a person. The desk lists open requests (urgent first), chimes
// for each new one, and "Tôi đến ngay" answers it with the signed-in volunteer's name.
class DeskHelpRequests : public DeskResume {
protected:
    kiosk::queue::HelpRequestId ask(kiosk::queue::HelpUrgency urgency) {
        kiosk::queue::HelpRequestId id = 0;
        storage_->post([&](kiosk::storage::StorageRoom& room) -> kiosk::storage::StorageThread::Completion {
            auto saved = kiosk::queue::recordHelpRequest(
                room.db, {"home", kiosk::i18n::Language::Vi, urgency, "kiosk-2"});
            EXPECT_TRUE(saved.ok());
            id = saved.ok() ? *saved : 0;
            return {};
        });
        storage_->waitIdle();
        return id;
    }
    // The desk's own refresh, as its timer would run it.
    void refreshAfter(std::chrono::seconds wait) {
        desk_->update(now() + wait);
        settle();
    }
};

TEST_F(DeskHelpRequests, ListsThemUrgentFirstChimesForNewOnesAndNamesWhoIsComing) {
    signIn("Lan");
    const int quiet = desk_->helpAlerts();
    const auto ordinary = ask(kiosk::queue::HelpUrgency::Normal);
    refreshAfter(std::chrono::seconds(3));
    ASSERT_EQ(desk_->helpRequests().size(), 1u);
    EXPECT_EQ(desk_->helpAlerts(), quiet + 1) << "a new request chimes";
    refreshAfter(std::chrono::seconds(6));
    EXPECT_EQ(desk_->helpAlerts(), quiet + 1) << "the same request does not chime again";

    const auto urgent = ask(kiosk::queue::HelpUrgency::Urgent);
    refreshAfter(std::chrono::seconds(9));
    ASSERT_EQ(desk_->helpRequests().size(), 2u);
    EXPECT_EQ(desk_->helpRequests()[0].id, urgent);
    EXPECT_EQ(desk_->helpAlerts(), quiet + 2);

    desk_->answerHelp(urgent, now());
    settle();
    ASSERT_EQ(desk_->helpRequests().size(), 1u);
    EXPECT_EQ(desk_->helpRequests()[0].id, ordinary);
    storage_->post([&](kiosk::storage::StorageRoom& room) -> kiosk::storage::StorageThread::Completion {
        auto status = kiosk::queue::helpRequestStatus(room.db, urgent);
        EXPECT_TRUE(status.ok());
        if (status.ok()) {
            EXPECT_EQ(status->volunteerName, "Lan");
        }
        return {};
    });
    storage_->waitIdle();
}

TEST_F(DeskHelpRequests, ASecondVolunteerIsToldSomeoneIsAlreadyGoing) {
    signIn("Lan");
    const auto id = ask(kiosk::queue::HelpUrgency::Normal);
    storage_->post([&](kiosk::storage::StorageRoom& room) -> kiosk::storage::StorageThread::Completion {
        EXPECT_TRUE(kiosk::queue::withdrawHelpRequest(room.db, id).ok());  // the citizen left meanwhile
        return {};
    });
    storage_->waitIdle();
    desk_->answerHelp(id, now());
    settle();
    ASSERT_TRUE(desk_->lastError().has_value());
    EXPECT_EQ(desk_->lastError()->code, "desk.help_gone");
}

}  // namespace
