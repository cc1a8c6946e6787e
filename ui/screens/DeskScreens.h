// The volunteer desk's screens, drawn instead of the citizen screens while the desk is open.
#pragma once

#include "kiosk/desk/DeskController.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

void drawDesk(const ScreenContext& context, kiosk::desk::DeskController& desk);

}  // namespace ui
