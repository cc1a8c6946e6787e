// Honest about what this kiosk cannot do yet, and points to the people who can help now.
#include <imgui.h>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;

void drawComingSoonScreen(const ScreenContext& context) {
    const auto feature = context.journey.place().feature;
    const std::string& title =
        feature ? featureTitle(context, *feature) : context.tr(MessageId::ComingSoonTitle);
    const ImVec2 area = beginCitizenScreen(context, "coming_soon", title);
    const float width = std::min(area.x, 1300 * context.metrics.scale);
    ImGui::Dummy(ImVec2(0, context.metrics.gap));
    text(context.tr(MessageId::ComingSoonTitle), context.fonts.bodyBold, palette().primary, width);
    text(context.tr(MessageId::ComingSoonBody), context.fonts.body, palette().text, width);
    endCitizenScreen(context, {.back = true, .home = true});
}

}  // namespace ui
