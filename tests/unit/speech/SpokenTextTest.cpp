#include "kiosk/speech/SpokenText.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/Files.h"
#include "kiosk/scan/BankDirectory.h"

using kiosk::i18n::Catalogue;
using kiosk::i18n::Language;
using kiosk::speech::spokenScanResult;
using kiosk::speech::spokenTicket;
using kiosk::speech::spokenTicketNumber;
using kiosk::speech::spokenWalkthroughStep;

namespace {

const Catalogue& catalogue() {
    static const Catalogue loaded = [] {
        std::vector<kiosk::i18n::CatalogueProblem> problems;
        auto texts = Catalogue::loadDir(std::filesystem::path(KIOSK_ASSETS_DIR) / "i18n", problems);
        EXPECT_TRUE(problems.empty());
        return texts;
    }();
    return loaded;
}

kiosk::scan::ScanPayload payloadFrom(const std::string& sample) {
    static const auto banks = [] {
        auto csv = kiosk::readTextFile(std::filesystem::path(KIOSK_ASSETS_DIR) / "banks.csv");
        return kiosk::scan::BankDirectory::fromCsv(*csv).value();
    }();
    auto text = kiosk::readTextFile(std::filesystem::path(KIOSK_TEST_DATA_DIR) / "scan/payloads" / sample);
    return kiosk::scan::understandPayload(*text, banks);
}

kiosk::content::Step sampleStep() {
    kiosk::content::Step step;
    step.id = "nfc";
    step.title = {"Đọc chip", "Read the chip"};
    step.body = {"Đặt thẻ sau điện thoại. Giữ yên", "Hold the card behind the phone. Keep still"};
    step.checklist = {{"Căn cước gắn chip", "Chip ID card"}};
    step.choices = {{"yes", {"Được rồi", "It worked"}, "done"},
                    {"no", {"Chưa được?", "It did not?"}, "help"}};
    return step;
}

}  // namespace

TEST(SpokenTicketNumber, SaysTheLetterThenTheNumberWithoutLeadingZeros) {
    const std::pair<const char*, const char*> cases[] = {
        {"A012", "A-12"}, {"D003", "D-3"}, {"B100", "B-100"}, {"A000", "A-0"}, {"C7", "C-7"},
        {"12", "12"},     {"AB1", "AB1"},  {"A", "A"},        {"", ""},        {"A01x", "A01x"}};
    for (const auto& [label, spoken] : cases)
        EXPECT_EQ(spokenTicketNumber(label), spoken) << label;
}

TEST(SpokenTicket, ReadsNumberPeopleAheadAndWaitInVietnamese) {
    const kiosk::session::IssuedTicket ticket{7, "A012", 'A', 3, std::chrono::seconds(14 * 60 + 1)};
    EXPECT_EQ(spokenTicket(catalogue(), Language::Vi, ticket),
              "Số thứ tự của bạn là A-12. Số người đang chờ trước bạn: 3. "
              "Thời gian chờ ước tính: khoảng 15 phút.");
}

TEST(SpokenTicket, SaysNobodyIsAheadInEnglishAndNoWait) {
    const kiosk::session::IssuedTicket ticket{1, "B001", 'B', 0, std::chrono::seconds(0)};
    EXPECT_EQ(spokenTicket(catalogue(), Language::En, ticket),
              "Your number is B-1. Nobody is waiting before you.");
}

TEST(SpokenWalkthroughStep, ReadsTitleBodyChecklistWarningsAndAnswersAsSentences) {
    const kiosk::content::Walkthrough walkthrough;
    const std::vector<kiosk::content::Text> warnings = {{"Không đưa mã OTP cho ai", "Never share an OTP"}};
    EXPECT_EQ(spokenWalkthroughStep(walkthrough, sampleStep(), warnings, Language::Vi),
              "Đọc chip. Đặt thẻ sau điện thoại. Giữ yên. Căn cước gắn chip. Không đưa mã OTP cho ai. "
              "Được rồi. Chưa được?");
    EXPECT_EQ(spokenWalkthroughStep(walkthrough, sampleStep(), warnings, Language::En),
              "Read the chip. Hold the card behind the phone. Keep still. Chip ID card. Never share an OTP. "
              "It worked. It did not?");
}

TEST(SpokenScanResult, NamesAnIdCardButNeverReadsItsFields) {
    const auto card = payloadFrom("cccd_valid.txt");
    ASSERT_EQ(card.kind, kiosk::scan::PayloadKind::cccd);
    for (bool consent : {false, true}) {
        for (Language language : {Language::Vi, Language::En}) {
            const std::string spoken = spokenScanResult(catalogue(), language, card, consent);
            EXPECT_NE(spoken.find(catalogue().text(language, kiosk::i18n::MessageId::ScanKindCccd)),
                      std::string::npos);
            for (const char* personal : {"Nguyễn", "Thử", "0900", "1990", "12345", "Số 1 Đường"})
                EXPECT_EQ(spoken.find(personal), std::string::npos) << personal << " in: " << spoken;
        }
    }
    EXPECT_NE(spokenScanResult(catalogue(), Language::Vi, card, false)
                  .find(catalogue().text(Language::Vi, kiosk::i18n::MessageId::ScanCardConsent)),
              std::string::npos);
}

