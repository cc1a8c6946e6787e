#include <imgui.h>

#include <algorithm>

#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::MessageId;
using kiosk::session::Feature;

void drawHomeScreen(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    const ImVec2 area = beginCitizenScreen(context, "home", context.tr(MessageId::HomeTitle));

    // Three columns on a landscape screen, two when narrow; rows scroll by dragging if needed.
    const int columns = m.width >= 1200 ? 3 : 2;
    const int count = static_cast<int>(std::size(kiosk::session::kHomeFeatures));
    const int rows = (count + columns - 1) / columns;
    beginTouchScroll("tiles", area);
    // Measured inside the list, so a scrollbar (when the tiles overflow) takes its own room.
    const float width = ImGui::GetContentRegionAvail().x;
    const float tileWidth = (width - m.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    // The rows share the screen, but never so that a tile's words are cut off: with the
    // citizen's larger text the tiles grow and the list scrolls.
    float tileHeight = std::max(m.touchTarget * 1.8f,
                                (area.y - m.gap * static_cast<float>(rows)) / static_cast<float>(rows));
    for (const Feature feature : kiosk::session::kHomeFeatures) {
        tileHeight =
            std::max(tileHeight, tileHeightFor(featureTitle(context, feature), featureHint(context, feature),
                                               tileWidth, context.fonts, m, true));
    }
    for (int i = 0; i < count; ++i) {
        const Feature feature = kiosk::session::kHomeFeatures[i];
        if (i % columns != 0) ImGui::SameLine(0, m.gap);
        if (tile(featureTitle(context, feature), featureHint(context, feature), ImVec2(tileWidth, tileHeight),
                 context.fonts, m, iconFor(feature))) {
            context.journey.openFeature(feature, context.now);
        }
    }
    endTouchScroll(context.scrollCue());
    endCitizenScreen(context, {.back = true, .home = false, .finish = true});
}

}  // namespace ui
