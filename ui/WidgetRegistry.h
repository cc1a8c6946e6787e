// What each frame showed a person: the visible label, rectangle and enabled state of every
// touch widget and text. The UI script taps and asserts on this, never on internals, since
// Debian's Dear ImGui has no test engine.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace ui {

struct WidgetRecord {
    std::string label;
    ImVec2 min;
    ImVec2 max;
    bool enabled = true;
    bool tappable = false;  // buttons and tiles; plain text is not
    bool clipped = false;   // part of it is cut off (by a scroll region, the screen, or its own box)
    ImVec2 centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};

class WidgetRegistry {
public:
    void beginFrame() { current_.clear(); }
    void record(std::string_view label, ImVec2 min, ImVec2 max, bool enabled, bool tappable);
    // The widget just recorded does not fit its own box (a button label taller than the button).
    void markLastClipped();

    const std::vector<WidgetRecord>& widgets() const { return current_; }
    // A widget whose label equals `label`, or failing that contains it (texts with a {value}).
    const WidgetRecord* find(std::string_view label, bool tappableOnly) const;
    std::string describe() const;         // "a | b | c", for failure messages
    std::string describeClipped() const;  // the clipped ones only; empty when none is

    // A screen that just appeared ignores touches for a moment, so the second tap of a double
    // tap never lands on whatever replaced the first button. Set by the app each frame; buttons
    // neither start nor finish a tap while it is on, and the UI script waits it out.
    void setTapsIgnored(bool ignored) { tapsIgnored_ = ignored; }
    bool tapsIgnored() const { return tapsIgnored_; }

private:
    std::vector<WidgetRecord> current_;
    bool tapsIgnored_ = false;
};

WidgetRegistry& widgetRegistry();

}  // namespace ui
