#include "kiosk/content/WalkthroughSession.h"

#include <stdexcept>
#include <utility>

#include "kiosk/content/StepGraph.h"

namespace kiosk::content {

std::string HelpRequest::place() const {
    return "walkthrough:" + walkthroughId + "/" + stepId;
}

WalkthroughSession::WalkthroughSession(Walkthrough walkthrough) : walkthrough_(std::move(walkthrough)) {
    // A programmer error, not a content problem: the loader never returns an empty walkthrough.
    if (walkthrough_.steps.empty()) throw std::invalid_argument("walkthrough without steps");
    remaining_ = longestRemaining(walkthrough_);
}

bool WalkthroughSession::canGoNext() const {
    return !finished_ && current().choices.empty();
}

bool WalkthroughSession::onFinalStep() const {
    return isFinalStep(walkthrough_, current_);
}

bool WalkthroughSession::next() {
    if (!canGoNext()) return false;
    if (isFinalStep(walkthrough_, current_)) {
        finished_ = true;
        return true;
    }
    const std::vector<size_t> targets = successors(walkthrough_, current_);
    if (targets.empty()) return false;  // a dangling `next`: the loader refuses such files
    moveTo(targets.front());
    return true;
}

bool WalkthroughSession::choose(std::string_view choiceId) {
    if (finished_) return false;
    for (const Choice& choice : current().choices) {
        if (choice.id != choiceId) continue;
        const auto target = walkthrough_.stepIndex(choice.next);
        if (!target) return false;
        moveTo(*target);
        return true;
    }
    return false;
}

bool WalkthroughSession::back() {
    if (finished_) {
        finished_ = false;
        return true;
    }
    if (history_.empty()) return false;
    current_ = history_.back();
    history_.pop_back();
    return true;
}

void WalkthroughSession::restart() {
    history_.clear();
    current_ = 0;
    finished_ = false;
}

Progress WalkthroughSession::progress() const {
    const int position = static_cast<int>(history_.size()) + 1;
    if (finished_) return Progress{position, position};
    return Progress{position, position - 1 + remaining_[current_]};
}

std::vector<std::string> WalkthroughSession::pathTaken() const {
    std::vector<std::string> ids;
    ids.reserve(history_.size() + 1);
    for (const size_t index : history_)
        ids.push_back(walkthrough_.steps[index].id);
    ids.push_back(current().id);
    return ids;
}

void WalkthroughSession::moveTo(size_t index) {
    history_.push_back(current_);
    current_ = index;
}

}  // namespace kiosk::content
