// The resting screen: the commune's name and one huge invitation to touch. Static on
// purpose: an animation would keep the GPU and CPU busy all day for nobody. Staff enter by
// holding the name for 2 s (README, "Staff entry").
#include <imgui.h>

#include "kiosk/desk/DeskController.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"
#include "ui/setup/DiagnosticsScreen.h"

namespace ui {

using kiosk::i18n::MessageId;

namespace {

// Staff come in by holding the centre's name for 2 s: a gesture no citizen makes by chance, so no
// staff entry sits under any citizen button. A bar under the name fills while it is held.
// Returns true on the frame the hold completes (that release must not also start a session).
bool drawStaffEntry(const ScreenContext& context, ImVec2 at, float width) {
    constexpr float kHoldSeconds = 2.0f;
    const Metrics& m = context.metrics;
    if (!context.desk && !context.diagnostics) return false;
    const float height = context.fonts.title->FontSize * 1.4f;
    ImGui::SetCursorScreenPos(at);
    ImGui::BeginDisabled(widgetRegistry().tapsIgnored() || context.staff->menuOpen);
    ImGui::InvisibleButton("##staff-entry", ImVec2(width, height));
    ImGui::EndDisabled();
    widgetRegistry().record(context.config.communeName, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                            true, true);
    if (!ImGui::IsItemActive()) {
        context.staff->holdCompleted = false;
        return false;
    }
    const float held = ImGui::GetIO().MouseDownDuration[0];
    if (held > 0.3f && !context.staff->holdCompleted) {
        const float fraction = std::min(1.0f, held / kHoldSeconds);
        const ImVec2 barMin(at.x + width * 0.3f, at.y + height);
        ImGui::GetWindowDrawList()->AddRectFilled(
            barMin, ImVec2(barMin.x + width * 0.4f * fraction, barMin.y + std::max(4.0f, 6 * m.scale)),
            palette().mutedText, 2);
    }
    if (held >= kHoldSeconds && !context.staff->holdCompleted) {
        context.staff->holdCompleted = true;
        context.staff->menuOpen = true;
        return true;
    }
    return context.staff->holdCompleted;
}

// The team's way in: each leads only to a PIN pad.
void drawStaffMenu(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    const ImVec2 card(std::min(m.width - 2 * m.margin, 900 * m.scale),
                      context.fonts.bodyBold->FontSize * 1.4f + m.touchTarget * 3 + m.gap * 5);
    const ImVec2 min((m.width - card.x) / 2, (m.height - card.y) / 2);
    // Its own window on top, so nothing of the attract screen under it can be touched.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette().scrim);
    ImGui::Begin("staff-menu", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + card.x, min.y + card.y), palette().surface,
                                              m.rounding);
    const ImVec2 button(card.x - 2 * m.margin, m.touchTarget);
    float y = min.y + m.gap;
    auto next = [&] {
        ImGui::SetCursorScreenPos(ImVec2(min.x + m.margin, y));
        y += m.touchTarget + m.gap;
    };
    ImGui::SetCursorScreenPos(ImVec2(min.x + m.margin, y));
    text(context.tr(MessageId::AttractStaffTitle), context.fonts.bodyBold, palette().text, button.x);
    y += context.fonts.bodyBold->FontSize * 1.4f + m.gap;
    if (context.desk) {
        next();
        if (bigButton(context.tr(MessageId::DeskEntry), button, ButtonStyle::Primary)) {
            context.staff->menuOpen = false;
            context.desk->open(context.now);
        }
    }
    if (context.diagnostics) {
        next();
        if (bigButton(context.tr(MessageId::DiagOpen), button, ButtonStyle::Primary)) {
            context.staff->menuOpen = false;
            context.diagnostics->open();
        }
    }
    next();
    if (bigButton(context.tr(MessageId::AttractStaffClose), button, ButtonStyle::Secondary)) {
        context.staff->menuOpen = false;
    }
    ImGui::End();
}

}  // namespace

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
    const float nameTop = m.height * 0.16f;
    textCentered(context.config.communeName, context.fonts.title, palette().text, centreX, nameTop,
                 textWidth);
    const bool staffEntered = drawStaffEntry(context, ImVec2(m.margin, nameTop), textWidth);
    textCentered(context.tr(MessageId::AttractSubtitle), context.fonts.body, palette().mutedText, centreX,
                 nameTop + context.fonts.title->FontSize * 1.6f, textWidth);

    // The invitation is one big target; a touch anywhere above the footer also starts.
    const ImVec2 size(std::min(m.width * 0.7f, 1100 * m.scale), m.hugePx * 2.6f);
    ImGui::SetCursorScreenPos(ImVec2(centreX - size.x / 2, m.height * 0.45f - size.y / 2));
    bool start = bigButton(context.tr(MessageId::AttractTouchToStart), size, ButtonStyle::Primary, true,
                           context.fonts.huge);
    const float footerTop = m.height - m.margin - m.touchTarget - m.gap;
    if (!start && !staffEntered && !context.staff->menuOpen && !widgetRegistry().tapsIgnored() &&
        ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::IsWindowHovered() &&
        ImGui::GetIO().MousePos.y < footerTop) {
        start = true;
    }
    if (start && !context.staff->menuOpen) context.journey.touchToStart(context.now);

    const float helpWidth = std::min(420 * m.scale, m.width / 4);
    ImGui::SetCursorScreenPos(ImVec2(m.width - m.margin - helpWidth, m.height - m.margin - m.touchTarget));
    if (bigButton(context.tr(MessageId::CommonGetHelp), ImVec2(helpWidth, m.touchTarget), ButtonStyle::Help,
                  true, context.fonts.bodyBold)) {
        context.journey.requestHelp(context.now);
    }
    ImGui::End();
    if (context.staff->menuOpen) drawStaffMenu(context);
}

}  // namespace ui
