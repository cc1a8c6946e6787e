#include <gtest/gtest.h>

#include <functional>
#include <map>
#include "kiosk/scan/BankDirectory.h"
#include "kiosk/scan/ScanPayload.h"
#include "kiosk/session/CitizenJourney.h"

using namespace std::chrono_literals;
using kiosk::i18n::Language;
using kiosk::session::CitizenJourney;
using kiosk::session::CitizenSession;
using kiosk::session::Feature;
using kiosk::session::HelpRequest;
using kiosk::session::IdlePhase;
using kiosk::session::IdleWatch;
using kiosk::session::Screen;

// The journey's store as tests need it: it records what it was asked, and either answers at
// once or (deferred) keeps the answers until the test plays the storage thread's completions.
class FakeStore final : public kiosk::session::JourneyStore {
public:
    std::vector<kiosk::queue::Service> list;  // empty: no queue, the ticket tile is "coming soon"
    std::vector<HelpRequest> recorded;        // help request n has id n
    std::vector<kiosk::queue::HelpRequestId> escalated;
    std::vector<kiosk::queue::HelpRequestId> withdrawn;
    std::map<kiosk::queue::HelpRequestId, std::string> answeredBy;  // volunteer names
    int checks = 0;
    std::vector<std::string> events;  // "started vneid-level1 welcome"
    bool works = true;
    bool deferred = false;
    std::vector<std::function<void()>> pending;
    int issued = 0;
    kiosk::queue::Priority lastPriority = kiosk::queue::Priority::None;
    std::string lastOrigin;
    std::optional<std::string> lastHousehold;

    const std::vector<kiosk::queue::Service>& services() const override { return list; }

    void issueTicket(char service, kiosk::queue::Priority priority, kiosk::session::TicketTags tags,
                     TicketDone done) override {
        answer([this, service, priority, tags, done] {
            if (!works) return done(kiosk::Error{"store.disk_full", "disk full"});
            lastPriority = priority;
            lastOrigin = tags.origin;
            lastHousehold = tags.householdKey;
            done(makeTicket(service));
        });
    }
    void requestHelp(HelpRequest request, HelpDone done) override {
        answer([this, request, done] {
            if (!works) return done(kiosk::Error{"store.disk_full", "disk full"});
            recorded.push_back(request);
            done(static_cast<kiosk::queue::HelpRequestId>(recorded.size()));
        });
    }
    void escalateHelp(kiosk::queue::HelpRequestId id) override { escalated.push_back(id); }
    void checkHelp(kiosk::queue::HelpRequestId id, HelpStatusDone done) override {
        ++checks;
        answer([this, id, done] {
            kiosk::queue::HelpRequestStatus status;
            if (auto it = answeredBy.find(id); it != answeredBy.end()) {
                status.state = kiosk::queue::HelpRequestState::Answered;
                status.volunteerName = it->second;
            }
            done(status);
        });
    }
    void withdrawHelp(kiosk::queue::HelpRequestId id) override { withdrawn.push_back(id); }
    void recordWalkthroughEvent(kiosk::session::WalkthroughEvent event, std::string_view walkthroughId,
                                std::string_view stepId) override {
        events.push_back(std::string(kiosk::session::walkthroughEventName(event)) + " " +
                         std::string(walkthroughId) + " " + std::string(stepId));
    }
    void commitAll() {
        auto ready = std::move(pending);
        pending.clear();
        for (auto& completion : ready)
            completion();
    }

private:
    void answer(std::function<void()> completion) {
        if (deferred) {
            pending.push_back(std::move(completion));
        } else {
            completion();
        }
    }
    kiosk::session::IssuedTicket makeTicket(char service) {
        ++issued;
        return kiosk::session::IssuedTicket{issued, std::string(1, service) + "00" + std::to_string(issued),
                                            service, 2, std::chrono::seconds(600)};
    }
};

kiosk::content::Walkthrough makeWalkthrough(const std::string& id, std::vector<std::string> stepIds) {
    kiosk::content::Walkthrough walkthrough;
    walkthrough.id = id;
    for (const auto& stepId : stepIds) {
        kiosk::content::Step step;
        step.id = stepId;
        walkthrough.steps.push_back(step);
    }
    walkthrough.steps.back().end = true;
    return walkthrough;
}

