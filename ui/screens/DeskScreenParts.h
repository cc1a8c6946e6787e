// What the desk's screens share (DeskScreens.cpp, DeskStatisticsScreen.cpp): the window and its
// header, the footer's slots, the error line and text formatting. Internal to ui/screens.
#pragma once

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/desk/DeskController.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

std::string format(const ScreenContext& context, kiosk::i18n::MessageId id,
                   std::initializer_list<std::pair<std::string_view, std::string>> values);
// "12 minutes", "< 1 minute", or "—" before anything was measured.
std::string minutesText(const ScreenContext& context, const kiosk::helplog::DurationFigures& figures,
                        std::chrono::seconds duration);
std::string serviceName(const ScreenContext& context, const kiosk::desk::DeskController& desk, char letter);
// Full-screen desk window with the commune's name and `title`.
void beginDeskWindow(const ScreenContext& context, const char* id, std::string_view title);
void drawDeskError(const ScreenContext& context, const kiosk::desk::DeskController& desk, float width);
// A slot of the footer row: buttons from the left edge at the bottom of the screen.
ImVec2 footerSlot(const Metrics& m, int index, float width);
float footerWidth(const Metrics& m);
// Sign out (and Statistics) at the right of the title's line.
void drawSignedInHeader(const ScreenContext& context, kiosk::desk::DeskController& desk, bool withStatistics);
void drawStatistics(const ScreenContext& context, kiosk::desk::DeskController& desk);

}  // namespace ui
