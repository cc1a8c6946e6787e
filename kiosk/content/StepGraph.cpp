#include "kiosk/content/StepGraph.h"

#include <algorithm>

namespace kiosk::content {

std::vector<size_t> successors(const Walkthrough& walkthrough, size_t stepIndex) {
    std::vector<size_t> targets;
    if (stepIndex >= walkthrough.steps.size()) return targets;
    const Step& step = walkthrough.steps[stepIndex];
    if (!step.choices.empty()) {
        for (const Choice& choice : step.choices) {
            if (const auto target = walkthrough.stepIndex(choice.next)) targets.push_back(*target);
        }
    } else if (step.next) {
        if (const auto target = walkthrough.stepIndex(*step.next)) targets.push_back(*target);
    } else if (!step.end && stepIndex + 1 < walkthrough.steps.size()) {
        targets.push_back(stepIndex + 1);
    }
    return targets;
}

bool isFinalStep(const Walkthrough& walkthrough, size_t stepIndex) {
    if (stepIndex >= walkthrough.steps.size()) return false;
    const Step& step = walkthrough.steps[stepIndex];
    if (!step.choices.empty() || step.next) return false;
    return step.end || stepIndex + 1 == walkthrough.steps.size();
}

std::vector<bool> reachableFromStart(const Walkthrough& walkthrough) {
    std::vector<bool> reached(walkthrough.steps.size(), false);
    if (walkthrough.steps.empty()) return reached;
    std::vector<size_t> pending{0};
    reached[0] = true;
    while (!pending.empty()) {
        const size_t current = pending.back();
        pending.pop_back();
        for (const size_t target : successors(walkthrough, current)) {
            if (!reached[target]) {
                reached[target] = true;
                pending.push_back(target);
            }
        }
    }
    return reached;
}

std::vector<bool> leadsToEnd(const Walkthrough& walkthrough) {
    const size_t count = walkthrough.steps.size();
    std::vector<bool> leads(count, false);
    for (size_t i = 0; i < count; ++i)
        leads[i] = isFinalStep(walkthrough, i);
    // Walkthroughs are a few dozen steps: repeating until nothing changes is simple and cheap.
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < count; ++i) {
            if (leads[i]) continue;
            const std::vector<size_t> targets = successors(walkthrough, i);
            if (std::any_of(targets.begin(), targets.end(), [&](size_t t) { return leads[t]; })) {
                leads[i] = true;
                changed = true;
            }
        }
    }
    return leads;
}

std::vector<int> longestRemaining(const Walkthrough& walkthrough) {
    const size_t count = walkthrough.steps.size();
    std::vector<int> remaining(count, 1);
    // Forward moves only point to higher indices, so filling from the last step backwards sees
    // every target's value before it is needed.
    for (size_t i = count; i-- > 0;) {
        for (const size_t target : successors(walkthrough, i)) {
            if (target > i) remaining[i] = std::max(remaining[i], 1 + remaining[target]);
        }
    }
    return remaining;
}

}  // namespace kiosk::content
