// The walkthroughs that ship in assets/content/: they load with no problem at all, every step
// names its sources, the paths a citizen can take through them reach an end, and the ten content
// behaviours of issue 14 hold in Vietnamese and in English (one test per behaviour, below).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "kiosk/content/ContentLoader.h"
#include "kiosk/content/WalkthroughSession.h"

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;

const fs::path kAssets(KIOSK_ASSETS_DIR);

const ContentLibrary& shipped() {
    static const ContentLibrary library = loadContentDir(kAssets / "content", kAssets / "images");
    return library;
}

const Walkthrough& shippedWalkthrough(const std::string& id) {
    for (const Walkthrough& walkthrough : shipped().walkthroughs) {
        if (walkthrough.id == id) return walkthrough;
    }
    throw std::runtime_error("no shipped walkthrough " + id);
}

// Walks a session to its end: Next on plain steps, the given answer on questions. Stops after
// `maxSteps` moves so a wrong answer map fails the test instead of hanging it.
void walkToEnd(WalkthroughSession& session, const std::map<std::string, std::string>& answers,
               int maxSteps = 60) {
    for (int moves = 0; moves < maxSteps && !session.finished(); ++moves) {
        const Step& step = session.current();
        if (step.choices.empty()) {
            ASSERT_TRUE(session.next()) << "stuck at " << step.id;
        } else {
            ASSERT_TRUE(answers.contains(step.id)) << "no answer for question " << step.id;
            ASSERT_TRUE(session.choose(answers.at(step.id)))
                << step.id << " has no choice " << answers.at(step.id);
        }
    }
}

bool visited(const WalkthroughSession& session, const std::string& stepId) {
    const std::vector<std::string> path = session.pathTaken();
    return std::find(path.begin(), path.end(), stepId) != path.end();
}

TEST(ShippedContent, AllWalkthroughsLoadWithoutProblems) {
    EXPECT_TRUE(shipped().problems.empty()) << formatProblems(shipped().problems);
    std::map<std::string, Skill> skills;
    for (const Walkthrough& walkthrough : shipped().walkthroughs)
        skills[walkthrough.id] = walkthrough.skill;
    EXPECT_EQ(skills, (std::map<std::string, Skill>{
                          {"vneid-level1", Skill::PublicServices},
                          {"vneid-level2", Skill::PublicServices},
                          {"qr-payment", Skill::OnlinePayment},
                          {"public-services", Skill::PublicServices},
                          {"online-safety", Skill::SelfProtection},
                          {"online-shopping", Skill::OnlineShopping},
                          {"vneid-documents", Skill::LocalPlatforms},
                          {"electricity-bill", Skill::LocalPlatforms},
                          {"birth-registration", Skill::LocalPlatforms},
                      }));
}

TEST(ShippedContent, VneidLevel1ReachesAnEndWithAndWithoutNfc) {
    WalkthroughSession withNfc(shippedWalkthrough("vneid-level1"));
    walkToEnd(withNfc, {{"smartphone", "yes"}, {"number-check", "ok"}, {"nfc", "yes"}});
    EXPECT_TRUE(withNfc.finished());
    EXPECT_TRUE(visited(withNfc, "scan-chip"));
    EXPECT_FALSE(visited(withNfc, "scan-qr"));
    EXPECT_TRUE(visited(withNfc, "face"));
    EXPECT_EQ(withNfc.current().id, "wait-sms");

    WalkthroughSession withoutNfc(shippedWalkthrough("vneid-level1"));
    walkToEnd(withoutNfc, {{"smartphone", "yes"}, {"number-check", "ok"}, {"nfc", "no"}});
    EXPECT_TRUE(withoutNfc.finished());
    EXPECT_TRUE(visited(withoutNfc, "scan-qr"));
    EXPECT_FALSE(visited(withoutNfc, "scan-chip"));
    EXPECT_TRUE(visited(withoutNfc, "face"));
    EXPECT_EQ(withoutNfc.current().id, "wait-sms");

    const Progress done = withNfc.progress();
    EXPECT_EQ(done.position, done.total);
}