class CitizenJourneyTest : public testing::Test {
protected:
    CitizenSession session{Language::Vi};
    IdleWatch idle{90s, 20s};
    FakeStore store;
    FakeStore& desk = store;
    std::vector<HelpRequest>& recorded = store.recorded;
    bool& storeWorks = store.works;
    // Level 2 is missing on purpose: a kiosk whose file was refused simply lacks it.
    std::vector<kiosk::content::Walkthrough> library{
        makeWalkthrough("vneid-level1", {"welcome", "nfc", "done"}),
        makeWalkthrough("online-safety", {"otp"}), makeWalkthrough("online-shopping", {"platforms", "cod"})};
    CitizenJourney journey{session, idle, store, library};
    kiosk::SteadyTime t0{};
};

TEST_F(CitizenJourneyTest, AttractThenLanguageThenHome) {
    EXPECT_EQ(journey.place().screen, Screen::Attract);
    journey.touchToStart(t0);
    EXPECT_EQ(journey.place().screen, Screen::Language);
    journey.chooseLanguage(Language::En, t0);
    EXPECT_EQ(journey.place().screen, Screen::Home);
    EXPECT_EQ(session.language(), Language::En);
}

TEST_F(CitizenJourneyTest, UnbuiltFeatureOpensComingSoonAndBackReturnsHome) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.openFeature(Feature::Ticket, t0);
    EXPECT_EQ(journey.place().screen, Screen::ComingSoon);
    EXPECT_EQ(journey.place().feature, Feature::Ticket);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Home);
}

TEST_F(CitizenJourneyTest, HelpIsRecordedWithWhereTheCitizenWas) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    journey.openFeature(Feature::Ticket, t0);
    journey.requestHelp(t0);
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0].place, "coming_soon:ticket");
    EXPECT_EQ(recorded[0].language, Language::En);
    EXPECT_EQ(journey.place().screen, Screen::HelpRequested);
    EXPECT_TRUE((journey.help().phase() == kiosk::session::HelpPhase::Saved));
    journey.requestHelp(t0);  // a second tap on the same screen files nothing more
    EXPECT_EQ(recorded.size(), 1u);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::ComingSoon);
}

TEST_F(CitizenJourneyTest, HelpThatCannotBeSavedSaysSo) {
    storeWorks = false;
    journey.touchToStart(t0);
    journey.requestHelp(t0);
    EXPECT_EQ(journey.place().screen, Screen::HelpRequested);
    EXPECT_FALSE((journey.help().phase() == kiosk::session::HelpPhase::Saved));
    ASSERT_TRUE(journey.help().error().has_value());
    EXPECT_EQ(journey.help().error()->code, "store.disk_full");
}

TEST_F(CitizenJourneyTest, IdleAsksThenWipesBackToAttractInDefaultLanguage) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    journey.openFeature(Feature::Ticket, t0);
    EXPECT_EQ(journey.tick(t0 + 89s).phase, IdlePhase::Active);
    EXPECT_EQ(journey.tick(t0 + 100s).phase, IdlePhase::Asking);
    EXPECT_EQ(journey.place().screen, Screen::ComingSoon);
    journey.tick(t0 + 110s);
    EXPECT_EQ(journey.place().screen, Screen::Attract);
    EXPECT_EQ(session.language(), Language::Vi);
    EXPECT_EQ(session.wipeCount(), 1);
}

TEST_F(CitizenJourneyTest, LargeTextAndHighContrastLastOnlyForTheCitizenWhoChoseThem) {
    journey.touchToStart(t0);
    journey.toggleLargeText(t0);
    journey.toggleHighContrast(t0);
    EXPECT_TRUE(session.display().largeText);
    EXPECT_TRUE(session.display().highContrast);
    journey.toggleLargeText(t0 + 1s);  // a second tap turns it back
    EXPECT_FALSE(session.display().largeText);
    journey.toggleLargeText(t0 + 2s);
    EXPECT_EQ(journey.tick(t0 + 91s).phase, IdlePhase::Active);  // the taps count as input
    journey.finish();
    EXPECT_EQ(session.display(), kiosk::session::DisplayChoice{});
    EXPECT_EQ(journey.place().screen, Screen::Attract);
}

