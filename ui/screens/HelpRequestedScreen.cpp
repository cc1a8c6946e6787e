#include <imgui.h>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;

void drawHelpRequestedScreen(const ScreenContext& context) {
    const bool saved = context.journey.helpWasSaved();
    const ImVec2 area = beginCitizenScreen(
        context, "help", context.tr(saved ? MessageId::HelpRecordedTitle : MessageId::HelpNotSavedTitle));
    const float width = std::min(area.x, 1300 * context.metrics.scale);
    ImGui::Dummy(ImVec2(0, context.metrics.gap));
    if (const auto& ticket = context.journey.helpTicket()) {
        // The number, big enough to read from the desk across the room.
        text(kiosk::i18n::formatMessage(context.tr(MessageId::HelpTicketNumber), {{"ticket", ticket->label}}),
             context.fonts.huge, colors::kPrimary, width);
        text(context.tr(MessageId::HelpTicketBody), context.fonts.body, colors::kText, width);
        if (context.printing) drawPrintNotice(context, ticket->label, width);
    } else {
        text(context.tr(saved ? MessageId::HelpRecordedBody : MessageId::HelpNotSavedBody),
             context.fonts.body, colors::kText, width);
    }
    endCitizenScreen(context, {.back = true, .home = true, .finish = true});
}

}  // namespace ui
