// Decides when an unattended citizen session ends: after `idleAfter` without input the kiosk
// asks "Are you still there?" and counts down `countdown`; expiry wipes. While it asks, only an
// answer counts: "I'm still here" (confirmPresence) keeps the session, and a touch that merely
// lands on the screen does not, so "End now" ends it on the very first touch.
#pragma once

#include <chrono>

#include "kiosk/Clock.h"

namespace kiosk::session {

enum class IdlePhase { Active, Asking, Expired };

struct IdleState {
    IdlePhase phase = IdlePhase::Active;
    int secondsLeft = 0;                        // while Asking: whole seconds shown on the countdown
    std::chrono::milliseconds untilNextChange;  // how long the UI may sleep before this changes
};

class IdleWatch {
public:
    IdleWatch(std::chrono::seconds idleAfter, std::chrono::seconds countdown);

    // Any touch; ignored while the question is on screen.
    void noteInput(SteadyTime at);
    // "I'm still here": always keeps the session.
    void confirmPresence(SteadyTime at);
    IdleState stateAt(SteadyTime now) const;

    std::chrono::seconds idleAfter() const { return idleAfter_; }
    std::chrono::seconds countdown() const { return countdown_; }

private:
    std::chrono::seconds idleAfter_;
    std::chrono::seconds countdown_;
    SteadyTime lastInput_{};
};

}  // namespace kiosk::session
