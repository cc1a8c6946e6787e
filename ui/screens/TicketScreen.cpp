// Take a number: what help, an optional priority question, then the number, big, with the
// people ahead and the expected wait. The number is shown only once it is saved.
#include <imgui.h>

#include <algorithm>

#include "kiosk/speech/SpokenText.h"
#include "ui/TicketPrinting.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;
using kiosk::queue::Priority;
using kiosk::session::TicketStep;

namespace {

void drawServices(const ScreenContext& context, ImVec2 area) {
    const Metrics& m = context.metrics;
    const std::string_view lang = kiosk::i18n::languageCode(context.session.language());
    beginTouchScroll("services", area);
    const float width = std::min(ImGui::GetContentRegionAvail().x, 1100 * m.scale);
    for (const auto& service : context.journey.ticket().services()) {
        const std::optional<Icon> icon =
            service.skills.empty() ? std::nullopt : std::optional(iconFor(service.skills.front()));
        if (bigButton(service.name.in(lang), ImVec2(width, m.touchTarget * 1.2f), ButtonStyle::Primary, true,
                      context.fonts.bodyBold, icon)) {
            context.journey.chooseTicketService(service.letter, context.now);
        }
    }
    endTouchScroll(context.scrollCue());
}

void drawPriority(const ScreenContext& context, ImVec2 area) {
    const Metrics& m = context.metrics;
    beginTouchScroll("priority", area);
    const float width = std::min(ImGui::GetContentRegionAvail().x, 1100 * m.scale);
    text(context.tr(MessageId::TicketPriorityHint), context.fonts.body, palette().mutedText, width);
    // "No" first and largest: most citizens are not in a priority group.
    if (bigButton(context.tr(MessageId::TicketPriorityNone), ImVec2(width, m.touchTarget * 1.2f),
                  ButtonStyle::Primary, true, context.fonts.bodyBold)) {
        context.journey.answerPriority(Priority::None, context.now);
    }
    const std::pair<MessageId, Priority> groups[] = {
        {MessageId::TicketPriorityAged, Priority::Aged75Plus},
        {MessageId::TicketPriorityDisability, Priority::Disability},
        {MessageId::TicketPriorityPregnant, Priority::Pregnant},
        {MessageId::TicketPriorityChild, Priority::SmallChild}};
    const float half = (width - m.gap) / 2;
    for (size_t i = 0; i < std::size(groups); ++i) {
        if (i % 2 == 1) ImGui::SameLine(0, m.gap);
        if (bigButton(context.tr(groups[i].first), ImVec2(half, m.touchTarget), ButtonStyle::Secondary)) {
            context.journey.answerPriority(groups[i].second, context.now);
        }
    }
    endTouchScroll(context.scrollCue());
}

void drawHouseholdQuestion(const ScreenContext& context, ImVec2 area) {
    const Metrics& m = context.metrics;
    const float width = std::min(area.x, 1200 * m.scale);
    text(context.tr(MessageId::TicketHouseholdHint), context.fonts.body, palette().text, width);
    ImGui::Dummy(ImVec2(0, m.gap));
    // Skipping is first and primary: counting is the centre's wish, not the citizen's duty.
    if (bigButton(context.tr(MessageId::TicketHouseholdSkip), ImVec2(width, m.touchTarget * 1.2f),
                  ButtonStyle::Primary, true, context.fonts.bodyBold)) {
        context.journey.skipHousehold(context.now);
    }
    if (bigButton(context.tr(MessageId::TicketHouseholdScan), ImVec2(width, m.touchTarget),
                  ButtonStyle::Secondary)) {
        context.journey.scanHouseholdCard(context.now);
    }
}

void drawHouseholdScan(const ScreenContext& context, const ScannerView& scanner, ImVec2 area) {
    const Metrics& m = context.metrics;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float previewWidth = area.x * 0.5f;
    drawCameraPreview(context, scanner, origin, ImVec2(origin.x + previewWidth, origin.y + area.y - m.gap));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + previewWidth + m.gap * 1.5f, origin.y));
    const float width = area.x - previewWidth - m.gap * 1.5f;
    ImGui::BeginGroup();
    if (context.journey.ticket().householdCardRejected()) {
        notice(context.tr(MessageId::TicketHouseholdNotCard), context.fonts.bodyBold, NoticeStyle::Danger,
               width, m);
    }
    if (bigButton(context.tr(MessageId::TicketHouseholdSkip), ImVec2(width, m.touchTarget),
                  ButtonStyle::Primary, true, context.fonts.bodyBold)) {
        context.journey.skipHousehold(context.now);
    }
    ImGui::EndGroup();
}

}  // namespace