TEST(SpokenScanResult, ReadsBankAmountInDongAndPurposeButNotTheAccount) {
    const auto qr = payloadFrom("vietqr_dynamic_purpose.txt");
    ASSERT_EQ(qr.kind, kiosk::scan::PayloadKind::vietqr);
    const std::string vi = spokenScanResult(catalogue(), Language::Vi, qr, false);
    EXPECT_NE(vi.find("VietinBank"), std::string::npos) << vi;
    EXPECT_NE(vi.find("50.000 đồng"), std::string::npos) << vi;
    EXPECT_NE(vi.find("THU PHI THU NGHIEM"), std::string::npos) << vi;
    EXPECT_EQ(vi.find("1234567890"), std::string::npos) << vi;
    EXPECT_NE(spokenScanResult(catalogue(), Language::En, qr, false).find("50,000 dong"), std::string::npos);
}

TEST(SpokenScanResult, WarnsAboutALookalikeLink) {
    const auto link = payloadFrom("url_lookalike_punycode.txt");
    ASSERT_EQ(link.kind, kiosk::scan::PayloadKind::url);
    const std::string en = spokenScanResult(catalogue(), Language::En, link, false);
    EXPECT_EQ(en.rfind(catalogue().text(Language::En, kiosk::i18n::MessageId::ScanVerdictDoNotOpen), 0), 0u)
        << "the verdict comes first, as on the screen: " << en;
    EXPECT_NE(en.find(catalogue().text(Language::En, kiosk::i18n::MessageId::ScanLookalike)),
              std::string::npos)
        << en;
    EXPECT_NE(en.find(catalogue().text(Language::En, kiosk::i18n::MessageId::ScanNotGovernment)),
              std::string::npos);
}

namespace {

// Answers every request at once: spokenTextFor only needs the journey to reach its screens.
class InstantStore final : public kiosk::session::JourneyStore {
public:
    std::vector<kiosk::queue::Service> list{{'A', {"Hỗ trợ VNeID", "VNeID help"}, {}}};
    const std::vector<kiosk::queue::Service>& services() const override { return list; }
    void issueTicket(char service, kiosk::queue::Priority, kiosk::session::TicketTags,
                     TicketDone done) override {
        done(kiosk::session::IssuedTicket{1, std::string(1, service) + "004", service, 2,
                                          std::chrono::seconds(600)});
    }
    void requestHelp(kiosk::session::HelpRequest, HelpDone done) override {
        done(kiosk::queue::HelpRequestId{1});
    }
    void escalateHelp(kiosk::queue::HelpRequestId) override {}
    void checkHelp(kiosk::queue::HelpRequestId, HelpStatusDone done) override {
        done(kiosk::queue::HelpRequestStatus{});
    }
    void withdrawHelp(kiosk::queue::HelpRequestId) override {}
    void recordWalkthroughEvent(kiosk::session::WalkthroughEvent, std::string_view,
                                std::string_view) override {}
};

class SpokenTextForScreen : public testing::Test {
protected:
    SpokenTextForScreen() {
        kiosk::content::Walkthrough guide;
        guide.id = "vneid-level1";  // a walkthrough the VNeID tile offers
        guide.steps = {sampleStep()};
        guide.steps[0].choices.clear();
        guide.steps[0].end = true;
        library.push_back(guide);
        journey.touchToStart(t0);
        journey.chooseLanguage(Language::En, t0);
    }
    kiosk::session::CitizenSession session{Language::Vi};
    kiosk::session::IdleWatch idle{std::chrono::seconds(90), std::chrono::seconds(20)};
    InstantStore store;
    std::vector<kiosk::content::Walkthrough> library;
    kiosk::session::CitizenJourney journey{session, idle, store, library};
    kiosk::SteadyTime t0{};
};

}  // namespace

TEST_F(SpokenTextForScreen, HomeHasNothingToRead) {
    EXPECT_EQ(kiosk::speech::spokenTextFor(journey, session, catalogue()), std::nullopt);
}

TEST_F(SpokenTextForScreen, AWalkthroughStepIsReadInTheChosenLanguageUntilItIsDone) {
    journey.startWalkthrough("vneid-level1", t0);
    const auto spoken = kiosk::speech::spokenTextFor(journey, session, catalogue());
    ASSERT_TRUE(spoken);
    EXPECT_EQ(spoken->language, Language::En);
    EXPECT_EQ(spoken->topic, "walkthrough step");
    EXPECT_TRUE(spoken->text.starts_with("Read the chip.")) << spoken->text;
    journey.walkthroughNext(t0);  // the last step: the walkthrough is done
    EXPECT_EQ(kiosk::speech::spokenTextFor(journey, session, catalogue()), std::nullopt);
}

TEST_F(SpokenTextForScreen, ATicketIsReadOnlyOnceItIsIssued) {
    journey.openFeature(kiosk::session::Feature::Ticket, t0);
    journey.chooseTicketService('A', t0);
    EXPECT_EQ(kiosk::speech::spokenTextFor(journey, session, catalogue()), std::nullopt);
    journey.answerPriority(kiosk::queue::Priority::None, t0);
    const auto spoken = kiosk::speech::spokenTextFor(journey, session, catalogue());
    ASSERT_TRUE(spoken);
    EXPECT_EQ(spoken->topic, "ticket");
    EXPECT_TRUE(spoken->text.starts_with("Your number is A-4. People waiting before you: 2."))
        << spoken->text;
}

TEST_F(SpokenTextForScreen, AScanResultIsReadOnceACodeIsFound) {
    journey.openFeature(kiosk::session::Feature::Scan, t0);
    EXPECT_EQ(kiosk::speech::spokenTextFor(journey, session, catalogue()), std::nullopt);
    journey.scanFound(payloadFrom("url_lookalike_punycode.txt"), t0);
    const auto spoken = kiosk::speech::spokenTextFor(journey, session, catalogue());
    ASSERT_TRUE(spoken);
    EXPECT_EQ(spoken->topic, "scan result");
}
