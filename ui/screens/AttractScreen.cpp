// The resting screen: the commune's name and one huge invitation to touch. Static on
// purpose: an animation would keep the GPU and CPU busy all day for nobody.
#include <imgui.h>

#include "kiosk/desk/DeskController.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"
#include "ui/setup/DiagnosticsScreen.h"

namespace ui {

using kiosk::i18n::MessageId;

void drawAttractScreen(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::Begin("attract", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);

    if (context.storageProblem) drawStorageBanner(context);
    const float centreX = m.width / 2;
    const float textWidth = m.width - 2 * m.margin;
    textCentered(context.config.communeName, context.fonts.title, colors::kText, centreX, m.height * 0.16f,
                 textWidth);
    textCentered(context.tr(MessageId::AttractSubtitle), context.fonts.body, colors::kMutedText, centreX,
                 m.height * 0.16f + context.fonts.title->FontSize * 1.6f, textWidth);

    // The invitation is one big target; a touch anywhere above the footer also starts.
    const ImVec2 size(std::min(m.width * 0.7f, 1100 * m.scale), m.hugePx * 2.6f);
    ImGui::SetCursorScreenPos(ImVec2(centreX - size.x / 2, m.height * 0.45f - size.y / 2));
    bool start = bigButton(context.tr(MessageId::AttractTouchToStart), size, ButtonStyle::Primary, true,
                           context.fonts.huge);
    const float footerTop = m.height - m.margin - m.touchTarget - m.gap;
    if (!start && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::IsWindowHovered() &&
        ImGui::GetIO().MousePos.y < footerTop) {
        start = true;
    }
    if (start) context.journey.touchToStart(context.now);

    // The team's way in, quiet in the corner: each leads only to a PIN pad.
    const float deskWidth = std::min(420 * m.scale, m.width / 4);
    if (context.desk) {
        ImGui::SetCursorScreenPos(ImVec2(m.margin, m.height - m.margin - m.touchTarget));
        if (bigButton(context.tr(MessageId::DeskEntry), ImVec2(deskWidth, m.touchTarget),
                      ButtonStyle::Secondary)) {
            context.desk->open(context.now);
        }
    }
    if (context.diagnostics) {
        ImGui::SetCursorScreenPos(ImVec2(m.margin + deskWidth + m.gap, m.height - m.margin - m.touchTarget));
        if (bigButton(context.tr(MessageId::DiagOpen), ImVec2(deskWidth * 0.8f, m.touchTarget),
                      ButtonStyle::Secondary)) {
            context.diagnostics->open();
        }
    }

    const float helpWidth = std::min(420 * m.scale, m.width / 4);
    ImGui::SetCursorScreenPos(ImVec2(m.width - m.margin - helpWidth, m.height - m.margin - m.touchTarget));
    if (bigButton(context.tr(MessageId::CommonGetHelp), ImVec2(helpWidth, m.touchTarget), ButtonStyle::Help,
                  true, context.fonts.bodyBold)) {
        context.journey.requestHelp(context.now);
    }
    ImGui::End();
}

}  // namespace ui