TEST_F(CitizenJourneyTest, StillHereDuringTheQuestionKeepsTheSession) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    ASSERT_EQ(journey.tick(t0 + 95s).phase, IdlePhase::Asking);
    journey.noteInput(t0 + 96s);  // the touch that lands on "End now" must not dismiss the question
    EXPECT_EQ(journey.tick(t0 + 97s).phase, IdlePhase::Asking);
    journey.stillHere(t0 + 97s);
    EXPECT_EQ(journey.tick(t0 + 120s).phase, IdlePhase::Active);
    EXPECT_EQ(journey.place().screen, Screen::Home);
    EXPECT_EQ(session.wipeCount(), 0);
}

TEST_F(CitizenJourneyTest, AttractScreenNeverTimesOut) {
    EXPECT_EQ(journey.tick(t0 + 10000s).phase, IdlePhase::Active);
    journey.touchToStart(t0 + 10000s);
    EXPECT_EQ(journey.tick(t0 + 10001s).phase, IdlePhase::Active);
    EXPECT_EQ(session.wipeCount(), 0);
}

TEST_F(CitizenJourneyTest, FinishWipesImmediately) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    journey.finish();
    EXPECT_EQ(journey.place().screen, Screen::Attract);
    EXPECT_EQ(session.language(), Language::Vi);
}

TEST_F(CitizenJourneyTest, TileWithOneWalkthroughStartsItAndBackReturnsHome) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.openFeature(Feature::Vneid, t0);  // level 2 is absent, so level 1 starts directly
    ASSERT_EQ(journey.place().screen, Screen::Walkthrough);
    ASSERT_NE(journey.walkthrough(), nullptr);
    EXPECT_EQ(journey.walkthrough()->current().id, "welcome");
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Home);
    EXPECT_EQ(store.events,
              (std::vector<std::string>{"started vneid-level1 welcome", "abandoned vneid-level1 welcome"}));
}

TEST_F(CitizenJourneyTest, TileWithSeveralWalkthroughsOffersAList) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.openFeature(Feature::OnlineSafety, t0);
    EXPECT_EQ(journey.place().screen, Screen::WalkthroughList);
    ASSERT_EQ(journey.walkthroughsFor(Feature::OnlineSafety).size(), 2u);
    journey.startWalkthrough("online-shopping", t0);
    EXPECT_EQ(journey.place().screen, Screen::Walkthrough);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::WalkthroughList);
    EXPECT_TRUE(journey.walkthroughsFor(Feature::Scan).empty());
}

TEST_F(CitizenJourneyTest, StuckInAWalkthroughTagsTheRequestWithTheStep) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    journey.openFeature(Feature::Vneid, t0);
    journey.walkthroughNext(t0);
    journey.requestHelp(t0);
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0].place, "walkthrough:vneid-level1/nfc");
    journey.back(t0);  // back from the help screen returns to the same step
    ASSERT_EQ(journey.place().screen, Screen::Walkthrough);
    EXPECT_EQ(journey.walkthrough()->current().id, "nfc");
}

TEST_F(CitizenJourneyTest, FinishingAWalkthroughIsCountedOnceAndNotAsAbandoned) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.openFeature(Feature::Vneid, t0);
    journey.walkthroughNext(t0);
    journey.walkthroughNext(t0);
    journey.walkthroughNext(t0);  // "Finish" on the last step
    ASSERT_TRUE(journey.walkthrough()->finished());
    journey.walkthroughNext(t0);  // a second tap changes nothing
    journey.goHome(t0);
    EXPECT_EQ(store.events,
              (std::vector<std::string>{"started vneid-level1 welcome", "finished vneid-level1 done"}));
}

TEST_F(CitizenJourneyTest, IdleWipeInAWalkthroughCountsWhereTheyStopped) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.openFeature(Feature::Vneid, t0);
    journey.walkthroughNext(t0);
    journey.tick(t0 + 200s);
    EXPECT_EQ(journey.place().screen, Screen::Attract);
    EXPECT_EQ(journey.walkthrough(), nullptr);
    EXPECT_EQ(store.events.back(), "abandoned vneid-level1 nfc");
}

