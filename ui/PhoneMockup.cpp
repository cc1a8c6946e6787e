#include "ui/PhoneMockup.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"

namespace ui {

using kiosk::content::PhoneElementKind;

namespace {

// Centred on `centre` both ways, in the kiosk's line rule (wrapLines).
void drawLabel(ImFont* font, std::string_view text, ImVec2 centre, float wrap, ImU32 color) {
    textCentered(text, font, color, centre.x, centre.y - textHeight(text, font, wrap) / 2, wrap);
}

// A hand with the index finger up, its tip at `tip`: the phone's "touch here", drawn so that it
// cannot be mistaken for a kiosk button.
void drawPointingHand(ImDrawList* draw, ImVec2 tip, float size, ImU32 fill, ImU32 outline) {
    const float finger = size * 0.22f;
    const ImVec2 fingerMin(tip.x - finger / 2, tip.y);
    const ImVec2 fingerMax(tip.x + finger / 2, tip.y + size * 0.55f);
    const ImVec2 palmMin(tip.x - finger / 2, tip.y + size * 0.42f);
    const ImVec2 palmMax(tip.x + size * 0.55f, tip.y + size);
    for (const auto& [min, max, round] :
         {std::tuple{palmMin, palmMax, size * 0.18f}, std::tuple{fingerMin, fingerMax, finger / 2}}) {
        draw->AddRectFilled(min, max, fill, round);
        draw->AddRect(min, max, outline, round, 0, std::max(2.0f, size * 0.05f));
    }
    // The folded fingers' knuckles.
    for (int i = 1; i <= 2; ++i) {
        const float x = palmMin.x + finger + (palmMax.x - palmMin.x - finger) * i / 3.0f;
        draw->AddLine(ImVec2(x, palmMin.y + size * 0.04f), ImVec2(x, palmMin.y + size * 0.2f), outline,
                      std::max(2.0f, size * 0.04f));
    }
}

}  // namespace

void drawPhoneMockup(const kiosk::content::PhoneMockup& phone, std::string_view languageCode, ImVec2 areaMin,
                     ImVec2 areaMax, float pulse, std::string_view caption, const Fonts& fonts,
                     const Metrics& metrics) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float captionHeight = fonts.bodyBold->FontSize * 1.6f;
    drawLabel(fonts.bodyBold, caption, ImVec2((areaMin.x + areaMax.x) / 2, areaMin.y + captionHeight / 2),
              areaMax.x - areaMin.x, palette().mutedText);
    areaMin.y += captionHeight;
    // A 9:18 phone, as large as the area allows.
    const float areaWidth = areaMax.x - areaMin.x;
    const float areaHeight = areaMax.y - areaMin.y;
    const float height = std::min(areaHeight, areaWidth * 2.0f);
    const float width = height / 2.0f;
    const ImVec2 body(areaMin.x + (areaWidth - width) / 2, areaMin.y + (areaHeight - height) / 2);
    const float bezel = 14 * metrics.scale;
    const float radius = 36 * metrics.scale;
    draw->AddRectFilled(body, ImVec2(body.x + width, body.y + height), rgb(0x2B2B2B), radius);
    const ImVec2 screenMin(body.x + bezel, body.y + bezel * 2.5f);
    const ImVec2 screenMax(body.x + width - bezel, body.y + height - bezel * 2.5f);
    draw->AddRectFilled(screenMin, screenMax, palette().surface, radius * 0.5f);

    const float screenWidth = screenMax.x - screenMin.x;
    const float pad = 14 * metrics.scale;
    const float inner = screenWidth - 2 * pad;
    // Title bar.
    const float barHeight = fonts.bodyBold->FontSize * 2.2f;
    draw->AddRectFilled(screenMin, ImVec2(screenMax.x, screenMin.y + barHeight), palette().primary,
                        radius * 0.5f, ImDrawFlags_RoundCornersTop);
    drawLabel(fonts.bodyBold, phone.title.in(languageCode),
              ImVec2(screenMin.x + screenWidth / 2, screenMin.y + barHeight / 2), inner, palette().onPrimary);

    float y = screenMin.y + barHeight + pad * 1.5f;
    const float rowHeight = std::max(fonts.body->FontSize * 2.1f, 56 * metrics.scale);
    for (const auto& element : phone.elements) {
        const std::string& label = element.label.in(languageCode);
        const ImVec2 min(screenMin.x + pad, y);
        const ImVec2 max(screenMax.x - pad, y + rowHeight);
        switch (element.kind) {
            case PhoneElementKind::Text:
                drawLabel(fonts.body, label, ImVec2(min.x + inner / 2, y + rowHeight / 2), inner,
                          palette().text);
                break;
            case PhoneElementKind::Field:
                draw->AddRect(min, max, palette().border, 8 * metrics.scale, 0, 2);
                drawLabel(fonts.body, label, ImVec2(min.x + inner / 2, y + rowHeight / 2), inner,
                          palette().mutedText);
                break;
            case PhoneElementKind::Button:
                draw->AddRectFilled(min, max, element.tap ? palette().primary : palette().secondary,
                                    rowHeight / 2);
                drawLabel(fonts.bodyBold, label, ImVec2(min.x + inner / 2, y + rowHeight / 2), inner,
                          element.tap ? palette().onPrimary : palette().text);
                break;
        }
        if (element.tap) {
            // A ring that breathes around the thing to tap, and words saying so.
            const float grow = (3 + 7 * pulse) * metrics.scale;
            const ImU32 ring = IM_COL32(0xB3, 0x47, 0x00, static_cast<int>(255 * (0.55f + 0.45f * pulse)));
            draw->AddRect(ImVec2(min.x - grow, min.y - grow), ImVec2(max.x + grow, max.y + grow), ring,
                          rowHeight / 2 + grow, 0, 4 * metrics.scale);
            const float hand = rowHeight * 1.1f;
            drawPointingHand(draw, ImVec2(min.x + inner * 0.72f, max.y - rowHeight * 0.25f), hand,
                             rgb(0xF2D2B6), rgb(0x6B4A2F));
            y += hand * 0.8f;
        }
        y += rowHeight + pad;
        if (y > screenMax.y - rowHeight)
            break;  // content promises at most 8 elements; never draw off the phone
    }
}

}  // namespace ui
