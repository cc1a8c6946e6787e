#include <imgui.h>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;
using kiosk::session::Feature;

namespace {

constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBringToFrontOnFocus |
                                          ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar;

// Tall enough for a label on two lines: with the citizen's larger text, "Tôi bị vướng — gọi hỗ
// trợ" wraps in a 1280-wide footer.
float footerButtonHeight(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    return std::max(m.touchTarget, 2 * context.fonts.bodyBold->FontSize + m.gap * 0.5f);
}

float footerHeight(const ScreenContext& context) {
    return footerButtonHeight(context) + 2 * context.metrics.gap;
}

}  // namespace

void drawStorageBanner(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height =
        textHeight(context.tr(MessageId::StorageProblemBody), context.fonts.body, width - 2 * m.gap) +
        context.fonts.bodyBold->FontSize + 3 * m.gap;
    draw->AddRectFilled(min, ImVec2(min.x + width, min.y + height), palette().dangerSurface, m.rounding);
    ImGui::SetCursorScreenPos(ImVec2(min.x + m.gap, min.y + m.gap));
    ImGui::BeginGroup();
    text(context.tr(MessageId::StorageProblemTitle), context.fonts.bodyBold, palette().danger,
         width - 2 * m.gap);
    text(context.tr(MessageId::StorageProblemBody), context.fonts.body, palette().text, width - 2 * m.gap);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height + m.gap));
}

const std::string& featureTitle(const ScreenContext& context, Feature feature) {
    switch (feature) {
        case Feature::Vneid: return context.tr(MessageId::HomeTileVneid);
        case Feature::QrPayment: return context.tr(MessageId::HomeTileQrPayment);
        case Feature::PublicServices: return context.tr(MessageId::HomeTilePublicServices);
        case Feature::OnlineSafety: return context.tr(MessageId::HomeTileOnlineSafety);
        case Feature::Scan: return context.tr(MessageId::HomeTileScan);
        case Feature::Ticket: return context.tr(MessageId::HomeTileTicket);
    }
    return context.tr(MessageId::HomeTitle);
}

const std::string& featureHint(const ScreenContext& context, Feature feature) {
    switch (feature) {
        case Feature::Vneid: return context.tr(MessageId::HomeTileVneidHint);
        case Feature::QrPayment: return context.tr(MessageId::HomeTileQrPaymentHint);
        case Feature::PublicServices: return context.tr(MessageId::HomeTilePublicServicesHint);
        case Feature::OnlineSafety: return context.tr(MessageId::HomeTileOnlineSafetyHint);
        case Feature::Scan: return context.tr(MessageId::HomeTileScanHint);
        case Feature::Ticket: return context.tr(MessageId::HomeTileTicketHint);
    }
    return context.tr(MessageId::HomeTitle);
}

ImVec2 beginCitizenScreen(const ScreenContext& context, const char* windowId, std::string_view title) {
    const Metrics& m = context.metrics;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::Begin(windowId, nullptr, kScreenFlags);
    text(context.config.communeName, context.fonts.body, palette().mutedText);
    if (!title.empty()) text(title, context.fonts.title, palette().text);
    if (context.storageProblem) drawStorageBanner(context);
    const ImVec2 available = ImGui::GetContentRegionAvail();
    return ImVec2(available.x, available.y - footerHeight(context));
}

bool endCitizenScreen(const ScreenContext& context, FooterButtons buttons) {
    const Metrics& m = context.metrics;
    const float buttonHeight = footerButtonHeight(context);
    const float y = m.height - m.margin - buttonHeight;
    const float toggle = m.touchTarget;
    const float width = std::min(420 * m.scale, (m.width - 2 * m.margin - 5 * m.gap - 2 * toggle) / 4);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(m.margin, y - m.gap), ImVec2(m.width - m.margin, y - m.gap),
                                        palette().border, 2);
    float x = m.margin;
    auto place = [&](float at) { ImGui::SetCursorScreenPos(ImVec2(at, y)); };
    if (buttons.back) {
        place(x);
        if (bigButton(context.tr(MessageId::CommonBack), ImVec2(width, buttonHeight),
                      ButtonStyle::Secondary)) {
            context.journey.back(context.now);
        }
        x += width + m.gap;
    }
    if (buttons.home) {
        place(x);
        if (bigButton(context.tr(MessageId::CommonHome), ImVec2(width, buttonHeight),
                      ButtonStyle::Secondary)) {
            context.journey.goHome(context.now);
        }
        x += width + m.gap;
    }
    if (buttons.finish) {
        place(x);
        if (bigButton(context.tr(MessageId::CommonFinish), ImVec2(width, buttonHeight),
                      ButtonStyle::Secondary)) {
            context.journey.finish();
        }
        x += width + m.gap;
    }
    // The citizen's own look, between the ways on and the ways to help: A+ and high contrast.
    const float leftEnd = x;
    float right = m.width - m.margin;
    const float rightStart = right - (buttons.nextLabel ? 2 * width + m.gap : width);
    const auto display = context.session.display();
    ImGui::SetCursorScreenPos(ImVec2(std::max(leftEnd, (leftEnd + rightStart - 2 * toggle - m.gap) / 2),
                                     y + (buttonHeight - toggle) / 2));
    if (displayToggle(context.tr(MessageId::CommonTextSize), DisplayToggle::LargeText, display.largeText,
                      toggle, context.fonts)) {
        context.journey.toggleLargeText(context.now);
    }
    ImGui::SameLine(0, m.gap);
    if (displayToggle(context.tr(MessageId::CommonContrast), DisplayToggle::HighContrast,
                      display.highContrast, toggle, context.fonts)) {
        context.journey.toggleHighContrast(context.now);
    }
    bool nextTapped = false;
    if (buttons.nextLabel) {
        right -= width;
        place(right);
        nextTapped = bigButton(*buttons.nextLabel, ImVec2(width, buttonHeight), ButtonStyle::Primary, true,
                               context.fonts.bodyBold);
        right -= m.gap;
    }
    place(right - width);
    const std::string& help = buttons.helpLabel ? *buttons.helpLabel : context.tr(MessageId::CommonGetHelp);
    if (bigButton(help, ImVec2(width, buttonHeight), ButtonStyle::Help, true, context.fonts.bodyBold)) {
        context.journey.requestHelp(context.now);
    }
    ImGui::End();
    return nextTapped;
}

}  // namespace ui
