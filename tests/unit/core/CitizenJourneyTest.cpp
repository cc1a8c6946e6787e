#include <gtest/gtest.h>

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

class CitizenJourneyTest : public testing::Test {
protected:
    CitizenSession session{Language::Vi};
    IdleWatch idle{90s, 20s};
    std::vector<HelpRequest> recorded;
    bool storeWorks = true;
    CitizenJourney journey{session, idle, [this](const HelpRequest& request) -> kiosk::Status {
                               if (!storeWorks) return kiosk::Error{"store.disk_full", "disk full"};
                               recorded.push_back(request);
                               return kiosk::success();
                           }};
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
    journey.openFeature(Feature::Scan, t0);
    EXPECT_EQ(journey.place().screen, Screen::ComingSoon);
    EXPECT_EQ(journey.place().feature, Feature::Scan);
    journey.back(t0);
    EXPECT_EQ(journey.place().screen, Screen::Home);
}

TEST_F(CitizenJourneyTest, HelpIsRecordedWithWhereTheCitizenWas) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    journey.openFeature(Feature::Vneid, t0);
    journey.requestHelp(t0);
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0].place, "coming_soon:vneid");
    EXPECT_EQ(recorded[0].language, Language::En);
    EXPECT_EQ(journey.place().screen, Screen::HelpRequested);
    EXPECT_TRUE(journey.helpWasSaved());
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
    EXPECT_FALSE(journey.helpWasSaved());
    ASSERT_TRUE(journey.lastHelpError().has_value());
    EXPECT_EQ(journey.lastHelpError()->code, "store.disk_full");
}

TEST_F(CitizenJourneyTest, IdleAsksThenWipesBackToAttractInDefaultLanguage) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    journey.openFeature(Feature::QrPayment, t0);
    EXPECT_EQ(journey.tick(t0 + 89s).phase, IdlePhase::Active);
    EXPECT_EQ(journey.tick(t0 + 100s).phase, IdlePhase::Asking);
    EXPECT_EQ(journey.place().screen, Screen::ComingSoon);
    journey.tick(t0 + 110s);
    EXPECT_EQ(journey.place().screen, Screen::Attract);
    EXPECT_EQ(session.language(), Language::Vi);
    EXPECT_EQ(session.wipeCount(), 1);
}

TEST_F(CitizenJourneyTest, TouchDuringTheQuestionKeepsTheSession) {
    journey.touchToStart(t0);
    journey.chooseLanguage(Language::En, t0);
    ASSERT_EQ(journey.tick(t0 + 95s).phase, IdlePhase::Asking);
    journey.noteInput(t0 + 96s);
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

TEST(WipeString, OverwritesAndEmpties) {
    std::string secret = "012345678901";
    kiosk::session::wipeString(secret);
    EXPECT_TRUE(secret.empty());
}
