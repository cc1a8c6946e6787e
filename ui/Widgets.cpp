#include "ui/Widgets.h"

#include <imgui_internal.h>

#include <cmath>
#include <string>

#include "ui/WidgetRegistry.h"

namespace ui {
namespace {

// Set while a finger drags a scroll region; cleared when it lifts. Buttons ignore the release
// of such a drag so scrolling a list never taps what happens to be under the finger.
bool gDragging = false;

ImU32 fillFor(ButtonStyle style, bool pressed) {
    switch (style) {
        case ButtonStyle::Primary: return pressed ? colors::kPrimaryPressed : colors::kPrimary;
        case ButtonStyle::Secondary: return pressed ? colors::kSecondaryPressed : colors::kSecondary;
        case ButtonStyle::Help: return pressed ? colors::kHelpPressed : colors::kHelp;
        case ButtonStyle::Danger: return pressed ? colors::kHelpPressed : colors::kDanger;
    }
    return colors::kPrimary;
}

ImU32 textFor(ButtonStyle style) {
    return style == ButtonStyle::Secondary ? colors::kText : colors::kOnPrimary;
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

float textHeight(std::string_view value, ImFont* font, float width) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, value.data(), value.data() + value.size()).y;
}

bool bigButton(std::string_view label, ImVec2 size, ButtonStyle style, bool enabled, ImFont* font) {
    ImFont* face = font ? font : ImGui::GetFont();
    const ImVec2 textSize =
        face->CalcTextSizeA(face->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
    const float padding = ImGui::GetStyle().FramePadding.x;
    if (size.x <= 0) size.x = textSize.x + 2 * padding;
    size.y = std::max(size.y, 64.0f);

    bool held = false;
    const bool tapped = pressable(label, size, enabled, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    ImU32 fill = fillFor(style, held);
    if (!enabled) fill = colors::kSecondary;
    draw->AddRectFilled(min, max, fill, rounding);
    if (style == ButtonStyle::Secondary) draw->AddRect(min, max, colors::kBorder, rounding, 0, 2);

    const float wrap = size.x - 2 * padding;
    const ImVec2 wrapped =
        face->CalcTextSizeA(face->FontSize, FLT_MAX, wrap, label.data(), label.data() + label.size());
    if (wrapped.y > size.y || wrapped.x > wrap + 1) widgetRegistry().markLastClipped();
    const ImVec2 at(std::floor(min.x + (size.x - std::min(wrapped.x, wrap)) / 2),
                    std::floor(min.y + (size.y - wrapped.y) / 2));
    draw->AddText(face, face->FontSize, at, enabled ? textFor(style) : colors::kMutedText, label.data(),
                  label.data() + label.size(), wrap);
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
    draw->AddRect(min, max, speaking ? colors::kPrimary : colors::kBorder, rounding, 0,
                  speaking ? 4.0f : 2.0f);
    if (textSize.x + icon + iconGap > size.x - 2 * padding) widgetRegistry().markLastClipped();

    const float contentWidth = icon + iconGap + textSize.x;
    const ImVec2 iconAt(std::floor(min.x + (size.x - contentWidth) / 2),
                        std::floor(min.y + (size.y - icon) / 2));
    if (speaking) {
        const float inset = icon * 0.18f;
        draw->AddRectFilled(ImVec2(iconAt.x + inset, iconAt.y + inset),
                            ImVec2(iconAt.x + icon - inset, iconAt.y + icon - inset), colors::kPrimary, 3);
    } else {
        drawSpeaker(draw, iconAt, icon, colors::kPrimary);
    }
    const ImVec2 textAt(iconAt.x + icon + iconGap, std::floor(min.y + (size.y - textSize.y) / 2));
    draw->AddText(face, face->FontSize, textAt, colors::kText, label.data(), label.data() + label.size());
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
    draw->AddRect(min, max, colors::kBorder, rounding, 0, 2);
    const ImVec2 textSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, size.x * 0.9f, label.data(),
                                                label.data() + label.size());
    const float radius = std::min(size.x * 0.3f, (size.y - textSize.y) * 0.32f);
    const float top = min.y + (size.y - 2 * radius - textSize.y - radius * 0.4f) / 2;
    drawFace(draw, ImVec2(min.x + size.x / 2, top + radius), radius, mood, colors::kText);
    if (textSize.x > size.x * 0.9f + 1) widgetRegistry().markLastClipped();
    draw->AddText(font, font->FontSize,
                  ImVec2(std::floor(min.x + (size.x - textSize.x) / 2), top + radius * 2.4f), colors::kText,
                  label.data(), label.data() + label.size(), size.x * 0.9f);
    return tapped;
}

bool tile(std::string_view title, std::string_view hint, ImVec2 size, const Fonts& fonts,
          const Metrics& metrics) {
    bool held = false;
    const bool tapped = pressable(title, size, true, held);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, held ? colors::kSecondaryPressed : colors::kSurface, metrics.rounding);
    draw->AddRect(min, max, colors::kBorder, metrics.rounding, 0, 2);
    // A coloured band on the left tells tiles apart without relying on colour alone.
    draw->AddRectFilled(min, ImVec2(min.x + 14 * metrics.scale, max.y), colors::kPrimary, metrics.rounding,
                        ImDrawFlags_RoundCornersLeft);

    const float pad = metrics.gap * 1.4f;
    const float wrap = size.x - 2 * pad;
    const float titleHeight = textHeight(title, fonts.bodyBold, wrap);
    const float hintHeight = textHeight(hint, fonts.body, wrap);
    float y = min.y + (size.y - titleHeight - hintHeight - metrics.gap * 0.5f) / 2;
    draw->AddText(fonts.bodyBold, fonts.bodyBold->FontSize, ImVec2(min.x + pad, y), colors::kText,
                  title.data(), title.data() + title.size(), wrap);
    y += titleHeight + metrics.gap * 0.5f;
    draw->AddText(fonts.body, fonts.body->FontSize, ImVec2(min.x + pad, y), colors::kMutedText, hint.data(),
                  hint.data() + hint.size(), wrap);
    widgetRegistry().record(hint, ImVec2(min.x + pad, y), ImVec2(min.x + pad + wrap, y + hintHeight), true,
                            false);
    return tapped;
}

void text(std::string_view value, ImFont* font, ImU32 color, float width) {
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(value.data(), value.data() + value.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    widgetRegistry().record(value, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true, false);
}

void textCentered(std::string_view value, ImFont* font, ImU32 color, float centreX, float y, float width) {
    const ImVec2 size =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, width, value.data(), value.data() + value.size());
    const ImVec2 at(std::floor(centreX - size.x / 2), std::floor(y));
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, at, color, value.data(),
                                        value.data() + value.size(), width);
    widgetRegistry().record(value, at, ImVec2(at.x + size.x, at.y + size.y), true, false);
}

