#include "kiosk/content/StepGraph.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace kiosk::content {

namespace {

// The one definition of where a step leads, for any way of finding a step by its id.
template <typename FindStep>
std::vector<size_t> targetsOf(const Walkthrough& walkthrough, size_t stepIndex, FindStep findStep) {
    std::vector<size_t> targets;
    if (stepIndex >= walkthrough.steps.size()) return targets;
    const Step& step = walkthrough.steps[stepIndex];
    if (!step.choices.empty()) {
        for (const Choice& choice : step.choices) {
            if (const auto target = findStep(choice.next)) targets.push_back(*target);
        }
    } else if (step.next) {
        if (const auto target = findStep(*step.next)) targets.push_back(*target);
    } else if (!step.end && stepIndex + 1 < walkthrough.steps.size()) {
        targets.push_back(stepIndex + 1);
    }
    return targets;
}

}  // namespace

std::vector<size_t> successors(const Walkthrough& walkthrough, size_t stepIndex) {
    return targetsOf(walkthrough, stepIndex, [&](std::string_view id) { return walkthrough.stepIndex(id); });
}

std::vector<std::vector<size_t>> allSuccessors(const Walkthrough& walkthrough) {
    const size_t count = walkthrough.steps.size();
    std::unordered_map<std::string_view, size_t> indexById;
    indexById.reserve(count);
    for (size_t i = 0; i < count; ++i)
        indexById.emplace(walkthrough.steps[i].id, i);  // the first of equal ids wins, as in stepIndex
    const auto findStep = [&](std::string_view id) -> std::optional<size_t> {
        const auto found = indexById.find(id);
        if (found == indexById.end()) return std::nullopt;
        return found->second;
    };
    std::vector<std::vector<size_t>> targets(count);
    for (size_t i = 0; i < count; ++i)
        targets[i] = targetsOf(walkthrough, i, findStep);
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
    const std::vector<std::vector<size_t>> targets = allSuccessors(walkthrough);
    std::vector<size_t> pending{0};
    reached[0] = true;
    while (!pending.empty()) {
        const size_t current = pending.back();
        pending.pop_back();
        for (const size_t target : targets[current]) {
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
    const std::vector<std::vector<size_t>> targets = allSuccessors(walkthrough);
    // Walk the moves backwards from the final steps: each step and each move is visited once.
    // (Repeating a forward pass until nothing changed was cubic in steps: issue 16.)
    std::vector<std::vector<size_t>> sources(count);
    for (size_t from = 0; from < count; ++from) {
        for (const size_t to : targets[from])
            sources[to].push_back(from);
    }
    std::vector<bool> leads(count, false);
    std::vector<size_t> pending;
    for (size_t i = 0; i < count; ++i) {
        if (isFinalStep(walkthrough, i)) {
            leads[i] = true;
            pending.push_back(i);
        }
    }
    while (!pending.empty()) {
        const size_t current = pending.back();
        pending.pop_back();
        for (const size_t from : sources[current]) {
            if (!leads[from]) {
                leads[from] = true;
                pending.push_back(from);
            }
        }
    }
    return leads;
}

std::vector<int> longestRemaining(const Walkthrough& walkthrough) {
    const size_t count = walkthrough.steps.size();
    const std::vector<std::vector<size_t>> targets = allSuccessors(walkthrough);
    std::vector<int> remaining(count, 1);
    // Forward moves only point to higher indices, so filling from the last step backwards sees
    // every target's value before it is needed.
    for (size_t i = count; i-- > 0;) {
        for (const size_t target : targets[i]) {
            if (target > i) remaining[i] = std::max(remaining[i], 1 + remaining[target]);
        }
    }
    return remaining;
}

}  // namespace kiosk::content
