// The setup wizard's screens, one per step, with Back and Next on every one. Thin: the rules are
// in kiosk::setup and the slow work goes through the SetupController.
#pragma once

#include <cstddef>
#include <string>

#include "ui/setup/SetupController.h"
#include "ui/setup/SetupView.h"
#include "ui/setup/TouchKeys.h"

namespace ui {

// What only the screens remember: which field the keys type into, Caps, and PIN entry.
struct SetupScreenState {
    std::string focusedField;
    KeyboardState keyboard;
    // Volunteer PIN entry: the volunteer's index while their keypad is open.
    std::optional<std::size_t> pinFor;
    std::string pinFirst;
    std::string pinSecond;
    std::optional<kiosk::setup::SetupProblem> pinProblem;
    bool keysShown = false;  // this frame: the keys are at the bottom, Back/Next at the top
    bool finished = false;   // "Finish" was tapped on the last screen
};

void drawSetupWizard(const SetupView& view, SetupController& setup, SetupScreenState& state);

}  // namespace ui
