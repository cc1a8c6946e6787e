#include "kiosk/session/IdleWatch.h"

#include <algorithm>

namespace kiosk::session {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

IdleWatch::IdleWatch(std::chrono::seconds idleAfter, std::chrono::seconds countdown)
    : idleAfter_(idleAfter), countdown_(countdown) {}

void IdleWatch::noteInput(SteadyTime at) {
    if (stateAt(at).phase == IdlePhase::Asking) return;
    lastInput_ = std::max(lastInput_, at);
}

void IdleWatch::confirmPresence(SteadyTime at) {
    lastInput_ = std::max(lastInput_, at);
}

IdleState IdleWatch::stateAt(SteadyTime now) const {
    const auto idleFor = now - lastInput_;
    if (idleFor < idleAfter_) {
        return {IdlePhase::Active, 0, duration_cast<milliseconds>(idleAfter_ - idleFor) + milliseconds(1)};
    }
    const auto askingFor = idleFor - idleAfter_;
    if (askingFor >= countdown_) return {IdlePhase::Expired, 0, milliseconds(0)};

    const auto left = countdown_ - askingFor;
    // Round up so the countdown shows 20 first and reaches 0 only when it expires.
    const auto wholeSecondsLeft = std::chrono::ceil<std::chrono::seconds>(left);
    const auto untilTick = left - (wholeSecondsLeft - std::chrono::seconds(1));
    return {IdlePhase::Asking, static_cast<int>(wholeSecondsLeft.count()),
            duration_cast<milliseconds>(untilTick) + milliseconds(1)};
}

}  // namespace kiosk::session
