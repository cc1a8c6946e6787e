#include "ui/setup/TouchKeys.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "kiosk/setup/Telex.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"

namespace ui {

using kiosk::i18n::MessageId;

namespace {

float keyHeight(const Metrics& m) {
    return std::max(64.0f, m.touchTarget * 0.8f);
}

float keyGap(const Metrics& m) {
    return m.gap / 3;
}

// One row of single-character keys, centred in `width`, each `keyWidth` wide.
// Erase takes a whole letter: "ễ" is three bytes, and half of it is not text.
void eraseLastLetter(std::string& value) {
    while (!value.empty() && (static_cast<unsigned char>(value.back()) & 0xC0) == 0x80)
        value.pop_back();
    if (!value.empty()) value.pop_back();
}

bool keyRow(std::string_view keys, bool capitals, float left, float keyWidth, const SetupView& view,
            std::string& value, std::size_t maxBytes, bool telex = false) {
    const Metrics& m = view.metrics;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    bool changed = false;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        char key = keys[i];
        if (capitals && key >= 'a' && key <= 'z') key = static_cast<char>(key - 'a' + 'A');
        const char label[2] = {key, '\0'};
        ImGui::SetCursorScreenPos(ImVec2(left + i * (keyWidth + keyGap(m)), start.y));
        ImGui::PushID(static_cast<int>(static_cast<unsigned char>(key)));
        if (bigButton(label, ImVec2(keyWidth, keyHeight(m)), ButtonStyle::Secondary, value.size() < maxBytes,
                      view.fonts.bodyBold)) {
            if (std::string typed = telex ? kiosk::setup::typeTelex(value, key) : value + key;
                typed.size() <= maxBytes) {
                value = std::move(typed);
                changed = true;
            }
        }
        ImGui::PopID();
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + keyHeight(m) + keyGap(m)));
    return changed;
}

}  // namespace

float touchKeyboardHeight(const Metrics& m, KeyboardLayout layout) {
    const int rows = layout == KeyboardLayout::Digits ? 4 : 5;
    return rows * (keyHeight(m) + keyGap(m));
}

