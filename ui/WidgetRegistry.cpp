#include "ui/WidgetRegistry.h"

#include <imgui_internal.h>

#include <algorithm>

namespace ui {

void WidgetRegistry::record(std::string_view label, ImVec2 min, ImVec2 max, bool enabled, bool tappable) {
    // Only the part a person can see counts: clipped by the window (a scrolled list) and the
    // screen. A tap aims at the centre of that part.
    ImVec2 clipMin(0, 0);
    ImVec2 clipMax = ImGui::GetIO().DisplaySize;
    if (ImGui::GetCurrentContext()->CurrentWindow) {
        clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
        clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
    }
    const ImVec2 visibleMin(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
    const ImVec2 visibleMax(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
    if (visibleMax.x - visibleMin.x < 1 || visibleMax.y - visibleMin.y < 1) return;
    const bool clipped = visibleMin.x > min.x + 1 || visibleMin.y > min.y + 1 || visibleMax.x < max.x - 1 ||
                         visibleMax.y < max.y - 1;
    current_.push_back({std::string(label), visibleMin, visibleMax, enabled, tappable, clipped});
}

void WidgetRegistry::markLastClipped() {
    if (!current_.empty()) current_.back().clipped = true;
}

std::string WidgetRegistry::describeClipped() const {
    std::string all;
    for (const WidgetRecord& widget : current_) {
        if (!widget.clipped) continue;
        if (!all.empty()) all += " | ";
        all += widget.label;
    }
    return all;
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