void drawPrintNotice(const ScreenContext& context, const std::string& label, float width) {
    const Metrics& m = context.metrics;
    const auto* printing = context.printing;
    const auto& state = printing ? printing->latest() : std::nullopt;
    if (!state || state->label != label) {
        notice(context.tr(MessageId::TicketNotPrinted), context.fonts.bodyBold, NoticeStyle::Calm, width, m);
    } else if (state->phase == PrintPhase::Printing) {
        notice(context.tr(MessageId::TicketPrinting), context.fonts.bodyBold, NoticeStyle::Calm, width, m);
    } else if (state->phase == PrintPhase::Printed) {
        notice(context.tr(MessageId::TicketPrinted), context.fonts.bodyBold, NoticeStyle::Calm, width, m);
    } else {
        notice(kiosk::i18n::formatMessage(context.tr(MessageId::TicketPrintFailed),
                                          {{"problem", context.tr(printerProblemText(state->printer))}}),
               context.fonts.bodyBold, NoticeStyle::Danger, width, m);
    }
}

namespace {

void drawIssued(const ScreenContext& context, ImVec2 area) {
    const Metrics& m = context.metrics;
    const auto& ticket = *context.journey.ticket().issued();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float centreX = origin.x + area.x / 2;
    float y = origin.y + m.gap;
    textCentered(context.tr(MessageId::TicketYourNumber), context.fonts.title, palette().text, centreX, y,
                 area.x);
    y += context.fonts.title->FontSize * 1.3f;
    // Twice the huge face: the number must be readable from across the room.
    ImFont* huge = context.fonts.huge;
    const float numberSize = huge->FontSize * 2.0f;
    const ImVec2 labelSize = huge->CalcTextSizeA(numberSize, FLT_MAX, 0, ticket.label.c_str());
    const ImVec2 at(centreX - labelSize.x / 2, y);
    ImGui::GetWindowDrawList()->AddText(huge, numberSize, at, palette().primary, ticket.label.c_str());
    widgetRegistry().record(ticket.label, at, ImVec2(at.x + labelSize.x, at.y + labelSize.y), true, false);
    y += labelSize.y + m.gap;
    const std::string ahead =
        kiosk::speech::peopleAheadText(context.catalogue, context.session.language(), ticket);
    y += textCentered(ahead, context.fonts.bodyBold, palette().text, centreX, y, area.x) +
         context.fonts.bodyBold->FontSize * 0.6f;
    if (ticket.ahead.value_or(0) > 0) {
        const auto minutes = std::max<long long>(1, (ticket.estimatedWait.count() + 59) / 60);
        y += textCentered(kiosk::i18n::formatMessage(context.tr(MessageId::TicketEstimatedWait),
                                                     {{"minutes", std::to_string(minutes)}}),
                          context.fonts.body, palette().text, centreX, y, area.x) +
             context.fonts.body->FontSize * 0.8f;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - std::min(area.x, 1200 * m.scale)) / 2, y));
    drawPrintNotice(context, ticket.label, std::min(area.x, 1200 * m.scale));
    if (listenAvailable(context)) {
        ImGui::SetCursorScreenPos(
            ImVec2(centreX - listenButtonWidth(context) / 2, ImGui::GetCursorScreenPos().y));
        drawListenButton(context, m.touchTarget * 0.8f);
    }
}

}  // namespace

void drawTicketScreen(const ScreenContext& context, const ScannerView& scanner) {
    const auto step = context.journey.ticket().step();
    MessageId title = MessageId::TicketChooseService;
    if (step == TicketStep::AskPriority) title = MessageId::TicketPriorityQuestion;
    if (step == TicketStep::AskHousehold) title = MessageId::TicketHouseholdQuestion;
    if (step == TicketStep::ScanHousehold) title = MessageId::TicketHouseholdScanTitle;
    if (step == TicketStep::Issued || step == TicketStep::Saving) title = MessageId::HomeTileTicket;
    if (step == TicketStep::Failed) title = MessageId::TicketFailedTitle;
    const ImVec2 area = beginCitizenScreen(context, "ticket", context.tr(title));
    switch (step) {
        case TicketStep::ChooseService: drawServices(context, area); break;
        case TicketStep::AskPriority: drawPriority(context, area); break;
        case TicketStep::AskHousehold: drawHouseholdQuestion(context, area); break;
        case TicketStep::ScanHousehold: drawHouseholdScan(context, scanner, area); break;
        case TicketStep::Saving:
            // The number appears only once it is committed; until then the citizen sees this.
            notice(context.tr(MessageId::TicketSaving), context.fonts.bodyBold, NoticeStyle::Calm,
                   std::min(area.x, 1200 * context.metrics.scale), context.metrics);
            break;
        case TicketStep::Issued: drawIssued(context, area); break;
        case TicketStep::Failed:
            text(context.tr(MessageId::HelpNotSavedBody), context.fonts.body, palette().text,
                 std::min(area.x, 1300 * context.metrics.scale));
            break;
    }
    const bool done = step == TicketStep::Issued || step == TicketStep::Failed || step == TicketStep::Saving;
    endCitizenScreen(context, {.back = !done, .home = true, .finish = done});
}

}  // namespace ui
