// A phone screen described in the walkthrough content, drawn with ImGui draw lists: a title,
// a few labelled buttons and fields, and the one to tap highlighted with a gentle pulse and a
// drawn hand pointing at it. It is a picture, not a control: a caption above it says "On your
// phone", and nothing in it reads as something to touch on the kiosk. Our own drawing, never a
// screenshot of someone else's app.
#pragma once

#include <imgui.h>

#include <string_view>

#include "kiosk/content/Walkthrough.h"
#include "ui/Theme.h"

namespace ui {

// Draws `caption` and under it the phone inside `area` (keeping a phone's proportions), and
// records its labels. `pulse` runs 0..1 and back; the caller animates it only while it is shown.
void drawPhoneMockup(const kiosk::content::PhoneMockup& phone, std::string_view languageCode, ImVec2 areaMin,
                     ImVec2 areaMax, float pulse, std::string_view caption, const Fonts& fonts,
                     const Metrics& metrics);

}  // namespace ui
