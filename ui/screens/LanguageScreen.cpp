#include <imgui.h>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::Language;
using kiosk::i18n::MessageId;

void drawLanguageScreen(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    // Shown in both languages: the citizen has not chosen yet.
    const std::string title = context.catalogue.text(Language::Vi, MessageId::LanguageTitle) + " / " +
                              context.catalogue.text(Language::En, MessageId::LanguageTitle);
    const ImVec2 area = beginCitizenScreen(context, "language", title);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::min(area.x, 900 * m.scale), m.touchTarget * 1.6f);
    const float x = origin.x + (area.x - size.x) / 2;
    float y = origin.y + area.y * 0.15f;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (bigButton(context.tr(MessageId::LanguageVietnamese), size, ButtonStyle::Primary, true,
                  context.fonts.title)) {
        context.journey.chooseLanguage(Language::Vi, context.now);
    }
    y += size.y + m.gap * 2;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (bigButton(context.tr(MessageId::LanguageEnglish), size, ButtonStyle::Secondary, true,
                  context.fonts.title)) {
        context.journey.chooseLanguage(Language::En, context.now);
    }
    endCitizenScreen(context, {.back = true, .home = false});
}

}  // namespace ui