kiosk::scan::ScanPayload understood(const std::string& text) {
    static const auto banks =
        kiosk::scan::BankDirectory::fromCsv("bin,short_name,name\n970436,Vietcombank,Ngan hang\n");
    return kiosk::scan::understandPayload(text, *banks);
}

// A made-up card: province 001, 1900s male, born 1985.
const std::string kSyntheticCard = "001085012345||Nguyen Van Thu|15031985|Nam|Thon Mau|01022021";

TEST_F(CitizenJourneyTest, ScannerShowsAResultAndBackReturnsToTheCamera) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.openFeature(Feature::Scan, t0);
    EXPECT_EQ(journey.place().screen, Screen::Scanner);
    EXPECT_FALSE(session.scanned().has_value());
    journey.scanFound(understood("https://dichvucong.gov.vn"), t0);
    ASSERT_TRUE(session.scanned().has_value());
    EXPECT_EQ(session.scanned()->kind, kiosk::scan::PayloadKind::url);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Scanner);
    EXPECT_FALSE(session.scanned().has_value());
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Home);
}

TEST_F(CitizenJourneyTest, BackFromAResultIgnoresTheSameCodeUntilItLeavesTheView) {
    journey.touchToStart(t0);
    journey.openFeature(Feature::Scan, t0);
    journey.scanFound(understood("https://dichvucong.gov.vn"), t0);
    journey.back(t0);
    journey.scanFound(understood("https://dichvucong.gov.vn"), t0);  // still in front of the camera
    EXPECT_FALSE(session.scanned().has_value()) << "Back would bounce straight back to the result";
    journey.scanFound(understood("https://example.vn"), t0);  // another code is read at once
    ASSERT_TRUE(session.scanned().has_value());
    journey.scanAnother(t0);
    journey.codeLeftView();
    journey.scanFound(understood("https://example.vn"), t0);  // shown again once it came back
    EXPECT_TRUE(session.scanned().has_value());
}

TEST_F(CitizenJourneyTest, CardDataNeedsConsentAndRefusalDiscardsIt) {
    journey.touchToStart(t0);
    journey.openFeature(Feature::Scan, t0);
    journey.scanFound(understood(kSyntheticCard), t0);
    ASSERT_EQ(session.scanned()->kind, kiosk::scan::PayloadKind::cccd);
    EXPECT_FALSE(session.cardConsentGiven());
    journey.answerCardConsent(false, t0);
    EXPECT_FALSE(session.scanned().has_value());

    journey.scanFound(understood(kSyntheticCard), t0);
    journey.answerCardConsent(true, t0);
    EXPECT_TRUE(session.cardConsentGiven());
    journey.scanAnother(t0);
    EXPECT_FALSE(session.scanned().has_value());
    EXPECT_FALSE(session.cardConsentGiven()) << "consent is per card";
}

TEST_F(CitizenJourneyTest, IdleWipeForgetsTheScannedCard) {
    journey.touchToStart(t0);
    journey.openFeature(Feature::Scan, t0);
    journey.scanFound(understood(kSyntheticCard), t0);
    journey.answerCardConsent(true, t0);
    journey.tick(t0 + 200s);
    EXPECT_EQ(journey.place().screen, Screen::Attract);
    EXPECT_FALSE(session.scanned().has_value());
}

TEST_F(CitizenJourneyTest, ResultArrivingAfterLeavingTheScannerIsDropped) {
    journey.touchToStart(t0);
    journey.openFeature(Feature::Scan, t0);
    journey.goHome(t0);
    journey.scanFound(understood("hello"), t0);
    EXPECT_FALSE(session.scanned().has_value());
}

TEST_F(CitizenJourneyTest, WalkthroughStepCanOpenTheScanner) {
    journey.touchToStart(t0);
    journey.openFeature(Feature::Vneid, t0);
    journey.openFeature(Feature::Scan, t0);
    EXPECT_EQ(journey.place().screen, Screen::Scanner);
    EXPECT_EQ(journey.walkthrough(), nullptr);
}

