// A phone screen described in the walkthrough content, drawn with ImGui draw lists: a title,
// a few labelled buttons and fields, and the one to tap highlighted with a gentle pulse.
// Our own drawing, never a screenshot of someone else's app.
#pragma once

#include <imgui.h>

#include <string_view>

#include "kiosk/content/Walkthrough.h"
#include "ui/Theme.h"

namespace ui {

// Draws the phone inside `area` (keeping a phone's proportions) and records its labels.
// `pulse` runs 0..1 and back; the caller animates it only while this is on screen.
void drawPhoneMockup(const kiosk::content::PhoneMockup& phone, std::string_view languageCode, ImVec2 areaMin,
                     ImVec2 areaMax, float pulse, std::string_view tapHereLabel, const Fonts& fonts,
                     const Metrics& metrics);

}  // namespace ui
