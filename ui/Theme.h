// Look and size of every screen: a calm, high-contrast palette and sizes scaled from a 1080p
// design (body text 34 px there, touch targets never under 64 px).
#pragma once

#include <imgui.h>

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/Result.h"

namespace ui {

struct Metrics {
    float width = 1920;
    float height = 1080;
    float scale = 1;    // relative to 1920×1080
    float bodyPx = 34;  // ≥ 28 px at 1080p (issue #2)
    float titlePx = 56;
    float hugePx = 92;
    float touchTarget = 96;  // height of a standard button; never under 64 px
    float gap = 24;
    float margin = 48;
    float rounding = 18;
};

Metrics metricsFor(float width, float height);

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bodyBold = nullptr;
    ImFont* title = nullptr;
    ImFont* huge = nullptr;
};

// Noto Sans (fonts-noto-core) with the Vietnamese glyph range at the sizes of `metrics`; the
// huge face holds only digits, capitals and the glyphs of `hugeTexts`.
kiosk::Result<Fonts> loadFonts(const Metrics& metrics, const std::filesystem::path& fontDir,
                               const std::vector<std::string>& hugeTexts);

void applyTheme(const Metrics& metrics);

namespace colors {
inline constexpr ImU32 rgb(unsigned value) {
    return IM_COL32((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, 0xff);
}
inline constexpr ImU32 kBackground = rgb(0xF4F1EA);  // warm paper, easy on old eyes
inline constexpr ImU32 kSurface = rgb(0xFFFFFF);
inline constexpr ImU32 kText = rgb(0x1B1B1B);
inline constexpr ImU32 kMutedText = rgb(0x4A4A4A);
inline constexpr ImU32 kPrimary = rgb(0x0B5D8C);  // deep blue, 7:1 against white text
inline constexpr ImU32 kPrimaryPressed = rgb(0x07415F);
inline constexpr ImU32 kOnPrimary = rgb(0xFFFFFF);
inline constexpr ImU32 kSecondary = rgb(0xE3E8EE);
inline constexpr ImU32 kSecondaryPressed = rgb(0xC5CDD6);
inline constexpr ImU32 kHelp = rgb(0xB34700);  // "Get help" stands out but is not an alarm
inline constexpr ImU32 kHelpPressed = rgb(0x803300);
inline constexpr ImU32 kDanger = rgb(0xA31515);
inline constexpr ImU32 kDangerSurface = rgb(0xFBE3E3);
inline constexpr ImU32 kBorder = rgb(0xB9B2A4);
// Scan verdicts: each with white text at 4.5:1 or better, and told apart by words, not colour alone.
inline constexpr ImU32 kVerdictDanger = rgb(0xA31515);
inline constexpr ImU32 kVerdictCaution = rgb(0x8A4B00);  // amber dark enough for white text
inline constexpr ImU32 kVerdictSafe = rgb(0x1E6B2E);
inline constexpr ImU32 kVerdictNeutral = rgb(0x3F4B57);
inline constexpr ImU32 kScrim = IM_COL32(0, 0, 0, 150);
}  // namespace colors

}  // namespace ui
