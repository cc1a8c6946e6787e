#include <imgui.h>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;

void drawHelpRequestedScreen(const ScreenContext& context) {
    const auto& help = context.journey.help();
    const bool failed = help.phase() == kiosk::session::HelpPhase::Failed;
    const ImVec2 area = beginCitizenScreen(
        context, "help", context.tr(failed ? MessageId::HelpNotSavedTitle : MessageId::HelpRecordedTitle));
    const float width = std::min(area.x, 1300 * context.metrics.scale);
    ImGui::Dummy(ImVec2(0, context.metrics.gap));
    if (help.phase() == kiosk::session::HelpPhase::Saving) {
        // Nothing is promised before it is saved: the number appears once it is committed.
        notice(context.tr(MessageId::HelpSaving), context.fonts.bodyBold, NoticeStyle::Calm, width,
               context.metrics);
    } else if (const auto& ticket = help.ticket()) {
        // The number, big enough to read from the desk across the room.
        text(kiosk::i18n::formatMessage(context.tr(MessageId::HelpTicketNumber), {{"ticket", ticket->label}}),
             context.fonts.huge, colors::kPrimary, width);
        text(context.tr(MessageId::HelpTicketBody), context.fonts.body, colors::kText, width);
        if (context.printing) drawPrintNotice(context, ticket->label, width);
    } else {
        text(context.tr(failed ? MessageId::HelpNotSavedBody : MessageId::HelpRecordedBody),
             context.fonts.body, colors::kText, width);
    }
    endCitizenScreen(context, {.back = true, .home = true, .finish = true});
}

}  // namespace ui