TEST(ShippedContent, VneidLevel1WithoutASmartphoneEndsAtThePoliceDesk) {
    WalkthroughSession session(shippedWalkthrough("vneid-level1"));
    walkToEnd(session, {{"smartphone", "no"}});
    EXPECT_TRUE(session.finished());
    EXPECT_EQ(session.current().id, "no-smartphone");
    EXPECT_FALSE(visited(session, "install"));
}

TEST(ShippedContent, VneidLevel2ProblemPagesReturnToTheQuestion) {
    WalkthroughSession session(shippedWalkthrough("vneid-level2"));
    walkToEnd(session, {{"start", "approved"}, {"where-activate", "phone"}, {"problems", "not-own-sim"}}, 9);
    EXPECT_EQ(session.current().id, "not-own-sim");
    session.next();
    EXPECT_EQ(session.current().id, "problems");
    for (const char* problem : {"no-otp", "forgot-passcode", "new-phone"}) {
        ASSERT_TRUE(session.choose(problem));
        ASSERT_TRUE(session.next());
        EXPECT_EQ(session.current().id, "problems") << problem;
    }
    walkToEnd(session, {{"problems", "all-good"}});
    EXPECT_TRUE(session.finished());
}

TEST(ShippedContent, PaymentWalkthroughOffersPracticeAndScanner) {
    const Walkthrough& payment = shippedWalkthrough("qr-payment");
    const Step* practice = payment.findStep("practice");
    ASSERT_NE(practice, nullptr);
    EXPECT_EQ(practice->action, StepAction::ShowPracticeQr);
    EXPECT_EQ(practice->title.vi, "Luyện tập — không có tiền chuyển đi");

    WalkthroughSession practising(payment);
    walkToEnd(practising, {{"practice-offer", "practise"}});
    EXPECT_TRUE(practising.finished());
    EXPECT_TRUE(visited(practising, "practice"));
    EXPECT_EQ(practising.current().action, StepAction::OpenScanner);

    WalkthroughSession skipping(payment);
    walkToEnd(skipping, {{"practice-offer", "skip"}});
    EXPECT_TRUE(skipping.finished());
    EXPECT_FALSE(visited(skipping, "practice"));
}

TEST(ShippedContent, EveryVneidAndPaymentStepShowsTheScamWarning) {
    for (const char* id : {"vneid-level1", "vneid-level2", "qr-payment", "public-services", "vneid-documents",
                           "electricity-bill", "birth-registration"}) {
        const Walkthrough& walkthrough = shippedWalkthrough(id);
        EXPECT_TRUE(walkthrough.scamWarning) << id;
        for (const Step& step : walkthrough.steps) {
            const std::vector<Text> warnings = warningsFor(walkthrough, step);
            ASSERT_FALSE(warnings.empty()) << id << "/" << step.id;
            EXPECT_EQ(warnings.front(), kScamWarning) << id << "/" << step.id;
        }
    }
}

