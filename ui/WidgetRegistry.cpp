#include "ui/WidgetRegistry.h"

namespace ui {

void WidgetRegistry::record(std::string_view label, ImVec2 min, ImVec2 max, bool enabled, bool tappable) {
    // Anything clipped off screen is not "shown".
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (max.x <= 0 || max.y <= 0 || min.x >= display.x || min.y >= display.y) return;
    current_.push_back({std::string(label), min, max, enabled, tappable});
}

const WidgetRecord* WidgetRegistry::find(std::string_view label, bool tappableOnly) const {
    const WidgetRecord* partial = nullptr;
    for (const WidgetRecord& widget : current_) {
        if (tappableOnly && !widget.tappable) continue;
        if (widget.label == label) return &widget;
        if (!partial && widget.label.find(label) != std::string::npos) partial = &widget;
    }
    return partial;
}

std::string WidgetRegistry::describe() const {
    std::string all;
    for (const WidgetRecord& widget : current_) {
        if (!all.empty()) all += " | ";
        all += widget.label;
    }
    return all;
}

WidgetRegistry& widgetRegistry() {
    static WidgetRegistry registry;
    return registry;
}

}  // namespace ui
