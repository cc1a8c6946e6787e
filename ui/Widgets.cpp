#include "ui/Widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_set>

#include "ui/WidgetRegistry.h"

namespace ui {
namespace {

// Set while a finger drags a scroll region; cleared when it lifts. Buttons ignore the release
// of such a drag so scrolling a list never taps what happens to be under the finger.
bool gDragging = false;

constexpr float kOutline = 3;  // the border of an outlined (secondary) button

ImU32 fillFor(ButtonStyle style, bool pressed) {
    switch (style) {
        case ButtonStyle::Primary: return pressed ? palette().primaryPressed : palette().primary;
        case ButtonStyle::Secondary: return pressed ? palette().secondaryPressed : palette().secondary;
        case ButtonStyle::Help: return pressed ? palette().helpPressed : palette().help;
        case ButtonStyle::Danger: return pressed ? palette().helpPressed : palette().danger;
    }
    return palette().primary;
}

ImU32 textFor(ButtonStyle style) {
    return style == ButtonStyle::Secondary ? palette().text : palette().onPrimary;
}

bool pressable(std::string_view label, ImVec2 size, bool enabled, bool& held) {
    const std::string id(label);
    // Ignored taps: the button cannot become active, so a finger still down when the moment
    // ends does not count either; a tap needs a press that started on this very button.
    ImGui::BeginDisabled(!enabled || widgetRegistry().tapsIgnored());
    const bool released = ImGui::InvisibleButton(id.c_str(), size);
    ImGui::EndDisabled();
    held = enabled && ImGui::IsItemActive() && !gDragging;
    widgetRegistry().record(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), enabled, true);
    return released && enabled && !gDragging;
}

}  // namespace

std::vector<std::string_view> wrapLines(std::string_view value, ImFont* font, float width) {
    std::vector<std::string_view> lines;
    const char* const end = value.data() + value.size();
    const char* start = value.data();
    auto isContinuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    while (start < end) {
        const char* newline = std::find(start, end, '\n');
        // ImGui's own word wrap for the pixel width; it never returns `start` for non-empty text.
        const char* cut = width > 0 ? font->CalcWordWrapPositionA(1.0f, start, newline, width) : newline;
        if (cut <= start) cut = std::min(newline, start + 1);
        // Then no more than kMaxLineChars characters: back up to the last space within them.
        int characters = 0;
        const char* limit = start;
        while (limit < cut && characters < kMaxLineChars) {
            ++limit;
            while (limit < cut && isContinuation(*limit))
                ++limit;
            ++characters;
        }
        if (limit < cut) {
            const char* space = limit;
            while (space > start && *space != ' ')
                --space;
            cut = space > start ? space : limit;
        }
        const char* lineEnd = cut;
        while (lineEnd > start && lineEnd[-1] == ' ')
            --lineEnd;
        lines.emplace_back(start, static_cast<size_t>(lineEnd - start));
        start = cut;
        while (start < end && *start == ' ')
            ++start;
        if (start == newline && newline < end) ++start;  // the explicit break itself
    }
    if (lines.empty()) lines.emplace_back();
    return lines;
}

float textHeight(std::string_view value, ImFont* font, float width) {
    return static_cast<float>(wrapLines(value, font, width).size()) * font->FontSize;
}