TEST(ShippedContent, EveryQuestionAndEveryAnswerLeadsToAnEnd) {
    // Tries each answer of each question once, on top of the first answer everywhere else.
    for (const Walkthrough& walkthrough : shipped().walkthroughs) {
        std::map<std::string, std::string> firstAnswers;
        for (const Step& step : walkthrough.steps) {
            if (!step.choices.empty()) firstAnswers[step.id] = step.choices.front().id;
        }
        for (const Step& step : walkthrough.steps) {
            for (const Choice& choice : step.choices) {
                std::map<std::string, std::string> answers = firstAnswers;
                answers[step.id] = choice.id;
                // A problem page that loops back would repeat forever with a fixed answer, so once
                // it has been seen the question's first answer is used.
                WalkthroughSession session(walkthrough);
                std::set<std::string> answered;
                for (int moves = 0; moves < 80 && !session.finished(); ++moves) {
                    const Step& current = session.current();
                    if (current.choices.empty()) {
                        ASSERT_TRUE(session.next());
                    } else {
                        const bool again = !answered.insert(current.id).second;
                        ASSERT_TRUE(session.choose(again ? firstAnswers[current.id] : answers[current.id]));
                    }
                }
                EXPECT_TRUE(session.finished()) << walkthrough.id << ": " << step.id << " → " << choice.id;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sources and languages
// ---------------------------------------------------------------------------------------------

TEST(ShippedContent, NineWalkthroughsAndThreeForTheFifthSkill) {
    EXPECT_GE(shipped().walkthroughs.size(), 9u);
    const auto local = std::count_if(shipped().walkthroughs.begin(), shipped().walkthroughs.end(),
                                     [](const Walkthrough& w) { return w.skill == Skill::LocalPlatforms; });
    EXPECT_GE(local, 3);
}

TEST(ShippedContent, EveryStepNamesAnOfficialSourceWithTheDateItWasChecked) {
    for (const Walkthrough& walkthrough : shipped().walkthroughs) {
        for (const Step& step : walkthrough.steps) {
            ASSERT_FALSE(step.sources.empty()) << walkthrough.id << "/" << step.id;
            for (const std::string& id : step.sources) {
                const Source* source = walkthrough.findSource(id);
                ASSERT_NE(source, nullptr) << walkthrough.id << "/" << step.id << " " << id;
                EXPECT_TRUE(source->checked.ok()) << walkthrough.id << " " << id;
                EXPECT_GE(source->reference.size(), 10u) << walkthrough.id << " " << id;
            }
        }
    }
}

// Every text a citizen reads, with where it is, in both languages.
struct ShownText {
    std::string where;
    const Text* text;
};

std::vector<ShownText> shownTexts(const Walkthrough& walkthrough) {
    std::vector<ShownText> texts{{walkthrough.id + " title", &walkthrough.title},
                                 {walkthrough.id + " summary", &walkthrough.summary}};
    for (const Step& step : walkthrough.steps) {
        const std::string at = walkthrough.id + "/" + step.id;
        texts.push_back({at + " title", &step.title});
        texts.push_back({at + " body", &step.body});
        for (const Text& item : step.checklist)
            texts.push_back({at + " checklist", &item});
        for (const Text& warning : step.warnings)
            texts.push_back({at + " warning", &warning});
        for (const Choice& choice : step.choices)
            texts.push_back({at + " choice " + choice.id, &choice.label});
        if (step.phone) {
            for (const PhoneElement& element : step.phone->elements)
                texts.push_back({at + " phone", &element.label});
        }
    }
    return texts;
}

// Web addresses, hotlines, years and other numbers of three digits or more: the facts a
// translation must carry over unchanged.
std::multiset<std::string> factsIn(const std::string& text) {
    static const std::regex kFact(R"([a-z0-9-]+(\.[a-z]+)+\.vn|\d{3,})");
    std::multiset<std::string> facts;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kFact); it != std::sregex_iterator(); ++it)
        facts.insert(it->str());
    return facts;
}

TEST(ShippedContent, VietnameseAndEnglishCarryTheSameFactsAndSentences) {
    for (const Walkthrough& walkthrough : shipped().walkthroughs) {
        for (const ShownText& shown : shownTexts(walkthrough)) {
            EXPECT_EQ(factsIn(shown.text->vi), factsIn(shown.text->en)) << shown.where;
        }
        for (const Step& step : walkthrough.steps) {
            EXPECT_EQ(countSentences(step.body.vi), countSentences(step.body.en))
                << walkthrough.id << "/" << step.id;
        }
    }
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Both languages of one step say each of the given things (vi, en pairs).
void expectSays(const std::string& walkthroughId, const std::string& stepId,
                const std::vector<std::pair<std::string, std::string>>& phrases) {
    const Step* step = shippedWalkthrough(walkthroughId).findStep(stepId);
    ASSERT_NE(step, nullptr) << walkthroughId << "/" << stepId;
    std::string vi = step->title.vi + " " + step->body.vi;
    std::string en = step->title.en + " " + step->body.en;
    for (const Text& item : step->checklist) {
        vi += " " + item.vi;
        en += " " + item.en;
    }
    for (const Text& warning : step->warnings) {
        vi += " " + warning.vi;
        en += " " + warning.en;
    }
    for (const auto& [viPhrase, enPhrase] : phrases) {
        EXPECT_TRUE(contains(vi, viPhrase)) << walkthroughId << "/" << stepId << " (vi) lacks: " << viPhrase;
        EXPECT_TRUE(contains(en, enPhrase)) << walkthroughId << "/" << stepId << " (en) lacks: " << enPhrase;
    }
}

// No text of any shipped walkthrough, in either language, says any of `phrases`.
void expectNowhere(const std::vector<std::string>& phrases) {
    for (const Walkthrough& walkthrough : shipped().walkthroughs) {
        for (const ShownText& shown : shownTexts(walkthrough)) {
            for (const std::string& phrase : phrases) {
                EXPECT_FALSE(contains(shown.text->vi, phrase) || contains(shown.text->en, phrase))
                    << shown.where << " says \"" << phrase << "\"";
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The ten behaviours
// ---------------------------------------------------------------------------------------------

// 1. Level 1 and level 2 kept apart; activation reached directly; endings state the level shown.
TEST(ContentBehaviour, LevelOneAndLevelTwoAreKeptApart) {
    expectSays("vneid-level1", "welcome",
               {{"không thay được thẻ căn cước", "does not replace your ID card"},
                {"Công an cấp xã", "commune-level police"}});
    expectSays("vneid-level2", "what",
               {{"mức 1 không thay được thẻ căn cước", "level 1 does not replace your ID card"}});
    expectNowhere({"không cần mang giấy tờ", "without carrying", "You now have level 2",
                   "đã có tài khoản định danh điện tử mức 2"});

    WalkthroughSession activating(shippedWalkthrough("vneid-level2"));
    ASSERT_TRUE(activating.choose("approved"));
    ASSERT_TRUE(activating.choose("phone"));
    EXPECT_EQ(activating.current().id, "activate");  // two answers, no detour through level 2

    for (const char* id : {"vneid-level1", "vneid-level2", "vneid-documents"}) {
        for (const Step& step : shippedWalkthrough(id).steps) {
            if (!step.end) continue;
            const bool namesALevel = contains(step.body.vi, "mức") && contains(step.body.en, "level");
            EXPECT_TRUE(namesALevel) << id << "/" << step.id << " ends without saying which level";
        }
    }
    expectSays("vneid-level2", "finish",
               {{"Mức ghi trên màn hình chính VNeID", "The level on the VNeID home screen"},
                {"mức 1", "level 1"},
                {"mức 2", "level 2"}});
}

// 2. No link in a message is ever safe.
TEST(ContentBehaviour, NoSentenceSuggestsSomeLinksInMessagesAreSafe) {
    expectNowhere({"link lạ", "link khác", "strange link", "other link", "other than vneid", "any other link",
                   "links other", "Tin nhắn thật chỉ", "The real message only"});
    expectSays("vneid-level2", "approval-sms",
               {{"Đừng bấm đường link nào trong tin nhắn", "Do not tap any link in a message"},
                {"tự gõ địa chỉ vneid.gov.vn", "type the address vneid.gov.vn yourself"}});
    expectSays("vneid-level1", "wait-sms",
               {{"Đừng bấm đường link nào trong tin nhắn, kể cả", "Do not tap any link in a message, even"}});
    expectSays("online-safety", "fake-links",
               {{"Không bấm đường link trong tin nhắn, email hay Zalo, dù trông giống",
                 "Never tap a link in a text message, email or Zalo, however much it looks"}});
}

// 3. Without a smartphone: the citizen types the OTP and the password; a helper only points.
TEST(ContentBehaviour, ActivationWithoutASmartphoneIsDoneByTheCitizen) {
    expectSays(
        "vneid-level2", "computer",
        {{"Chính bạn gõ mã OTP", "You type the OTP code"},
         {"chính bạn đặt mật khẩu", "choose the password yourself"},
         {"người giúp chỉ chỉ chỗ bấm, không gõ thay", "a helper only points where to click and never types"},
         {"không làm trên kiosk", "never done on the kiosk"}});
    expectSays(
        "vneid-level1", "no-smartphone",
        {{"Chính bạn gõ mã OTP và đặt mật khẩu", "You type the OTP code and choose the password yourself"},
         {"không làm việc này trên kiosk", "never done on the kiosk"}});
    expectNowhere(
        {"nhờ tình nguyện viên kích hoạt", "ask a volunteer to help you activate", "a volunteer will help"});
    WalkthroughSession session(shippedWalkthrough("vneid-level2"));
    ASSERT_TRUE(session.choose("approved"));
    ASSERT_TRUE(session.choose("computer"));
    ASSERT_TRUE(session.next());
    EXPECT_EQ(session.current().id, "otp");
}

// 4. Level-2 facts that save a trip and stop fee scams.
TEST(ContentBehaviour, LevelTwoFactsSaveATripAndStopFeeScams) {
    expectSays("vneid-level2", "try-first",
               {{"thẻ căn cước gắn chip đã được Công an đăng ký mức 2",
                 "chip ID card were registered for level 2"}});
    expectSays("vneid-level2", "bring",
               {{"bất kỳ Công an cấp xã nào", "Any commune-level police office"},
                {"không mất tiền", "costs nothing"},
                {"còn hạn", "still be valid"}});
    expectSays("vneid-level2", "waiting",
               {{"3 ngày làm việc", "3 working days"}, {"1900 0368", "1900 0368"}, {"quay lại", "back to"}});
    // Trying activation comes before the trip to the police.
    const Walkthrough& level2 = shippedWalkthrough("vneid-level2");
    EXPECT_LT(*level2.stepIndex("try-first"), *level2.stepIndex("bring"));
}

// 5. The "never" rules with their dates, and the common scams by name.
TEST(ContentBehaviour, NeverRulesCarryDatesAndScamsAreNamed) {
    expectSays("online-safety", "never-rules",
               {{"01/7/2024", "01/7/2024"}, {"16/9/2024", "16/9/2024"}, {"01/2023", "01/2023"}});
    expectSays("online-safety", "scams",
               {{"vụ án", "criminal case"},
                {"sinh trắc học", "biometrics"},
                {"nâng cấp SIM", "upgrade your SIM"},
                {"người giao hàng", "delivery person"},
                {"tiền điện", "power"}});
    EXPECT_EQ(shippedWalkthrough("online-safety").findStep("scams")->checklist.size(), 5u);
}

// 6. After losing money.
TEST(ContentBehaviour, AfterLosingMoneyTheStepsComeInTheRightOrder) {
    expectSays("online-safety", "if-scammed",
               {{"Trước tiên, nếu đã cài ứng dụng lạ: tắt Wi-Fi và dữ liệu di động",
                 "First, if you installed a strange app: turn off Wi-Fi and mobile data"},
                {"tổng đài ngân hàng", "bank's hotline"},
                {"phong tỏa tài khoản nhận tiền", "receiving account blocked"},
                {"bằng chứng", "evidence"},
                {"113", "113"},
                {"canhbao.khonggianmang.vn", "canhbao.khonggianmang.vn"}});
    // In that order: the fake app cannot watch the bank call, then the money is stopped.
    const Step& act = *shippedWalkthrough("online-safety").findStep("if-scammed");
    ASSERT_GE(act.checklist.size(), 4u);
    EXPECT_TRUE(contains(act.checklist[0].vi, "Wi-Fi") && contains(act.checklist[0].en, "Wi-Fi"));
    EXPECT_TRUE(contains(act.checklist[1].vi, "tổng đài ngân hàng") &&
                contains(act.checklist[1].en, "hotline"));
}

// 7. A confirmed QR payment is final; heed the bank's fraud warning; call the hotline after a mistake.
TEST(ContentBehaviour, AConfirmedQrPaymentIsFinal) {
    expectSays("qr-payment", "confirm",
               {{"không thể hủy", "cannot be undone"},
                {"gọi ngay tổng đài ngân hàng", "call your bank's hotline at once"}});
    expectSays("qr-payment", "fraud-warning",
               {{"bị nghi ngờ lừa đảo", "suspected of fraud"}, {"dừng lại", "stop"}});
    const Walkthrough& payment = shippedWalkthrough("qr-payment");
    EXPECT_LT(*payment.stepIndex("fraud-warning"), *payment.stepIndex("confirm"));
}

// 8. Codes without an amount; any bank pays any VietQR; the seller checks their own alert; the
// practice step asks only for what the practice code can show.
TEST(ContentBehaviour, CodesWithoutAnAmountAndThePracticeCode) {
    expectSays(
        "qr-payment", "check",
        {{"không có sẵn số tiền", "have no amount in them"}, {"tự gõ số tiền", "type the amount yourself"}});
    expectSays("qr-payment", "what", {{"ngân hàng nào cũng trả được", "Any bank's app can pay any bank's"}});
    expectSays("qr-payment", "receipt",
               {{"thông báo tiền về trên điện thoại", "money-received alert on their own phone"}});
    // The practice account does not exist, so the bank app shows no name and may stop before
    // any amount: the step must not ask the citizen to look for either.
    const Step& practice = *shippedWalkthrough("qr-payment").findStep("practice");
    for (const Text* text : {&practice.body, &practice.title}) {
        EXPECT_FALSE(contains(text->vi, "tên") || contains(text->vi, "số tiền")) << text->vi;
        EXPECT_FALSE(contains(text->en, "name") || contains(text->en, "amount")) << text->en;
    }
    EXPECT_TRUE(practice.warnings.empty());
}

// 9. Shopping: check the badge, not recognise it; fake shippers; check goods before paying cash.
TEST(ContentBehaviour, ShoppingTeachesCheckingNotRecognising) {
    expectSays(
        "online-shopping", "check-badge",
        {{"Bấm vào biểu tượng", "Tap the"}, {"online.gov.vn", "online.gov.vn"}, {"đừng mua", "do not buy"}});
    expectNowhere({"thường có biểu tượng", "usually show the"});
    expectSays("online-shopping", "fake-shipper",
               {{"chuyển tiền trước", "pay first"},
                {"quét mã QR", "scan a QR code"},
                {"bấm đường link", "tap a link"},
                {"cài ứng dụng", "install an app"},
                {"là lừa đảo", "is a scammer"}});
    expectSays("online-shopping", "on-delivery",
               {{"Xem hàng trước khi trả tiền mặt", "Look at the goods before paying cash"}});
    WalkthroughSession cash(shippedWalkthrough("online-shopping"));
    walkToEnd(cash, {{"pay-how", "on-delivery"}});
    EXPECT_TRUE(visited(cash, "fake-shipper"));
}

// 10. Level-1 registration has ways out of its common failures; which services need level 2.
TEST(ContentBehaviour, LevelOneFailuresHaveAWayOut) {
    const Walkthrough& level1 = shippedWalkthrough("vneid-level1");
    for (const auto& [answer, page] : std::vector<std::pair<std::string, std::string>>{
             {"not-own-sim", "not-own-sim"}, {"number-used", "number-used"}}) {
        WalkthroughSession session(level1);
        walkToEnd(session, {{"smartphone", "yes"}, {"number-check", answer}}, 8);
        EXPECT_EQ(session.current().id, page);
        ASSERT_TRUE(session.next());
        EXPECT_EQ(session.current().id, "enter-number") << "a way back to try again";
    }
    WalkthroughSession neither(level1);
    walkToEnd(neither, {{"smartphone", "yes"}, {"number-check", "ok"}, {"nfc", "neither"}});
    EXPECT_EQ(neither.current().id, "neither");
    expectSays("vneid-level1", "neither", {{"đăng ký thẳng mức 2", "register for level 2 directly"}});
    expectSays(
        "vneid-level1", "scan-qr",
        {{"góc trên mặt trước", "top of the front"}, {"01/7/2024", "2024"}, {"mặt sau", "on the back"}});
    expectSays("vneid-level1", "prepare",
               {{"Mỗi số điện thoại chỉ dùng cho một tài khoản", "Each phone number holds only one"}});
    expectSays("vneid-level1", "number-used",
               {{"Mỗi số điện thoại chỉ dùng cho một tài khoản", "Each phone number holds only one"}});
    expectSays("public-services", "which-level",
               {{"cần mức 2", "needs level 2"}, {"Mức 1 chỉ mở được", "Level 1 opens only"}});
}

}  // namespace
}  // namespace kiosk::content