const std::vector<kiosk::queue::Service> kOneLine{{'A', {"Hỗ trợ VNeID", "VNeID help"}, {}}};

TEST_F(CitizenJourneyTest, TicketIsIssuedAfterServiceAndPriorityAndNeverTwice) {
    desk.list = kOneLine;
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    ASSERT_EQ(journey.place().screen, Screen::Ticket);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::ChooseService);
    journey.answerPriority(kiosk::queue::Priority::None, t0);  // out of order: nothing happens
    EXPECT_EQ(desk.issued, 0);
    journey.chooseTicketService('A', t0);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::AskPriority);
    journey.back(t0);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::ChooseService);
    journey.chooseTicketService('A', t0);
    journey.answerPriority(kiosk::queue::Priority::Aged75Plus, t0);
    ASSERT_EQ(journey.ticket().step(), kiosk::session::TicketStep::Issued);
    EXPECT_EQ(journey.ticket().issued()->label, "A001");
    EXPECT_EQ(desk.lastPriority, kiosk::queue::Priority::Aged75Plus);
    journey.answerPriority(kiosk::queue::Priority::None, t0);  // a second tap
    EXPECT_EQ(desk.issued, 1);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Home);
}

TEST_F(CitizenJourneyTest, TicketThatCannotBeSavedIsNeverShownAsIssued) {
    desk.list = kOneLine;
    desk.works = false;
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    journey.chooseTicketService('A', t0);
    journey.answerPriority(kiosk::queue::Priority::None, t0);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::Failed);
    EXPECT_FALSE(journey.ticket().issued().has_value());
    ASSERT_TRUE(journey.ticket().error().has_value());
    EXPECT_EQ(journey.ticket().error()->code, "store.disk_full");
}

TEST_F(CitizenJourneyTest, GetHelpCanAlsoTakeATicketTaggedWithThePlace) {
    desk.list = {{'A', {"VNeID", "VNeID"}, {kiosk::queue::Skill::PublicServices}},
                 {'B', {"Thanh toán", "Payment"}, {kiosk::queue::Skill::OnlinePayment}},
                 {'D', {"Khác", "Other"}, {kiosk::queue::Skill::LocalPlatforms}}};
    journey.touchToStart(t0);
    journey.chooseLanguage(kiosk::i18n::Language::Vi, t0);
    journey.openFeature(Feature::QrPayment, t0);
    journey.requestHelp(t0);
    EXPECT_EQ(desk.issued, 0) << "a help request is not a place at the back of the line";
    EXPECT_EQ(journey.help().ticketService(), 'B');
    journey.takeHelpTicket(t0);
    ASSERT_TRUE(journey.help().ticket().has_value());
    EXPECT_EQ(journey.help().ticket()->service, 'B');
    EXPECT_NE(desk.lastOrigin.find("qr"), std::string::npos) << desk.lastOrigin;
    journey.takeHelpTicket(t0);  // a second tap takes no second ticket
    journey.requestHelp(t0);
    EXPECT_EQ(desk.issued, 1);
    journey.finish();
    EXPECT_FALSE(journey.help().ticket().has_value());
}

TEST_F(CitizenJourneyTest, GetHelpFilesOneRequestPerSession) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.requestHelp(t0);
    journey.back(t0);
    journey.openFeature(Feature::Vneid, t0);
    journey.requestHelp(t0);  // pressed again from another screen: the same request
    EXPECT_EQ(recorded.size(), 1u);
    EXPECT_EQ(journey.place().screen, Screen::HelpRequested);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Walkthrough) << "Back returns to where it was pressed last";
    journey.finish();
    EXPECT_EQ(desk.withdrawn, std::vector<kiosk::queue::HelpRequestId>{1})
        << "nobody should walk to an empty kiosk";
    journey.touchToStart(t0);
    journey.requestHelp(t0);
    EXPECT_EQ(recorded.size(), 2u) << "the next citizen gets their own request";
}

