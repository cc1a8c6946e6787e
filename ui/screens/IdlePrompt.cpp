// "Are you still there?" over whatever screen the citizen left, with a visible countdown.
#include <imgui.h>

#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;

void drawIdlePrompt(const ScreenContext& context, int secondsLeft) {
    const Metrics& m = context.metrics;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette().scrim);
    ImGui::Begin("idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();

    const ImVec2 card(std::min(m.width - 2 * m.margin, 1100 * m.scale),
                      std::min(m.height - 2 * m.margin, 560 * m.scale));
    const ImVec2 min((m.width - card.x) / 2, (m.height - card.y) / 2);
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + card.x, min.y + card.y), palette().surface,
                                              m.rounding);
    const float inner = card.x - 2 * m.margin;
    ImGui::SetCursorScreenPos(ImVec2(min.x + m.margin, min.y + m.margin));
    ImGui::BeginGroup();
    text(context.tr(MessageId::IdleTitle), context.fonts.title, palette().text, inner);
    text(kiosk::i18n::formatMessage(context.tr(MessageId::IdleBody),
                                    {{"seconds", std::to_string(secondsLeft)}}),
         context.fonts.body, palette().text, inner);
    ImGui::EndGroup();
    // The seconds again, big enough to read from a step away.
    const float numberTop = ImGui::GetItemRectMax().y + m.gap * 0.5f;
    textCentered(std::to_string(secondsLeft), context.fonts.huge, palette().primary, min.x + card.x / 2,
                 numberTop, inner);

    const float buttonWidth = (inner - m.gap) / 2;
    ImGui::SetCursorScreenPos(ImVec2(min.x + m.margin, min.y + card.y - m.margin - m.touchTarget * 1.2f));
    if (bigButton(context.tr(MessageId::IdleStillHere), ImVec2(buttonWidth, m.touchTarget * 1.2f),
                  ButtonStyle::Primary, true, context.fonts.bodyBold)) {
        context.journey.stillHere(context.now);
    }
    ImGui::SameLine(0, m.gap);
    if (bigButton(context.tr(MessageId::IdleEndNow), ImVec2(buttonWidth, m.touchTarget * 1.2f),
                  ButtonStyle::Secondary)) {
        context.journey.finish();
    }
    // A touch beside the card is a citizen who is still here, not a missed button.
    const ImVec2 pointer = ImGui::GetIO().MousePos;
    const bool onCard = pointer.x >= min.x && pointer.x <= min.x + card.x && pointer.y >= min.y &&
                        pointer.y <= min.y + card.y;
    if (!onCard && !widgetRegistry().tapsIgnored() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        ImGui::IsWindowHovered()) {
        context.journey.stillHere(context.now);
    }
    ImGui::End();
}

}  // namespace ui
