// Touch widgets: big buttons, tiles and texts that record themselves in the WidgetRegistry.
// A tap counts on release over the same widget, and never after the finger dragged a list.
#pragma once

#include <imgui.h>

#include <string_view>

#include "ui/Theme.h"

namespace ui {

enum class ButtonStyle { Primary, Secondary, Help, Danger };

bool bigButton(std::string_view label, ImVec2 size, ButtonStyle style = ButtonStyle::Primary,
               bool enabled = true, ImFont* font = nullptr);

// A secondary button with a drawn speaker before its label ("Nghe"), or a stop square while
// `speaking` (then the label says "Dừng đọc"). Width 0: fits the label.
bool speakerButton(std::string_view label, ImVec2 size, bool speaking, ImFont* font);

// One of the rating's three answers: a drawn face over its label, all three in the same
// neutral style so none looks like the expected answer.
enum class Mood { Happy, Neutral, Unhappy };
bool faceButton(std::string_view label, Mood mood, ImVec2 size, ImFont* font);

// A home tile: a large card with a title and a short hint under it.
bool tile(std::string_view title, std::string_view hint, ImVec2 size, const Fonts& fonts,
          const Metrics& metrics);

// Text drawn at the cursor, wrapped to `width` (0: to the window's content edge).
void text(std::string_view value, ImFont* font, ImU32 color = colors::kText, float width = 0);
void textCentered(std::string_view value, ImFont* font, ImU32 color, float centreX, float y, float width);

// Lists scroll by dragging with a finger; begin/end wrap a child region that does it.
void beginTouchScroll(const char* id, ImVec2 size);
void endTouchScroll();
bool touchDragInProgress();
void touchFrameEnded();  // once per frame, after drawing

float textHeight(std::string_view value, ImFont* font, float width);

// A boxed message at the cursor, full `width`: Danger (red, with a bar on the left) for
// warnings, Calm (grey) for advice. Advances the cursor below it.
enum class NoticeStyle { Danger, Calm };
void notice(std::string_view message, ImFont* font, NoticeStyle style, float width, const Metrics& metrics);

}  // namespace ui
