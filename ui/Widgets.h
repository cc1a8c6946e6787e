// Touch widgets: big buttons, tiles and texts that record themselves in the WidgetRegistry.
// A tap counts on release over the same widget, and never after the finger dragged a list.
#pragma once

#include <imgui.h>

#include <optional>
#include <string_view>
#include <vector>

#include "ui/Icons.h"
#include "ui/Theme.h"

namespace ui {

enum class ButtonStyle { Primary, Secondary, Help, Danger };

// With an icon, the icon stands at the left and the label is centred in the rest.
bool bigButton(std::string_view label, ImVec2 size, ButtonStyle style = ButtonStyle::Primary,
               bool enabled = true, ImFont* font = nullptr, std::optional<Icon> icon = std::nullopt);

// A secondary button with a drawn speaker before its label ("Nghe"), or a stop square while
// `speaking` (then the label says "Dừng đọc"). Width 0: fits the label.
bool speakerButton(std::string_view label, ImVec2 size, bool speaking, ImFont* font);

// One of the rating's three answers: a drawn face over its label, all three in the same
// neutral style so none looks like the expected answer.
enum class Mood { Happy, Neutral, Unhappy };
bool faceButton(std::string_view label, Mood mood, ImVec2 size, ImFont* font);

// The footer's square toggles for the citizen's look: "A+" (larger text) and a half-filled
// circle (high contrast). Filled while on. `label` names it for the UI script and is not drawn.
enum class DisplayToggle { LargeText, HighContrast };
bool displayToggle(std::string_view label, DisplayToggle kind, bool on, float side, const Fonts& fonts);

// A home tile: a large card with its icon, a title and a short hint under the title.
bool tile(std::string_view title, std::string_view hint, ImVec2 size, const Fonts& fonts,
          const Metrics& metrics, std::optional<Icon> icon = std::nullopt);
// The height a tile of `width` needs for its words at the current text size.
float tileHeightFor(std::string_view title, std::string_view hint, float width, const Fonts& fonts,
                    const Metrics& metrics, bool withIcon);

// Lines of at most this many characters: longer ones lose an older reader at the line break.
inline constexpr int kMaxLineChars = 60;

// `value` broken into lines that fit `width` pixels in `font` and hold at most kMaxLineChars
// characters, at spaces where possible; explicit newlines are kept. Every text widget wraps
// with this, so heights measured with textHeight() are the heights drawn.
std::vector<std::string_view> wrapLines(std::string_view value, ImFont* font, float width);

// Text drawn at the cursor, wrapped to `width` (0: to the window's content edge).
void text(std::string_view value, ImFont* font, ImU32 color = palette().text, float width = 0);
// Centred on `centreX` from `y`, wrapped to `width`; returns the height drawn (more than one line
// when it wrapped), so what follows goes below all of it.
float textCentered(std::string_view value, ImFont* font, ImU32 color, float centreX, float y, float width);

// Lists scroll by dragging with a finger; begin/end wrap a child region that does it. When the
// content does not fit, the region gives up a row at its bottom to a cue (an arrow and "Xem tiếp
// bên dưới", at the end "Lên đầu trang") that turns a page when tapped.
struct ScrollCue {
    std::string_view moreBelow;
    std::string_view backToTop;
};
void beginTouchScroll(const char* id, ImVec2 size);
void endTouchScroll(const ScrollCue& cue);
bool touchDragInProgress();
void touchFrameEnded();  // once per frame, after drawing

float textHeight(std::string_view value, ImFont* font, float width);

// A boxed message at the cursor, full `width`: Danger (red, with a bar on the left) for
// warnings, Calm (grey) for advice. Advances the cursor below it.
enum class NoticeStyle { Danger, Calm };
void notice(std::string_view message, ImFont* font, NoticeStyle style, float width, const Metrics& metrics);

}  // namespace ui
