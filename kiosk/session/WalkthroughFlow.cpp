#include "kiosk/session/WalkthroughFlow.h"

namespace kiosk::session {

void WalkthroughFlow::start(const content::Walkthrough& walkthrough) {
    leave();
    session_.emplace(walkthrough);
    store_.recordWalkthroughEvent(WalkthroughEvent::Started, walkthrough.id, session_->current().id);
}

void WalkthroughFlow::next() {
    if (!session_ || session_->finished()) return;
    const bool wasFinal = session_->onFinalStep();
    const std::string stepId = session_->current().id;
    if (session_->next() && wasFinal && session_->finished()) {
        store_.recordWalkthroughEvent(WalkthroughEvent::Finished, session_->walkthrough().id, stepId);
    }
}

void WalkthroughFlow::choose(std::string_view choiceId) {
    if (session_) session_->choose(choiceId);
}

const content::Choice* WalkthroughFlow::choice(std::string_view choiceId) const {
    if (!session_) return nullptr;
    for (const auto& choice : session_->current().choices) {
        if (choice.id == choiceId) return &choice;
    }
    return nullptr;
}

bool WalkthroughFlow::back() {
    if (!session_ || !session_->canGoBack()) return false;
    session_->back();
    return true;
}

void WalkthroughFlow::leave() {
    if (session_ && !session_->finished()) {
        store_.recordWalkthroughEvent(WalkthroughEvent::Abandoned, session_->walkthrough().id,
                                      session_->current().id);
    }
    session_.reset();
}

std::optional<std::string> WalkthroughFlow::placeName() const {
    if (!session_) return std::nullopt;
    return session_->requestHelp().place();
}

}  // namespace kiosk::session
