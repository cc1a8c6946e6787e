// Look and size of every screen: sizes scaled by the screen's height from a 1080p design where
// body text is 30 px to the em and headings 44 px (readable by a 70-year-old at arm's length),
// touch targets never under 64 px; a calm palette and a high-contrast one. Citizens choose a
// larger text size and the high-contrast palette for their own session (footer toggles).
#pragma once

#include <imgui.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/Result.h"

namespace ui {

// ImGui sizes a font by its line height (ascender to descender); Noto Sans's em is this much
// smaller, and readability rules are stated per em.
inline constexpr float kNotoLineHeightPerEm = 1.362f;

enum class TextSize { Standard, Large };

struct Metrics {
    float width = 1920;
    float height = 1080;
    float scale = 1;  // layout, relative to 1920×1080
    TextSize textSize = TextSize::Standard;
    float bodyEm = 30;  // the em in pixels: ≥ 30 at 1080p, scaled by height
    float titleEm = 44;
    float bodyPx = 30 * kNotoLineHeightPerEm;  // what ImGui loads the face at
    float titlePx = 44 * kNotoLineHeightPerEm;
    float hugePx = 92;
    float touchTarget = 96;  // height of a standard button; never under 64 px
    float gap = 24;
    float margin = 48;
    float rounding = 18;
};

Metrics metricsFor(float width, float height, TextSize textSize = TextSize::Standard);

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

// ImGui's own style (padding, spacing, scrollbars) for `metrics` and the palette in use.
void applyTheme(const Metrics& metrics);

// Loads the fonts again for new metrics (a citizen's larger text), between frames.
using FontLoader = std::function<kiosk::Result<Fonts>(const Metrics&)>;

inline constexpr ImU32 rgb(unsigned value) {
    return IM_COL32((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, 0xff);
}

// Every colour a screen draws with. Two palettes: the calm standard one and a high-contrast one
// (white and yellow on black) a citizen can switch to for their session.
struct Palette {
    ImU32 background;
    ImU32 surface;
    ImU32 text;
    ImU32 mutedText;
    ImU32 primary;  // filled buttons and accents
    ImU32 primaryPressed;
    ImU32 onPrimary;  // text on primary, help and danger fills
    ImU32 secondary;  // outlined buttons: this fill, a strong border, text in `text`
    ImU32 secondaryPressed;
    ImU32 secondaryBorder;
    ImU32 help;  // "Get help" stands out but is not an alarm
    ImU32 helpPressed;
    ImU32 danger;
    ImU32 dangerSurface;
    ImU32 border;
    // Scan verdicts: white text on each at 4.5:1 or better, told apart by words, not colour alone.
    ImU32 verdictDanger;
    ImU32 verdictCaution;
    ImU32 verdictSafe;
    ImU32 verdictNeutral;
    ImU32 scrim;
};

enum class Contrast { Standard, High };

// The palette screens draw with now; usePalette() switches it between frames.
const Palette& palette();
void usePalette(Contrast contrast);

}  // namespace ui