namespace {

int characterCount(std::string_view line) {
    return static_cast<int>(std::count_if(
        line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct DrawnLines {
    ImVec2 size;
    int longestLine = 0;  // characters
};

// The lines of `value` drawn from `at`, each centred on `centreX` when given.
DrawnLines drawLines(ImDrawList* draw, ImFont* font, ImVec2 at, ImU32 color, std::string_view value,
                     float width, std::optional<float> centreX = std::nullopt) {
    float widest = 0;
    float y = at.y;
    int longest = 0;
    for (std::string_view line : wrapLines(value, font, width)) {
        longest = std::max(longest, characterCount(line));
        const float lineWidth =
            font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line.data(), line.data() + line.size()).x;
        widest = std::max(widest, lineWidth);
        const float x = centreX ? std::floor(*centreX - lineWidth / 2) : at.x;
        draw->AddText(font, font->FontSize, ImVec2(x, y), color, line.data(), line.data() + line.size());
        y += font->FontSize;
    }
    return {ImVec2(widest, y - at.y), longest};
}

}  // namespace

bool bigButton(std::string_view label, ImVec2 size, ButtonStyle style, bool enabled, ImFont* font,
               std::optional<Icon> icon) {
    ImFont* face = font ? font : ImGui::GetFont();
    const ImVec2 textSize =
        face->CalcTextSizeA(face->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
    const float padding = ImGui::GetStyle().FramePadding.x;
    const float iconSide = icon ? face->FontSize * 1.3f : 0;
    const float iconRoom = icon ? iconSide + padding : 0;
    if (size.x <= 0) size.x = textSize.x + 2 * padding + iconRoom;
    size.y = std::max(size.y, 64.0f);

    bool held = false;
    const bool tapped = pressable(label, size, enabled, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    // Primary, help and danger are filled; secondary is outlined: never mistaken for each other.
    draw->AddRectFilled(min, max, enabled ? fillFor(style, held) : palette().background, rounding);
    if (!enabled) {
        draw->AddRect(min, max, palette().border, rounding, 0, 2);
    } else if (style == ButtonStyle::Secondary) {
        draw->AddRect(min, max, palette().secondaryBorder, rounding, 0, kOutline);
    }

    const float wrap = size.x - 2 * padding - iconRoom;
    const float textBlock = textHeight(label, face, wrap);
    const ImU32 ink = enabled ? textFor(style) : palette().mutedText;
    if (icon) {
        drawIcon(draw, *icon, ImVec2(min.x + padding, std::floor(min.y + (size.y - iconSide) / 2)), iconSide,
                 ink);
    }
    // Each wrapped line centred on its own: a long service name that wraps reads as one label,
    // not as a paragraph pushed to the left.
    const ImVec2 at(min.x + iconRoom + padding, std::floor(min.y + (size.y - textBlock) / 2));
    const DrawnLines drawn =
        drawLines(draw, face, at, ink, label, wrap, min.x + iconRoom + (size.x - iconRoom) / 2);
    if (textBlock > size.y || drawn.size.x > wrap + 1) widgetRegistry().markLastClipped();
    return tapped;
}

namespace {

// A loudspeaker (box and cone) with two sound waves, in a square of side `side` at `min`.
void drawSpeaker(ImDrawList* draw, ImVec2 min, float side, ImU32 color) {
    const float cy = min.y + side / 2;
    const float boxW = side * 0.2f;
    const float boxH = side * 0.34f;
    draw->AddRectFilled(ImVec2(min.x, cy - boxH / 2), ImVec2(min.x + boxW, cy + boxH / 2), color);
    const ImVec2 cone[4] = {
        ImVec2(min.x + boxW, cy - boxH / 2), ImVec2(min.x + side * 0.48f, min.y + side * 0.12f),
        ImVec2(min.x + side * 0.48f, min.y + side * 0.88f), ImVec2(min.x + boxW, cy + boxH / 2)};
    draw->AddConvexPolyFilled(cone, 4, color);
    const float thickness = std::max(2.0f, side * 0.07f);
    const ImVec2 centre(min.x + side * 0.5f, cy);
    for (float radius : {side * 0.2f, side * 0.38f}) {
        draw->PathArcTo(centre, radius, -0.9f, 0.9f, 12);
        draw->PathStroke(color, 0, thickness);
    }
}

}  // namespace

bool speakerButton(std::string_view label, ImVec2 size, bool speaking, ImFont* font) {
    ImFont* face = font ? font : ImGui::GetFont();
    const float icon = face->FontSize * 1.1f;
    const float padding = ImGui::GetStyle().FramePadding.x;
    const float iconGap = icon * 0.45f;
    const ImVec2 textSize =
        face->CalcTextSizeA(face->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
    if (size.x <= 0) size.x = textSize.x + icon + iconGap + 3 * padding;
    size.y = std::max(size.y, 64.0f);

    bool held = false;
    const bool tapped = pressable(label, size, true, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(min, max, fillFor(ButtonStyle::Secondary, held || speaking), rounding);
    draw->AddRect(min, max, speaking ? palette().primary : palette().secondaryBorder, rounding, 0,
                  speaking ? 4.0f : kOutline);
    if (textSize.x + icon + iconGap > size.x - 2 * padding) widgetRegistry().markLastClipped();

    const float contentWidth = icon + iconGap + textSize.x;
    const ImVec2 iconAt(std::floor(min.x + (size.x - contentWidth) / 2),
                        std::floor(min.y + (size.y - icon) / 2));
    if (speaking) {
        const float inset = icon * 0.18f;
        draw->AddRectFilled(ImVec2(iconAt.x + inset, iconAt.y + inset),
                            ImVec2(iconAt.x + icon - inset, iconAt.y + icon - inset), palette().primary, 3);
    } else {
        drawSpeaker(draw, iconAt, icon, palette().primary);
    }
    const ImVec2 textAt(iconAt.x + icon + iconGap, std::floor(min.y + (size.y - textSize.y) / 2));
    draw->AddText(face, face->FontSize, textAt, palette().text, label.data(), label.data() + label.size());
    return tapped;
}

namespace {

// A round face, line-drawn: eyes, and a mouth curved up, flat or down.
void drawFace(ImDrawList* draw, ImVec2 centre, float radius, Mood mood, ImU32 color) {
    const float line = std::max(3.0f, radius * 0.09f);
    draw->AddCircle(centre, radius, color, 48, line);
    const float eyeY = centre.y - radius * 0.28f;
    for (float side : {-1.0f, 1.0f})
        draw->AddCircleFilled(ImVec2(centre.x + side * radius * 0.35f, eyeY), radius * 0.1f, color);
    const float mouthY = centre.y + radius * 0.35f;
    const float halfWidth = radius * 0.45f;
    switch (mood) {
        case Mood::Happy:
            draw->PathArcTo(ImVec2(centre.x, mouthY - radius * 0.25f), halfWidth, 0.35f, 2.79f, 16);
            break;
        case Mood::Neutral:
            draw->PathLineTo(ImVec2(centre.x - halfWidth, mouthY));
            draw->PathLineTo(ImVec2(centre.x + halfWidth, mouthY));
            break;
        case Mood::Unhappy:
            draw->PathArcTo(ImVec2(centre.x, mouthY + radius * 0.25f), halfWidth, 3.49f, 5.93f, 16);
            break;
    }
    draw->PathStroke(color, 0, line);
}

}  // namespace

bool faceButton(std::string_view label, Mood mood, ImVec2 size, ImFont* font) {
    bool held = false;
    const bool tapped = pressable(label, size, true, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(min, max, fillFor(ButtonStyle::Secondary, held), rounding);
    draw->AddRect(min, max, palette().secondaryBorder, rounding, 0, kOutline);
    const ImVec2 textSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, size.x * 0.9f, label.data(),
                                                label.data() + label.size());
    const float radius = std::min(size.x * 0.3f, (size.y - textSize.y) * 0.32f);
    const float top = min.y + (size.y - 2 * radius - textSize.y - radius * 0.4f) / 2;
    drawFace(draw, ImVec2(min.x + size.x / 2, top + radius), radius, mood, palette().text);
    if (textSize.x > size.x * 0.9f + 1) widgetRegistry().markLastClipped();
    draw->AddText(font, font->FontSize,
                  ImVec2(std::floor(min.x + (size.x - textSize.x) / 2), top + radius * 2.4f), palette().text,
                  label.data(), label.data() + label.size(), size.x * 0.9f);
    return tapped;
}

bool displayToggle(std::string_view label, DisplayToggle kind, bool on, float side, const Fonts& fonts) {
    bool held = false;
    const bool tapped = pressable(label, ImVec2(side, side), true, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    const bool filled = on != held;
    draw->AddRectFilled(min, max, filled ? palette().primary : palette().secondary, rounding);
    draw->AddRect(min, max, palette().secondaryBorder, rounding, 0, kOutline);
    const ImU32 ink = filled ? palette().onPrimary : palette().text;
    const ImVec2 centre((min.x + max.x) / 2, (min.y + max.y) / 2);
    if (kind == DisplayToggle::LargeText) {
        // A small and a large "A": the sign web pages in Vietnam use for text size too.
        ImFont* font = fonts.title;
        const float small = font->FontSize * 0.55f;
        const float large = std::min(font->FontSize, side * 0.62f);
        const float smallWidth = font->CalcTextSizeA(small, FLT_MAX, 0, "A").x;
        const float largeWidth = font->CalcTextSizeA(large, FLT_MAX, 0, "A").x;
        const float left = centre.x - (smallWidth + largeWidth) / 2;
        const float baseline = centre.y + large * 0.36f;
        draw->AddText(font, small, ImVec2(left, baseline - small * 0.8f), ink, "A");
        draw->AddText(font, large, ImVec2(left + smallWidth, baseline - large * 0.8f), ink, "A");
    } else {
        const float radius = side * 0.26f;
        draw->AddCircle(centre, radius, ink, 40, std::max(2.5f, side * 0.04f));
        draw->PathArcTo(centre, radius, -IM_PI / 2, IM_PI / 2, 20);
        draw->PathFillConvex(ink);
    }
    return tapped;
}

namespace {

// Where a tile's words start, after its band and icon.
float tileTextLeft(float iconSide, const Metrics& metrics) {
    return metrics.gap * 1.4f + (iconSide > 0 ? iconSide + metrics.gap : 0);
}

float tileIconSide(float tileHeight, const Fonts& fonts) {
    return std::min(tileHeight * 0.5f, fonts.title->FontSize * 1.4f);
}

}  // namespace

float tileHeightFor(std::string_view title, std::string_view hint, float width, const Fonts& fonts,
                    const Metrics& metrics, bool withIcon) {
    const float iconSide = withIcon ? fonts.title->FontSize * 1.4f : 0;
    const float wrap = width - tileTextLeft(iconSide, metrics) - metrics.gap * 1.4f;
    return textHeight(title, fonts.bodyBold, wrap) + textHeight(hint, fonts.body, wrap) + metrics.gap * 2.5f;
}

bool tile(std::string_view title, std::string_view hint, ImVec2 size, const Fonts& fonts,
          const Metrics& metrics, std::optional<Icon> icon) {
    bool held = false;
    const bool tapped = pressable(title, size, true, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, held ? palette().secondaryPressed : palette().surface, metrics.rounding);
    draw->AddRect(min, max, palette().border, metrics.rounding, 0, 2);
    // A coloured band on the left tells tiles apart without relying on colour alone.
    draw->AddRectFilled(min, ImVec2(min.x + 14 * metrics.scale, max.y), palette().primary, metrics.rounding,
                        ImDrawFlags_RoundCornersLeft);

    const float iconSide = icon ? tileIconSide(size.y, fonts) : 0;
    if (icon) {
        drawIcon(draw, *icon, ImVec2(min.x + metrics.gap * 1.4f, std::floor(min.y + (size.y - iconSide) / 2)),
                 iconSide, palette().primary);
    }
    const float pad = tileTextLeft(iconSide, metrics);
    const float wrap = size.x - pad - metrics.gap * 1.4f;
    const float titleHeight = textHeight(title, fonts.bodyBold, wrap);
    const float hintHeight = textHeight(hint, fonts.body, wrap);
    if (titleHeight + hintHeight + metrics.gap * 0.5f > size.y) widgetRegistry().markLastClipped();
    float y = min.y + (size.y - titleHeight - hintHeight - metrics.gap * 0.5f) / 2;
    const DrawnLines titleLines =
        drawLines(draw, fonts.bodyBold, ImVec2(min.x + pad, y), palette().text, title, wrap);
    widgetRegistry().setLastLongestLine(titleLines.longestLine);
    y += titleHeight + metrics.gap * 0.5f;
    const DrawnLines hintLines =
        drawLines(draw, fonts.body, ImVec2(min.x + pad, y), palette().mutedText, hint, wrap);
    widgetRegistry().record(hint, ImVec2(min.x + pad, y), ImVec2(min.x + pad + wrap, y + hintHeight), true,
                            false);
    widgetRegistry().setLastLongestLine(hintLines.longestLine);
    return tapped;
}

void text(std::string_view value, ImFont* font, ImU32 color, float width) {
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const DrawnLines lines = drawLines(ImGui::GetWindowDrawList(), font, at, color, value, width);
    ImGui::Dummy(ImVec2(std::max(lines.size.x, 1.0f), lines.size.y));
    widgetRegistry().record(value, at, ImVec2(at.x + lines.size.x, at.y + lines.size.y), true, false);
    widgetRegistry().setLastLongestLine(lines.longestLine);
}

float textCentered(std::string_view value, ImFont* font, ImU32 color, float centreX, float y, float width) {
    const float left = centreX - width / 2;
    const DrawnLines lines = drawLines(ImGui::GetWindowDrawList(), font, ImVec2(left, std::floor(y)), color,
                                       value, width, centreX);
    const ImVec2 at(std::floor(centreX - lines.size.x / 2), std::floor(y));
    widgetRegistry().record(value, at, ImVec2(at.x + lines.size.x, at.y + lines.size.y), true, false);
    widgetRegistry().setLastLongestLine(lines.longestLine);
    return lines.size.y;
}

void notice(std::string_view message, ImFont* font, NoticeStyle style, float width, const Metrics& metrics) {
    const bool danger = style == NoticeStyle::Danger;
    const float pad = metrics.gap * 0.65f;
    const float rounding = metrics.rounding * 0.6f;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float height = textHeight(message, font, width - 2 * pad) + 2 * pad;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(min.x + width, min.y + height),
                        danger ? palette().dangerSurface : palette().secondary, rounding);
    if (danger) {
        draw->AddRectFilled(min, ImVec2(min.x + 8 * metrics.scale, min.y + height), palette().danger,
                            rounding, ImDrawFlags_RoundCornersLeft);
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    text(message, font, danger ? palette().danger : palette().text, width - 2 * pad);
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height + metrics.gap * 0.6f));
    ImGui::Dummy(ImVec2(0, 0));
}

namespace {

// Scroll regions whose content did not fit last frame: they keep a row under them for the cue.
std::unordered_set<ImGuiID> gOverflowing;
// The regions begun and not yet ended (their ids in the parent window), innermost last.
std::vector<ImGuiID> gOpenRegions;

float cueHeight() {
    return std::max(64.0f, ImGui::GetFontSize() * 1.5f);
}

}  // namespace

void beginTouchScroll(const char* id, ImVec2 size) {
    const ImGuiID key = ImGui::GetID(id);
    gOpenRegions.push_back(key);
    if (gOverflowing.contains(key)) size.y -= cueHeight() + ImGui::GetStyle().ItemSpacing.y * 0.5f;
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImGuiIO& io = ImGui::GetIO();
    const bool over = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                             ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (over && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 12.0f)) gDragging = true;
    if (gDragging && io.MouseDown[0]) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    if (over && io.MouseWheel != 0) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * 80);
}

void endTouchScroll(const ScrollCue& cue) {
    ImGuiWindow* region = ImGui::GetCurrentWindow();
    const ImGuiID id = gOpenRegions.back();
    gOpenRegions.pop_back();
    const float scrollY = ImGui::GetScrollY();
    const ImVec2 regionMin = region->InnerRect.Min;
    const ImVec2 regionMax = region->InnerRect.Max;
    // This frame's content, not ImGui's scroll limit (last frame's): a result that just replaced
    // a short hint overflows from its very first frame.
    const float hiddenBelow = region->DC.CursorMaxPos.y - regionMax.y;
    const float scrollMax = std::max(0.0f, scrollY + hiddenBelow);
    ImGui::EndChild();
    if (scrollMax < 1) {
        gOverflowing.erase(id);
        return;
    }
    // Content below the edge is never hidden silently: a full-width row under the region says
    // so, and a tap on it turns a page (older citizens rarely think of dragging a list).
    const bool first = gOverflowing.insert(id).second;
    const float rowHeight = cueHeight() + ImGui::GetStyle().ItemSpacing.y * 0.5f;
    const ImVec2 cueAt(regionMin.x, (first ? regionMax.y - rowHeight : regionMax.y) +
                                        ImGui::GetStyle().ItemSpacing.y * 0.5f);
    const ImVec2 cueSize(regionMax.x - regionMin.x, cueHeight());
    // From the next frame on the region is drawn shorter, with the row under it; this first frame
    // (16 ms) already counts as cued, so a check never catches the layout between the two.
    widgetRegistry().noteScrollCue(regionMin, regionMax,
                                   ImVec2(cueAt.x + cueSize.x / 2, cueAt.y + cueSize.y / 2));
    if (first) return;
    const bool moreBelow = hiddenBelow > 1;
    const std::string_view label = moreBelow ? cue.moreBelow : cue.backToTop;
    ImGui::SetCursorScreenPos(cueAt);
    if (bigButton(label, cueSize, ButtonStyle::Secondary, true, nullptr,
                  moreBelow ? Icon::ArrowDown : Icon::ArrowUp)) {
        const float page = (regionMax.y - regionMin.y) * 0.8f;
        ImGui::SetScrollY(region, moreBelow ? std::min(scrollMax, scrollY + page) : 0.0f);
    }
}

void touchFrameEnded() {
    // Kept through the release frame so that release taps nothing; cleared on the frame after.
    if (!ImGui::GetIO().MouseDown[0] && !ImGui::IsMouseReleased(ImGuiMouseButton_Left)) gDragging = false;
}

bool touchDragInProgress() {
    return gDragging;
}

}  // namespace ui
