// The centre's shared help requests (CentreHelpRequests) on a real PostgreSQL: listed urgent
// first, then oldest; escalating moves one up, withdrawing takes it off the list; when desks on
// different connections answer the same request at the same instant exactly one wins; and every
// change reaches a listener as "help changed" within half a second, without a queue event.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "centre/CentreTestEnvironment.h"
#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreListener.h"

using kiosk::centre::CentreHelpRequests;
using kiosk::centre::CentreListener;
using kiosk::centre::Heard;
using kiosk::i18n::Language;
using kiosk::queue::HelpRequestId;
using kiosk::queue::HelpRequestState;
using kiosk::queue::HelpUrgency;
using kiosk::queue::NewHelpRequest;
using kiosk::queue::OpenHelpRequest;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

class CentreHelpRequestsTest : public centretest::CentreDatabaseTest {
protected:
    void SetUp() override {
        CentreDatabaseTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        connection_.emplace(connectMigrated());
        help_.emplace(*connection_);
    }

    HelpRequestId record(std::string_view place, HelpUrgency urgency = HelpUrgency::Normal,
                         std::string_view kiosk = "kiosk-1") {
        auto id = help_->record(
            NewHelpRequest{.place = place, .language = Language::Vi, .urgency = urgency, .kioskId = kiosk});
        EXPECT_TRUE(id.ok()) << id.error().message;
        return id.ok() ? *id : 0;
    }

    std::vector<std::string> openPlaces() {
        auto open = help_->open();
        EXPECT_TRUE(open.ok()) << open.error().message;
        std::vector<std::string> places;
        if (open.ok())
            for (const OpenHelpRequest& request : *open)
                places.push_back(request.place);
        return places;
    }

    // When a wait first reported that help requests changed; nullopt after `limit`.
    static std::optional<Clock::time_point> waitForHelpChange(CentreListener& listener,
                                                              std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
            Heard heard = listener.wait(50ms);
            const auto at = Clock::now();
            EXPECT_TRUE(heard.events.empty()) << "a help request change came as a queue event";
            if (heard.helpChanged) return at;
        }
        return std::nullopt;
    }

    std::optional<kiosk::centre::PgConnection> connection_;
    std::optional<CentreHelpRequests> help_;
};

}  // namespace

TEST_F(CentreHelpRequestsTest, ListsOpenRequestsUrgentFirstThenOldest) {
    const HelpRequestId first = record("home", HelpUrgency::Normal, "kiosk-1");
    record("scan", HelpUrgency::Normal, "kiosk-2");
    record("vneid/step-3", HelpUrgency::Urgent, "kiosk-3");
    record("ticket", HelpUrgency::Normal, "kiosk-1");
    EXPECT_EQ(openPlaces(), (std::vector<std::string>{"vneid/step-3", "home", "scan", "ticket"}));

    auto open = help_->open();
    ASSERT_TRUE(open.ok());
    const OpenHelpRequest& oldest = (*open)[1];
    EXPECT_EQ(oldest.id, first);
    EXPECT_EQ(oldest.kioskId, "kiosk-1");
    EXPECT_EQ(oldest.urgency, HelpUrgency::Normal);
    const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    EXPECT_NEAR(static_cast<double>(oldest.createdAtMs), static_cast<double>(nowMs), 60'000.0);
    EXPECT_EQ((*open)[0].urgency, HelpUrgency::Urgent);
}

TEST_F(CentreHelpRequestsTest, EscalatingMovesARequestAboveOlderOnes) {
    record("home");
    record("scan");
    const HelpRequestId later = record("vneid/step-3");
    ASSERT_TRUE(help_->escalate(later).ok());
    EXPECT_EQ(openPlaces(), (std::vector<std::string>{"vneid/step-3", "home", "scan"}));
    auto status = help_->status(later);
    ASSERT_TRUE(status.ok()) << status.error().message;
    EXPECT_EQ(status->state, HelpRequestState::Open);
    EXPECT_EQ(status->urgency, HelpUrgency::Urgent);
}

TEST_F(CentreHelpRequestsTest, AWithdrawnRequestLeavesTheListAndCannotBeAnswered) {
    const HelpRequestId gone = record("scan");
    record("home");
    ASSERT_TRUE(help_->withdraw(gone).ok());
    EXPECT_EQ(openPlaces(), std::vector<std::string>{"home"});
    auto answered = help_->answer(gone, "Lan");
    ASSERT_TRUE(answered.ok()) << answered.error().message;
    EXPECT_FALSE(*answered);
    auto status = help_->status(gone);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->state, HelpRequestState::Withdrawn);
    EXPECT_EQ(status->volunteerName, "");
    // Escalating or withdrawing again changes nothing.
    ASSERT_TRUE(help_->escalate(gone).ok());
    ASSERT_TRUE(help_->withdraw(gone).ok());
    auto after = help_->status(gone);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->urgency, HelpUrgency::Normal);
}