bool touchKeyboard(const SetupView& view, KeyboardState& state, KeyboardLayout layout, std::string& value,
                   std::size_t maxBytes, float width) {
    const Metrics& m = view.metrics;
    const float left = ImGui::GetCursorScreenPos().x;
    bool changed = false;
    ImGui::PushID("keyboard");
    if (layout == KeyboardLayout::Digits) {
        const float keyWidth = std::min((width - 2 * keyGap(m)) / 3, 260 * m.scale);
        for (std::string_view row : {"123", "456", "789"})
            changed |= keyRow(row, false, left, keyWidth, view, value, maxBytes);
        const float y = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(ImVec2(left + keyWidth + keyGap(m), y));
        changed |= keyRow("0", false, left + keyWidth + keyGap(m), keyWidth, view, value, maxBytes);
        ImGui::SetCursorScreenPos(ImVec2(left + 2 * (keyWidth + keyGap(m)), y));
        if (bigButton(view.tr(MessageId::SetupErase), ImVec2(keyWidth, keyHeight(m)), ButtonStyle::Secondary,
                      !value.empty())) {
            value.pop_back();
            changed = true;
        }
        ImGui::SetCursorScreenPos(ImVec2(left, y + keyHeight(m) + keyGap(m)));
        ImGui::PopID();
        return changed;
    }
    // Ten columns; the letter rows are indented like a real keyboard so fingers find them.
    const float keyWidth = (width - 9 * keyGap(m)) / 10;
    const float step = keyWidth + keyGap(m);
    changed |= keyRow("1234567890", false, left, keyWidth, view, value, maxBytes);
    const bool telex = layout == KeyboardLayout::Vietnamese;
    changed |= keyRow("qwertyuiop", state.capitals, left, keyWidth, view, value, maxBytes, telex);
    changed |= keyRow("asdfghjkl", state.capitals, left + step / 2, keyWidth, view, value, maxBytes, telex);
    changed |= keyRow("zxcvbnm", state.capitals, left + step * 1.5f, keyWidth, view, value, maxBytes, telex);
    // Last row: Caps, the symbols URLs, tokens and paths need, space and Erase.
    const float y = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    if (bigButton(view.tr(MessageId::SetupKeyShift), ImVec2(step * 1.5f - keyGap(m), keyHeight(m)),
                  state.capitals ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
        state.capitals = !state.capitals;
    }
    ImGui::SetCursorScreenPos(ImVec2(left + step * 1.5f, y));
    changed |= keyRow("-_.:/@", false, left + step * 1.5f, keyWidth, view, value, maxBytes);
    ImGui::SetCursorScreenPos(ImVec2(left + step * 7.5f, y));
    if (bigButton(view.tr(MessageId::SetupKeySpace), ImVec2(step - keyGap(m), keyHeight(m)),
                  ButtonStyle::Secondary, value.size() < maxBytes)) {
        value.push_back(' ');
        changed = true;
    }
    ImGui::SetCursorScreenPos(ImVec2(left + step * 8.5f, y));
    if (bigButton(view.tr(MessageId::SetupErase), ImVec2(step * 1.5f - keyGap(m), keyHeight(m)),
                  ButtonStyle::Secondary, !value.empty())) {
        eraseLastLetter(value);
        changed = true;
    }
    ImGui::SetCursorScreenPos(ImVec2(left, y + keyHeight(m) + keyGap(m)));
    ImGui::PopID();
    return changed;
}

bool textField(const SetupView& view, std::string_view label, const char* id, std::string& value,
               bool& focused, float width, bool password) {
    const Metrics& m = view.metrics;
    text(label, view.fonts.bodyBold, palette().text, width);
    std::array<char, 513> buffer{};
    std::strncpy(buffer.data(), value.c_str(), buffer.size() - 1);
    ImGui::PushStyleVar(
        ImGuiStyleVar_FramePadding,
        ImVec2(m.gap / 2, std::max(4.0f, (m.touchTarget * 0.8f - view.fonts.body->FontSize) / 2)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, focused ? 3.0f : 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, focused ? palette().primary : palette().border);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, palette().surface);
    ImGui::PushFont(view.fonts.body);
    ImGui::SetNextItemWidth(width);
    const bool changed = ImGui::InputText(id, buffer.data(), buffer.size(),
                                          password ? ImGuiInputTextFlags_Password : ImGuiInputTextFlags_None);
    ImGui::PopFont();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(2);
    if (ImGui::IsItemActivated() || ImGui::IsItemClicked()) focused = true;
    widgetRegistry().record(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true, true);
    if (changed) value = buffer.data();
    // What the field holds, for the UI script to read back (never a password's).
    if (!password && !value.empty())
        widgetRegistry().record(value, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true, false);
    ImGui::Dummy(ImVec2(0, m.gap / 3));
    return changed;
}

bool pinPad(const SetupView& view, std::string& pin, std::string_view extra, float width) {
    const Metrics& m = view.metrics;
    const float padWidth = std::min(width, 700 * m.scale);
    const float left = ImGui::GetCursorScreenPos().x + (width - padWidth) / 2;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float box = std::min(m.touchTarget * 0.8f, (padWidth - 5 * m.gap) / 6);
    const float boxesLeft = left + (padWidth - 6 * box - 5 * m.gap) / 2;
    float y = ImGui::GetCursorScreenPos().y;
    for (std::size_t i = 0; i < 6; ++i) {
        const ImVec2 min(boxesLeft + i * (box + m.gap), y);
        draw->AddRect(min, ImVec2(min.x + box, min.y + box), palette().border, m.rounding / 2, 0, 3);
        if (i < pin.size())
            draw->AddCircleFilled(ImVec2(min.x + box / 2, min.y + box / 2), box / 5, palette().text);
    }
    y += box + m.gap / 2;
    const float keyWidth = (padWidth - 2 * keyGap(m)) / 3;
    const float height = keyHeight(m);
    bool extraTapped = false;
    ImGui::PushID("pin-pad");
    for (int i = 0; i < 12; ++i) {
        ImGui::SetCursorScreenPos(
            ImVec2(left + (i % 3) * (keyWidth + keyGap(m)), y + (i / 3) * (height + keyGap(m))));
        if (i < 9 || i == 10) {
            const char label[2] = {static_cast<char>(i == 10 ? '0' : '1' + i), '\0'};
            if (bigButton(label, ImVec2(keyWidth, height), ButtonStyle::Secondary, pin.size() < 6,
                          view.fonts.title)) {
                pin.push_back(label[0]);
            }
        } else if (i == 9) {
            if (bigButton(view.tr(MessageId::SetupErase), ImVec2(keyWidth, height), ButtonStyle::Secondary,
                          !pin.empty())) {
                pin.pop_back();
            }
        } else if (!extra.empty()) {
            extraTapped = bigButton(extra, ImVec2(keyWidth, height), ButtonStyle::Secondary);
        }
    }
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(left - (width - padWidth) / 2, y + 4 * (height + keyGap(m))));
    return extraTapped;
}

}  // namespace ui
