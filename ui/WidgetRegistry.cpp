#include "ui/WidgetRegistry.h"

#include <imgui_internal.h>

#include <algorithm>

namespace ui {

namespace {

// Characters (not bytes) in the longest newline-separated line of `text`.
int longestLineOf(std::string_view text) {
    int longest = 0;
    int current = 0;
    for (char c : text) {
        if (c == '\n') {
            current = 0;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            longest = std::max(longest, ++current);
        }
    }
    return longest;
}

}  // namespace

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
    const bool hidden = visibleMax.x - visibleMin.x < 1 || visibleMax.y - visibleMin.y < 1;
    const bool clipped = visibleMin.x > min.x + 1 || visibleMin.y > min.y + 1 || visibleMax.x < max.x - 1 ||
                         visibleMax.y < max.y - 1;
    WidgetRecord widget;
    widget.label = std::string(label);
    widget.min = visibleMin;
    widget.max = visibleMax;
    widget.enabled = enabled;
    widget.tappable = tappable;
    widget.clipped = clipped;
    widget.fullMin = min;
    widget.fullMax = max;
    widget.hidden = hidden;
    if (hidden) widget.min = widget.max = min;
    widget.longestLine = longestLineOf(label);
    current_.push_back(std::move(widget));
}

void WidgetRegistry::setLastLongestLine(int characters) {
    if (!current_.empty()) current_.back().longestLine = characters;
}

void WidgetRegistry::markLastClipped() {
    if (current_.empty()) return;
    current_.back().clipped = true;
    current_.back().overflowsOwnBox = true;
}

// The region with a scroll cue that cuts `widget` off at its top or bottom only, if any.
const WidgetRegistry::Region* WidgetRegistry::scrollCueHiding(const WidgetRecord& widget) const {
    if (widget.overflowsOwnBox) return nullptr;
    for (const Region& region : scrollCues_) {
        const bool withinColumns =
            widget.fullMin.x >= region.min.x - 1 && widget.fullMax.x <= region.max.x + 1;
        const bool visiblePartInside =
            widget.hidden || (widget.min.y >= region.min.y - 1 && widget.max.y <= region.max.y + 1);
        const bool reachesPastAnEdge =
            widget.fullMin.y < region.min.y - 1 || widget.fullMax.y > region.max.y + 1;
        if (withinColumns && visiblePartInside && reachesPastAnEdge) return &region;
    }
    return nullptr;
}

std::optional<ImVec2> WidgetRegistry::scrollCueFor(std::string_view label) const {
    for (const WidgetRecord& widget : current_) {
        if (!widget.hidden || widget.label.find(label) == std::string::npos) continue;
        if (const Region* region = scrollCueHiding(widget)) return region->cueCentre;
    }
    return std::nullopt;
}

std::string WidgetRegistry::describeLinesLongerThan(int characters) const {
    std::string all;
    for (const WidgetRecord& widget : current_) {
        if (widget.longestLine <= characters) continue;
        if (!all.empty()) all += " | ";
        all += widget.label + " (" + std::to_string(widget.longestLine) + ")";
    }
    return all;
}

std::string WidgetRegistry::describeClipped() const {
    std::string all;
    for (const WidgetRecord& widget : current_) {
        if (!(widget.clipped || widget.hidden) || scrollCueHiding(widget)) continue;
        if (!all.empty()) all += " | ";
        all += widget.label;
    }
    return all;
}

const WidgetRecord* WidgetRegistry::find(std::string_view label, bool tappableOnly) const {
    const WidgetRecord* partial = nullptr;
    for (const WidgetRecord& widget : current_) {
        if (widget.hidden || (tappableOnly && !widget.tappable)) continue;
        if (widget.label == label) return &widget;
        if (!partial && widget.label.find(label) != std::string::npos) partial = &widget;
    }
    return partial;
}

std::string WidgetRegistry::describe() const {
    std::string all;
    for (const WidgetRecord& widget : current_) {
        if (widget.hidden) continue;
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