void notice(std::string_view message, ImFont* font, NoticeStyle style, float width, const Metrics& metrics) {
    const bool danger = style == NoticeStyle::Danger;
    const float pad = metrics.gap * 0.65f;
    const float rounding = metrics.rounding * 0.6f;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float height = textHeight(message, font, width - 2 * pad) + 2 * pad;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(min.x + width, min.y + height),
                        danger ? colors::kDangerSurface : colors::kSecondary, rounding);
    if (danger) {
        draw->AddRectFilled(min, ImVec2(min.x + 8 * metrics.scale, min.y + height), colors::kDanger, rounding,
                            ImDrawFlags_RoundCornersLeft);
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    text(message, font, danger ? colors::kDanger : colors::kText, width - 2 * pad);
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height + metrics.gap * 0.6f));
    ImGui::Dummy(ImVec2(0, 0));
}

void beginTouchScroll(const char* id, ImVec2 size) {
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
    const ImGuiIO& io = ImGui::GetIO();
    const bool over = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                             ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (over && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 12.0f)) gDragging = true;
    if (gDragging && io.MouseDown[0]) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    if (over && io.MouseWheel != 0) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * 80);
}

void endTouchScroll() {
    ImGui::EndChild();
}

void touchFrameEnded() {
    // Kept through the release frame so that release taps nothing; cleared on the frame after.
    if (!ImGui::GetIO().MouseDown[0] && !ImGui::IsMouseReleased(ImGuiMouseButton_Left)) gDragging = false;
}

bool touchDragInProgress() {
    return gDragging;
}

}  // namespace ui
