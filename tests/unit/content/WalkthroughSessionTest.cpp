// The step engine: Next in file order, jumps, branches, Back along the path taken, progress
// dots, finishing, and "I'm stuck" producing where the citizen was.
#include "kiosk/content/WalkthroughSession.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/content/StepGraph.h"

namespace kiosk::content {
namespace {

Step step(std::string id) {
    Step s;
    s.id = id;
    s.title = Text{"Bước " + id, "Step " + id};
    s.body = Text{"Nội dung.", "Body."};
    return s;
}

Step question(std::string id, std::vector<std::pair<std::string, std::string>> answers) {
    Step s = step(std::move(id));
    for (auto& [choiceId, target] : answers) {
        s.choices.push_back(Choice{choiceId, Text{choiceId, choiceId}, target});
    }
    return s;
}

Step jump(std::string id, std::string target) {
    Step s = step(std::move(id));
    s.next = std::move(target);
    return s;
}

Step ending(std::string id) {
    Step s = step(std::move(id));
    s.end = true;
    return s;
}

// start → question ─a→ long-a → long-a2 ─┐
//                   └b→ short-b ──────────┴→ join (end)
Walkthrough branching() {
    Walkthrough w;
    w.id = "branching";
    w.steps = {step("start"),   question("question", {{"a", "long-a"}, {"b", "short-b"}}),
               step("long-a"),  jump("long-a2", "join"),
               step("short-b"), ending("join")};
    return w;
}

TEST(WalkthroughSession, NextFollowsTheFileOrderAndJumps) {
    WalkthroughSession session(branching());
    EXPECT_EQ(session.current().id, "start");
    EXPECT_TRUE(session.canGoNext());
    ASSERT_TRUE(session.next());
    EXPECT_EQ(session.current().id, "question");
    ASSERT_TRUE(session.choose("a"));
    EXPECT_EQ(session.current().id, "long-a");
    ASSERT_TRUE(session.next());
    EXPECT_EQ(session.current().id, "long-a2");
    ASSERT_TRUE(session.next());
    EXPECT_EQ(session.current().id, "join") << "next = \"join\" skips short-b";
    EXPECT_EQ(session.pathTaken(),
              (std::vector<std::string>{"start", "question", "long-a", "long-a2", "join"}));
}

TEST(WalkthroughSession, AQuestionMovesOnlyByAKnownChoice) {
    WalkthroughSession session(branching());
    EXPECT_FALSE(session.choose("a")) << "the first step asks nothing";
    session.next();
    EXPECT_FALSE(session.canGoNext());
    EXPECT_FALSE(session.next());
    EXPECT_FALSE(session.choose("maybe"));
    EXPECT_EQ(session.current().id, "question");
    EXPECT_TRUE(session.choose("b"));
    EXPECT_EQ(session.current().id, "short-b");
}

TEST(WalkthroughSession, BackAfterABranchReturnsToTheQuestion) {
    WalkthroughSession session(branching());
    EXPECT_FALSE(session.canGoBack());
    EXPECT_FALSE(session.back());
    session.next();
    session.choose("b");
    session.next();
    EXPECT_EQ(session.current().id, "join");

    ASSERT_TRUE(session.back());
    EXPECT_EQ(session.current().id, "short-b");
    ASSERT_TRUE(session.back());
    EXPECT_EQ(session.current().id, "question") << "not long-a2, the step before join in the file";
    ASSERT_TRUE(session.back());
    EXPECT_EQ(session.current().id, "start");
    EXPECT_FALSE(session.canGoBack());

    // Choosing differently after going back takes the other branch.
    session.next();
    session.choose("a");
    EXPECT_EQ(session.current().id, "long-a");
}

TEST(WalkthroughSession, FinishesOnNextFromAFinalStep) {
    WalkthroughSession session(branching());
    session.next();
    session.choose("b");
    session.next();
    EXPECT_TRUE(session.onFinalStep());
    EXPECT_FALSE(session.finished());
    ASSERT_TRUE(session.next());
    EXPECT_TRUE(session.finished());
    EXPECT_FALSE(session.canGoNext());
    EXPECT_FALSE(session.next());
    EXPECT_FALSE(session.choose("a"));

    ASSERT_TRUE(session.back()) << "Back from the well-done screen shows the last step again";
    EXPECT_FALSE(session.finished());
    EXPECT_EQ(session.current().id, "join");
}

TEST(WalkthroughSession, TheLastStepInTheFileIsFinalWithoutEnd) {
    Walkthrough w;
    w.id = "linear";
    w.steps = {step("one"), step("two")};
    WalkthroughSession session(w);
    EXPECT_FALSE(session.onFinalStep());
    session.next();
    EXPECT_TRUE(session.onFinalStep());
    session.next();
    EXPECT_TRUE(session.finished());
    EXPECT_EQ(session.progress(), (Progress{2, 2}));
}

TEST(WalkthroughSession, ProgressCountsThePathAndTheLongestWayAhead) {
    WalkthroughSession session(branching());
    EXPECT_EQ(session.progress(), (Progress{1, 5}));  // start, question, long-a, long-a2, join
    session.next();
    EXPECT_EQ(session.progress(), (Progress{2, 5}));

    session.choose("b");  // the short branch: the total shrinks, it never jumps up
    EXPECT_EQ(session.progress(), (Progress{3, 4}));
    session.next();
    EXPECT_EQ(session.progress(), (Progress{4, 4}));
    session.next();
    EXPECT_TRUE(session.finished());
    EXPECT_EQ(session.progress(), (Progress{4, 4}));

    session.back();
    session.back();
    session.back();
    EXPECT_EQ(session.progress(), (Progress{2, 5})) << "back at the question, both branches are open again";
    session.choose("a");
    EXPECT_EQ(session.progress(), (Progress{3, 5}));
}

TEST(WalkthroughSession, ALoopBackToAnEarlierStepKeepsProgressFinite) {
    Walkthrough w;
    w.id = "retry";
    w.steps = {step("try"), question("worked", {{"yes", "done"}, {"no", "try"}}), ending("done")};
    EXPECT_EQ(longestRemaining(w), (std::vector<int>{3, 2, 1}));

    WalkthroughSession session(w);
    session.next();
    session.choose("no");
    EXPECT_EQ(session.current().id, "try");
    EXPECT_EQ(session.progress(), (Progress{3, 5}));
    session.next();
    session.choose("yes");
    session.next();
    EXPECT_TRUE(session.finished());
    EXPECT_EQ(session.progress(), (Progress{5, 5}));
}

TEST(WalkthroughSession, StuckNamesTheWalkthroughAndStepOnly) {
    WalkthroughSession session(branching());
    session.next();
    const HelpRequest help = session.requestHelp();
    EXPECT_EQ(help, (HelpRequest{"branching", "question"}));
    EXPECT_EQ(help.place(), "walkthrough:branching/question");
    EXPECT_EQ(session.current().id, "question") << "asking for help does not move the citizen";
}

TEST(WalkthroughSession, RestartGoesBackToTheFirstStep) {
    WalkthroughSession session(branching());
    session.next();
    session.choose("a");
    session.restart();
    EXPECT_EQ(session.current().id, "start");
    EXPECT_FALSE(session.canGoBack());
    EXPECT_EQ(session.progress(), (Progress{1, 5}));
}

TEST(WalkthroughSession, ScamWarningComesFirstOnEveryStepWhenAsked) {
    Walkthrough w = branching();
    w.steps[1].warnings.push_back(Text{"Cẩn thận.", "Careful."});

    WalkthroughSession plain(w);
    EXPECT_TRUE(plain.warnings().empty());
    plain.next();
    EXPECT_EQ(plain.warnings(), (std::vector<Text>{Text{"Cẩn thận.", "Careful."}}));

    w.scamWarning = true;
    WalkthroughSession guarded(w);
    EXPECT_EQ(guarded.warnings(), (std::vector<Text>{kScamWarning}));
    guarded.next();
    EXPECT_EQ(guarded.warnings(), (std::vector<Text>{kScamWarning, Text{"Cẩn thận.", "Careful."}}));
    EXPECT_EQ(kScamWarning.vi,
              "Kiosk và tình nguyện viên không bao giờ hỏi mật khẩu, mã OTP hay mã PIN/passcode của bạn.");
    EXPECT_EQ(kScamWarning.in("en"), kScamWarning.en);
    EXPECT_EQ(kScamWarning.in("vi"), kScamWarning.vi);
}

TEST(WalkthroughSession, KeepsItsOwnCopyOfTheWalkthrough) {
    auto w = std::make_unique<Walkthrough>(branching());
    WalkthroughSession session(*w);
    w.reset();
    session.next();
    EXPECT_EQ(session.current().title.en, "Step question");
}

TEST(WalkthroughSession, RefusesAWalkthroughWithoutSteps) {
    EXPECT_THROW(WalkthroughSession(Walkthrough{}), std::invalid_argument);
}

TEST(StepGraph, FindsUnreachableStepsAndTraps) {
    Walkthrough w;
    w.steps = {ending("a"), jump("b", "c"), jump("c", "b")};
    EXPECT_EQ(reachableFromStart(w), (std::vector<bool>{true, false, false}));
    EXPECT_EQ(leadsToEnd(w), (std::vector<bool>{true, false, false}));
    EXPECT_TRUE(isFinalStep(w, 0));
    EXPECT_FALSE(isFinalStep(w, 1));
    EXPECT_FALSE(isFinalStep(w, 7));
    EXPECT_TRUE(successors(w, 7).empty());
}

}  // namespace
}  // namespace kiosk::content
