// Keys a touch-only technician types with: an ASCII QWERTY keyboard (kiosk ids, URLs, tokens,
// file paths), the same keys typing Vietnamese by Telex (names), a digit pad, and a 6-digit PIN pad that
// never draws the digits. A physical keyboard types into the same fields through ImGui's InputText
// (textField). Each key is a bigButton, so the UI script taps keys by their label ("tap a", "tap 7").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ui/setup/SetupView.h"

namespace ui {

// Vietnamese: the QWERTY keys typing Telex (kiosk/setup/Telex.h), for names and the centre's
// name; ids, URLs, tokens and paths keep the plain QWERTY.
enum class KeyboardLayout { Qwerty, Vietnamese, Digits };

// Remembers Caps between frames; one per screen.
struct KeyboardState {
    bool capitals = false;
};

// Draws the keys at the cursor across `width`, and edits `value` (at most `maxBytes`).
// Returns true when `value` changed. Advances the cursor below the keys.
bool touchKeyboard(const SetupView& view, KeyboardState& state, KeyboardLayout layout, std::string& value,
                   std::size_t maxBytes, float width);

// The height touchKeyboard takes for `layout`.
float touchKeyboardHeight(const Metrics& metrics, KeyboardLayout layout);

// A labelled one-line text field: label above, value in a box a physical keyboard types into.
// `focused` is set when the field is tapped; the focused field has a blue frame. The field is
// recorded in the widget registry as tappable under `label`. Returns true when `value` changed.
bool textField(const SetupView& view, std::string_view label, const char* id, std::string& value,
               bool& focused, float width, bool password = false);

// Six boxes filled as digits are typed, then 1-9, Erase, 0 and `extra` (a third key on the last
// row, e.g. Skip; empty: none). Edits `pin` (digits only, at most 6). Returns true when `extra`
// was tapped. Advances the cursor below the pad.
bool pinPad(const SetupView& view, std::string& pin, std::string_view extra, float width);

}  // namespace ui
