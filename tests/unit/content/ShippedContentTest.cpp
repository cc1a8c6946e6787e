// The six walkthroughs that ship in assets/content/: they load with no problem at all, and the
// paths a citizen can take through them reach an end.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
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

TEST(ShippedContent, AllSixWalkthroughsLoadWithoutProblems) {
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
                      }));
}

TEST(ShippedContent, VneidLevel1ReachesAnEndWithAndWithoutNfc) {
    WalkthroughSession withNfc(shippedWalkthrough("vneid-level1"));
    walkToEnd(withNfc, {{"smartphone", "yes"}, {"nfc", "yes"}});
    EXPECT_TRUE(withNfc.finished());
    EXPECT_TRUE(visited(withNfc, "scan-chip"));
    EXPECT_FALSE(visited(withNfc, "scan-qr"));
    EXPECT_TRUE(visited(withNfc, "face"));
    EXPECT_EQ(withNfc.current().id, "wait-sms");

    WalkthroughSession withoutNfc(shippedWalkthrough("vneid-level1"));
    walkToEnd(withoutNfc, {{"smartphone", "yes"}, {"nfc", "no"}});
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
    walkToEnd(session, {{"problems", "not-own-sim"}}, 13);
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
    for (const char* id : {"vneid-level1", "vneid-level2", "qr-payment", "public-services"}) {
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

}  // namespace
}  // namespace kiosk::content