TEST_F(CitizenJourneyTest, TheCitizenSeesWhoIsComing) {
    journey.touchToStart(t0);
    journey.requestHelp(t0);
    journey.tick(t0 + 1s);
    EXPECT_FALSE(journey.help().volunteerComing().has_value());
    desk.answeredBy[1] = "Lan";
    journey.tick(t0 + 1500ms);  // polls at most once a second
    EXPECT_FALSE(journey.help().volunteerComing().has_value());
    journey.tick(t0 + 2s);
    ASSERT_TRUE(journey.help().volunteerComing().has_value());
    EXPECT_EQ(*journey.help().volunteerComing(), "Lan");
    const int checks = desk.checks;
    journey.tick(t0 + 5s);
    EXPECT_EQ(desk.checks, checks) << "no more polling once answered";
    journey.finish();
    EXPECT_TRUE(desk.withdrawn.empty()) << "an answered request is not withdrawn";
}

TEST_F(CitizenJourneyTest, NeedingHelpNowAfterAScamIsUrgent) {
    auto& safety = library[1];
    safety.steps = makeWalkthrough("online-safety", {"scammed", "if-scammed", "remember"}).steps;
    safety.steps[0].choices = {{"yes", {}, "if-scammed", true}, {"no", {}, "remember", false}};
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::Vi, t0);
    journey.requestHelp(t0);  // an ordinary request first...
    journey.back(t0);
    ASSERT_TRUE(journey.help().phase() == kiosk::session::HelpPhase::Saved);
    journey.openFeature(Feature::OnlineSafety, t0);
    journey.startWalkthrough("online-safety", t0);
    journey.walkthroughChoose("yes", t0);  // ...raised when the citizen says they need help now
    EXPECT_EQ(journey.place().screen, Screen::HelpRequested);
    EXPECT_TRUE(journey.help().urgent());
    EXPECT_EQ(recorded.size(), 1u);
    EXPECT_EQ(desk.escalated, std::vector<kiosk::queue::HelpRequestId>{1});
    journey.back(t0);
    ASSERT_EQ(journey.place().screen, Screen::Walkthrough);
    EXPECT_EQ(journey.walkthrough()->current().id, "if-scammed") << "Back shows what to do meanwhile";
}

TEST_F(CitizenJourneyTest, HouseholdScanKeepsOnlyTheKeyOfAValidCard) {
    desk.list = kOneLine;
    std::string keyedNumber;
    journey.ticket().setHouseholdKeyer([&](std::string_view id) -> kiosk::Result<std::string> {
        keyedNumber = std::string(id);
        return std::string("hk-synthetic-key-0001");
    });
    const auto banks =
        kiosk::scan::BankDirectory::fromCsv("bin,short_name,name\n970436,Vietcombank,Ngan hang\n");
    ASSERT_TRUE(banks.ok());
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    journey.chooseTicketService('A', t0);
    journey.answerPriority(kiosk::queue::Priority::None, t0);
    ASSERT_EQ(journey.ticket().step(), kiosk::session::TicketStep::AskHousehold);
    EXPECT_FALSE(journey.wantsCamera());
    journey.scanHouseholdCard(t0);
    ASSERT_EQ(journey.ticket().step(), kiosk::session::TicketStep::ScanHousehold);
    EXPECT_TRUE(journey.wantsCamera());
    journey.householdCodeFound(kiosk::scan::understandPayload("https://dichvucong.gov.vn", *banks), t0);
    EXPECT_TRUE(journey.ticket().householdCardRejected());
    EXPECT_EQ(desk.issued, 0);
    journey.householdCodeFound(
        kiosk::scan::understandPayload("001090012345|123456789|Nguyễn Văn Thử|01011990|Nam|Xã Ví Dụ|15062021",
                                       *banks),
        t0);
    ASSERT_EQ(journey.ticket().step(), kiosk::session::TicketStep::Issued);
    EXPECT_EQ(keyedNumber, "001090012345");
    EXPECT_EQ(desk.lastHousehold, "hk-synthetic-key-0001");
    EXPECT_FALSE(journey.wantsCamera());
}