TEST_F(CentreHelpRequestsTest, AnAnsweredRequestNamesItsVolunteerAndStaysAnswered) {
    const HelpRequestId id = record("scan");
    auto answered = help_->answer(id, "Lan", 7);
    ASSERT_TRUE(answered.ok()) << answered.error().message;
    EXPECT_TRUE(*answered);
    EXPECT_TRUE(openPlaces().empty());
    auto again = help_->answer(id, "Minh");
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);
    ASSERT_TRUE(help_->withdraw(id).ok());
    auto status = help_->status(id);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->state, HelpRequestState::Answered);
    EXPECT_EQ(status->volunteerName, "Lan");
}

TEST_F(CentreHelpRequestsTest, AnUnknownRequestHasNoStatus) {
    auto status = help_->status(12345);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, "help.unknown");
}

// Each round, two desks on connections of their own answer the same request as close to the
// same instant as two threads allow; the conditional UPDATE must let exactly one of them win.
TEST_F(CentreHelpRequestsTest, TwoDesksAnsweringAtOnceExactlyOneWins) {
    constexpr int kRounds = 25;
    std::vector<HelpRequestId> ids;
    for (int i = 0; i < kRounds; ++i)
        ids.push_back(record("scan"));
    auto other = connect();
    CentreHelpRequests otherDesk(other);

    std::atomic<int> round{-1};
    std::atomic<int> ready{0};
    std::vector<std::optional<bool>> wins1(kRounds);
    std::vector<std::optional<bool>> wins2(kRounds);
    auto answerAll = [&](CentreHelpRequests& desk, std::string_view name,
                         std::vector<std::optional<bool>>& wins) {
        for (int i = 0; i < kRounds; ++i) {
            ++ready;
            while (round.load() < i)
                std::this_thread::yield();
            auto won = desk.answer(ids[static_cast<size_t>(i)], name);
            if (won.ok()) wins[static_cast<size_t>(i)] = *won;
        }
    };
    std::thread second([&] { answerAll(otherDesk, "Minh", wins2); });
    std::thread first([&] { answerAll(*help_, "Lan", wins1); });
    for (int i = 0; i < kRounds; ++i) {
        while (ready.load() < 2 * (i + 1))
            std::this_thread::yield();
        round = i;
    }
    first.join();
    second.join();

    int firstWon = 0;
    for (int i = 0; i < kRounds; ++i) {
        ASSERT_TRUE(wins1[static_cast<size_t>(i)] && wins2[static_cast<size_t>(i)]) << "round " << i;
        EXPECT_NE(*wins1[static_cast<size_t>(i)], *wins2[static_cast<size_t>(i)])
            << "round " << i << ": " << (*wins1[static_cast<size_t>(i)] ? "both won" : "nobody won");
        auto status = help_->status(ids[static_cast<size_t>(i)]);
        ASSERT_TRUE(status.ok());
        EXPECT_EQ(status->volunteerName, *wins1[static_cast<size_t>(i)] ? "Lan" : "Minh");
        if (*wins1[static_cast<size_t>(i)]) ++firstWon;
    }
    std::printf("two desks answering the same request, %d rounds: the first desk won %d\n", kRounds,
                firstWon);
}

TEST_F(CentreHelpRequestsTest, EveryChangeReachesAListenerWithinHalfASecond) {
    CentreListener listener(connectionString_);
    const auto connectBy = Clock::now() + 5s;
    bool connected = false;
    while (!connected && Clock::now() < connectBy)
        connected = listener.wait(100ms).resyncNeeded;
    ASSERT_TRUE(connected) << "the listener never connected";

    const HelpRequestId id = record("scan");
    auto heard = waitForHelpChange(listener, 2s);
    ASSERT_TRUE(heard) << "recording was not announced";
    for (const auto& [what, change] : std::vector<std::pair<std::string, std::function<bool()>>>{
             {"escalating", [&] { return help_->escalate(id).ok(); }},
             {"answering",
              [&] {
                  auto won = help_->answer(id, "Lan");
                  return won.ok() && *won;
              }},
         }) {
        ASSERT_TRUE(change()) << what;
        const auto committed = Clock::now();
        auto at = waitForHelpChange(listener, 2s);
        ASSERT_TRUE(at) << what << " was not announced";
        EXPECT_LT(*at - committed, 500ms) << what;
    }
    const HelpRequestId left = record("home");
    ASSERT_TRUE(waitForHelpChange(listener, 2s));
    ASSERT_TRUE(help_->withdraw(left).ok());
    EXPECT_TRUE(waitForHelpChange(listener, 2s)) << "withdrawing was not announced";
}
