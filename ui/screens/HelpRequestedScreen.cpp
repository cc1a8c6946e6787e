// "A volunteer has been told": what the citizen's request looks like from their side. It says
// nothing before the request is saved, then who is coming once a volunteer answered; a citizen
// who would rather wait in line may take a number here too.
#include <imgui.h>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;
using kiosk::session::HelpPhase;

namespace {

void drawHelpTicket(const ScreenContext& context, float width) {
    const auto& help = context.journey.help();
    const Metrics& m = context.metrics;
    if (const auto& ticket = help.ticket()) {
        // The number, big enough to read from the desk across the room.
        text(kiosk::i18n::formatMessage(context.tr(MessageId::HelpTicketNumber), {{"ticket", ticket->label}}),
             context.fonts.huge, palette().primary, width);
        text(context.tr(MessageId::HelpTicketBody), context.fonts.body, palette().text, width);
        if (context.printing) drawPrintNotice(context, ticket->label, width);
        return;
    }
    if (!help.ticketService() || help.volunteerComing()) return;
    if (help.ticketError()) {
        notice(context.tr(MessageId::HelpTicketFailed), context.fonts.body, NoticeStyle::Danger, width, m);
    }
    const std::string& label =
        context.tr(help.ticketSaving() ? MessageId::HelpTicketSaving : MessageId::HelpTakeTicket);
    if (bigButton(label, ImVec2(std::min(width, 900 * m.scale), m.touchTarget), ButtonStyle::Secondary,
                  !help.ticketSaving())) {
        context.journey.takeHelpTicket(context.now);
    }
}

}  // namespace

void drawHelpRequestedScreen(const ScreenContext& context) {
    const auto& help = context.journey.help();
    const Metrics& m = context.metrics;
    const bool failed = help.phase() == HelpPhase::Failed;
    const MessageId title = failed          ? MessageId::HelpNotSavedTitle
                            : help.urgent() ? MessageId::HelpUrgentTitle
                                            : MessageId::HelpRecordedTitle;
    const ImVec2 area = beginCitizenScreen(context, "help", context.tr(title));
    const float width = std::min(area.x, 1300 * m.scale);
    ImGui::Dummy(ImVec2(0, m.gap));
    if (help.phase() == HelpPhase::Saving) {
        // Nothing is promised before it is saved.
        notice(context.tr(MessageId::HelpSaving), context.fonts.bodyBold, NoticeStyle::Calm, width, m);
    } else if (failed) {
        // In centre mode the request goes to the centre's list: a kiosk cut off from it has saved
        // nothing wrong, it just cannot tell the desks.
        const bool unsent = help.error() && help.error()->code.starts_with("centre.");
        text(context.tr(unsent ? MessageId::HelpNotSentBody : MessageId::HelpNotSavedBody),
             context.fonts.body, palette().text, width);
    } else if (const auto& volunteer = help.volunteerComing()) {
        text(kiosk::i18n::formatMessage(context.tr(MessageId::HelpVolunteerComing), {{"name", *volunteer}}),
             context.fonts.title, palette().primary, width);
        text(context.tr(MessageId::HelpStayHere), context.fonts.body, palette().text, width);
    } else {
        text(context.tr(help.urgent() ? MessageId::HelpUrgentBody : MessageId::HelpRecordedBody),
             context.fonts.body, palette().text, width);
        ImGui::Dummy(ImVec2(0, m.gap / 2));
        drawHelpTicket(context, width);
    }
    if (help.phase() == HelpPhase::Saved && help.volunteerComing()) drawHelpTicket(context, width);
    endCitizenScreen(context, {.back = true, .home = true, .finish = true});
}

}  // namespace ui
