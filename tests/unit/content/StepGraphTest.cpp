// The step graph's whole-walkthrough functions on large generated walkthroughs: right answers, and
// work that grows linearly with steps and moves (issue 16: they were cubic, and run at start-up).
#include "kiosk/content/StepGraph.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/content/ContentLoader.h"
#include "support/GrowthRatio.h"

namespace kiosk::content {
namespace {

std::string stepId(size_t index) {
    return "s" + std::to_string(index);
}

// A long chain where every step but the last asks a question: go on, skip one, go back half way,
// or start again. The loops back make every step reachable in many ways, and the one end is the
// last step, as far as possible from the first.
Walkthrough linkedWalkthrough(size_t stepCount) {
    Walkthrough walkthrough;
    walkthrough.id = "linked";
    for (size_t i = 0; i < stepCount; ++i) {
        Step step;
        step.id = stepId(i);
        if (i + 1 == stepCount) {
            step.end = true;
        } else {
            step.choices.push_back(Choice{"on", {}, stepId(i + 1)});
            if (i + 2 < stepCount) step.choices.push_back(Choice{"skip", {}, stepId(i + 2)});
            step.choices.push_back(Choice{"half", {}, stepId(i / 2)});
            step.choices.push_back(Choice{"again", {}, stepId(0)});
        }
        walkthrough.steps.push_back(std::move(step));
    }
    return walkthrough;
}

TEST(StepGraph, AllSuccessorsMatchesSuccessorsStepByStep) {
    const Walkthrough walkthrough = linkedWalkthrough(40);
    const std::vector<std::vector<size_t>> all = allSuccessors(walkthrough);
    ASSERT_EQ(all.size(), walkthrough.steps.size());
    for (size_t i = 0; i < all.size(); ++i)
        EXPECT_EQ(all[i], successors(walkthrough, i)) << stepId(i);
}

TEST(StepGraph, AllSuccessorsTakesTheFirstOfTwoStepsWithOneId) {
    Walkthrough walkthrough;
    walkthrough.steps.resize(3);
    walkthrough.steps[0].id = "a";
    walkthrough.steps[0].next = "twin";
    walkthrough.steps[1].id = "twin";
    walkthrough.steps[2].id = "twin";
    EXPECT_EQ(allSuccessors(walkthrough)[0], (std::vector<size_t>{1}));
    EXPECT_EQ(successors(walkthrough, 0), (std::vector<size_t>{1}));
}

TEST(StepGraph, JudgesALongLinkedWalkthrough) {
    const Walkthrough walkthrough = linkedWalkthrough(4 * kMaxSteps);
    EXPECT_EQ(reachableFromStart(walkthrough), std::vector<bool>(walkthrough.steps.size(), true));
    EXPECT_EQ(leadsToEnd(walkthrough), std::vector<bool>(walkthrough.steps.size(), true));
    // Skipping one step each time is forward, so the longest way is the plain chain.
    EXPECT_EQ(longestRemaining(walkthrough).front(), static_cast<int>(walkthrough.steps.size()));
}

TEST(StepGraph, WholeWalkthroughChecksGrowLinearlyWithSteps) {
    const Walkthrough atCap = linkedWalkthrough(kMaxSteps);
    const Walkthrough fourTimes = linkedWalkthrough(4 * kMaxSteps);
    size_t sink = 0;  // keeps the results alive, so no call can be optimised away
    const auto judge = [&](const Walkthrough& walkthrough) {
        sink += reachableFromStart(walkthrough).size() + leadsToEnd(walkthrough).size() +
                longestRemaining(walkthrough).size();
    };
    // 4× the steps and moves: linear work takes about 4× as long, quadratic 16×, cubic 64×.
    const double ratio = testsupport::growthRatio([&] { judge(atCap); }, [&] { judge(fourTimes); });
    RecordProperty("growth_ratio", std::to_string(ratio));
    EXPECT_LT(ratio, 10.0) << "4x the steps made the checks " << ratio << "x slower";
    EXPECT_GT(sink, 0u);
}

}  // namespace
}  // namespace kiosk::content