TEST_F(CitizenJourneyTest, HouseholdQuestionCanBeSkippedAndBackedOutOf) {
    desk.list = kOneLine;
    journey.ticket().setHouseholdKeyer(
        [](std::string_view) -> kiosk::Result<std::string> { return std::string("k"); });
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    journey.chooseTicketService('A', t0);
    journey.answerPriority(kiosk::queue::Priority::Pregnant, t0);
    journey.scanHouseholdCard(t0);
    journey.back(t0);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::AskHousehold);
    journey.back(t0);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::AskPriority);
    journey.answerPriority(kiosk::queue::Priority::Pregnant, t0);
    journey.skipHousehold(t0);
    ASSERT_EQ(journey.ticket().step(), kiosk::session::TicketStep::Issued);
    EXPECT_EQ(desk.lastPriority, kiosk::queue::Priority::Pregnant);
    EXPECT_FALSE(desk.lastHousehold.has_value());
}

TEST_F(CitizenJourneyTest, TheNumberAppearsOnlyAfterItsCommit) {
    desk.list = kOneLine;
    desk.deferred = true;
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    journey.chooseTicketService('A', t0);
    journey.answerPriority(kiosk::queue::Priority::None, t0);
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::Saving);
    EXPECT_FALSE(journey.ticket().issued().has_value());
    journey.answerPriority(kiosk::queue::Priority::None, t0);  // a second tap while saving
    desk.commitAll();
    EXPECT_EQ(desk.issued, 1);
    ASSERT_EQ(journey.ticket().step(), kiosk::session::TicketStep::Issued);
    EXPECT_EQ(journey.ticket().issued()->label, "A001");
}

TEST_F(CitizenJourneyTest, AResultArrivingAfterTheCitizenLeftIsNotShownToTheNext) {
    desk.list = kOneLine;
    desk.deferred = true;
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    journey.chooseTicketService('A', t0);
    journey.answerPriority(kiosk::queue::Priority::None, t0);
    journey.requestHelp(t0);
    journey.finish();  // idle wipe while both are still being saved
    journey.touchToStart(t0);
    journey.openFeature(Feature::Ticket, t0);
    desk.commitAll();
    EXPECT_EQ(journey.ticket().step(), kiosk::session::TicketStep::ChooseService);
    EXPECT_FALSE(journey.ticket().issued().has_value());
    EXPECT_EQ(journey.help().phase(), kiosk::session::HelpPhase::None);
    EXPECT_FALSE(journey.help().ticket().has_value());
}

TEST_F(CitizenJourneyTest, HelpSaysSavingUntilTheStoreAnswers) {
    desk.list = kOneLine;
    desk.deferred = true;
    journey.touchToStart(t0);
    journey.requestHelp(t0);
    EXPECT_EQ(journey.place().screen, Screen::HelpRequested);
    EXPECT_EQ(journey.help().phase(), kiosk::session::HelpPhase::Saving);
    desk.commitAll();
    EXPECT_EQ(journey.help().phase(), kiosk::session::HelpPhase::Saved);
    journey.takeHelpTicket(t0);
    EXPECT_TRUE(journey.help().ticketSaving());
    EXPECT_FALSE(journey.help().ticket().has_value()) << "no number is shown before it is saved";
    desk.commitAll();
    ASSERT_TRUE(journey.help().ticket().has_value());
    EXPECT_EQ(journey.help().ticket()->label, "A001");
}

TEST(HelpService, FollowsTheTileAndFallsBackToTheLastLine) {
    using kiosk::session::helpServiceFor;
    const std::vector<kiosk::queue::Service> services = {
        {'A', {"VNeID", "VNeID"}, {kiosk::queue::Skill::PublicServices}},
        {'B', {"Thanh toán", "Payment"}, {kiosk::queue::Skill::OnlinePayment}},
        {'D', {"Khác", "Other"}, {kiosk::queue::Skill::LocalPlatforms}}};
    EXPECT_EQ(helpServiceFor(services, Feature::Vneid), 'A');
    EXPECT_EQ(helpServiceFor(services, Feature::QrPayment), 'B');
    EXPECT_EQ(helpServiceFor(services, Feature::OnlineSafety), 'D');
    EXPECT_EQ(helpServiceFor(services, std::nullopt), 'D');
    EXPECT_EQ(helpServiceFor({}, Feature::Vneid), std::nullopt);
}

TEST(WipeString, OverwritesAndEmpties) {
    std::string secret = "012345678901";
    kiosk::session::wipeString(secret);
    EXPECT_TRUE(secret.empty());
}
