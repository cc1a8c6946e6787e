// The walkthrough a citizen is following, and the anonymous counts the province keeps of it:
// started, finished, and the step where it was abandoned.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/content/WalkthroughSession.h"
#include "kiosk/session/JourneyStore.h"

namespace kiosk::session {

class WalkthroughFlow {
public:
    explicit WalkthroughFlow(JourneyStore& store) : store_(store) {}

    const content::WalkthroughSession* current() const { return session_ ? &*session_ : nullptr; }

    void start(const content::Walkthrough& walkthrough);
    void next();
    void choose(std::string_view choiceId);
    // The current step's choice with this id; null when there is none.
    const content::Choice* choice(std::string_view choiceId) const;
    // One step back inside the walkthrough; false when there is none and Back should leave it.
    bool back();
    // Leaving before the end counts as abandoned at the current step.
    void leave();
    // "walkthrough:vneid-level1/nfc" while one is open.
    std::optional<std::string> placeName() const;

private:
    JourneyStore& store_;
    std::optional<content::WalkthroughSession> session_;
};

}  // namespace kiosk::session
