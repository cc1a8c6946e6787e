// The volunteer desk's screens, drawn instead of the citizen screens while the desk is open.
#pragma once

#include "ui/desk/DeskController.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

void drawDesk(const ScreenContext& context, DeskController& desk);

}  // namespace ui
