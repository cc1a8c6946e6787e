// What each frame showed a person: the visible label, rectangle and enabled state of every
// touch widget and text. The UI script taps and asserts on this, never on internals, since
// Debian's Dear ImGui has no test engine.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ui {

struct WidgetRecord {
    std::string label;
    ImVec2 min;
    ImVec2 max;
    bool enabled = true;
    bool tappable = false;         // buttons and tiles; plain text is not
    bool clipped = false;          // part of it is cut off (by a scroll region, the screen, or its own box)
    bool overflowsOwnBox = false;  // a label bigger than its button: cut off whatever the scrolling
    bool hidden = false;           // wholly outside its scroll region or the screen: not tappable
    int longestLine = 0;           // characters in its longest drawn line
    ImVec2 fullMin;                // the whole widget, visible or not
    ImVec2 fullMax;
    ImVec2 centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};

class WidgetRegistry {
public:
    void beginFrame() {
        current_.clear();
        scrollCues_.clear();
    }
    void record(std::string_view label, ImVec2 min, ImVec2 max, bool enabled, bool tappable);
    // The widget just recorded does not fit its own box (a button label taller than the button).
    void markLastClipped();

    // The scroll region [min, max] shows its "more below" cue this frame: what it cuts off at its
    // top or bottom is one drag or tap away, not lost.
    void noteScrollCue(ImVec2 min, ImVec2 max, ImVec2 cueCentre) {
        scrollCues_.push_back({min, max, cueCentre});
    }
    // The text just recorded was drawn in lines, the longest `characters` long.
    void setLastLongestLine(int characters);

    const std::vector<WidgetRecord>& widgets() const { return current_; }
    // A visible widget whose label equals `label`, or failing that contains it (texts with a {value}).
    const WidgetRecord* find(std::string_view label, bool tappableOnly) const;
    // Where to tap to bring `label` into view: the cue of the scroll region hiding it; nullopt
    // when it is not hidden behind one.
    std::optional<ImVec2> scrollCueFor(std::string_view label) const;
    // Texts with a line longer than `characters` (for the readability check); empty when none is.
    std::string describeLinesLongerThan(int characters) const;
    std::string describe() const;  // "a | b | c", for failure messages
    // Those cut off where a person cannot get at them (not behind a scroll cue); empty when none is.
    std::string describeClipped() const;

    // A screen that just appeared ignores touches for a moment, so the second tap of a double
    // tap never lands on whatever replaced the first button. Set by the app each frame; buttons
    // neither start nor finish a tap while it is on, and the UI script waits it out.
    void setTapsIgnored(bool ignored) { tapsIgnored_ = ignored; }
    bool tapsIgnored() const { return tapsIgnored_; }

private:
    struct Region {
        ImVec2 min;
        ImVec2 max;
        ImVec2 cueCentre;
    };
    const Region* scrollCueHiding(const WidgetRecord& widget) const;

    std::vector<WidgetRecord> current_;
    std::vector<Region> scrollCues_;
    bool tapsIgnored_ = false;
};

WidgetRegistry& widgetRegistry();

}  // namespace ui
