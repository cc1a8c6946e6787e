#include "ui/Theme.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr Palette kStandardPalette{
    .background = rgb(0xF4F1EA),  // warm paper, easy on old eyes
    .surface = rgb(0xFFFFFF),
    .text = rgb(0x1B1B1B),
    .mutedText = rgb(0x4A4A4A),
    .primary = rgb(0x0B5D8C),  // deep blue, 7:1 against white text
    .primaryPressed = rgb(0x07415F),
    .onPrimary = rgb(0xFFFFFF),
    .secondary = rgb(0xFFFFFF),
    .secondaryPressed = rgb(0xD6E4EE),
    .secondaryBorder = rgb(0x0B5D8C),
    .help = rgb(0xB34700),
    .helpPressed = rgb(0x803300),
    .danger = rgb(0xA31515),
    .dangerSurface = rgb(0xFBE3E3),
    .border = rgb(0xB9B2A4),
    .verdictDanger = rgb(0xA31515),
    .verdictCaution = rgb(0x8A4B00),  // amber dark enough for white text
    .verdictSafe = rgb(0x1E6B2E),
    .verdictNeutral = rgb(0x3F4B57),
    .scrim = IM_COL32(0, 0, 0, 150),
};

// White and yellow on black: text pairs above 15:1; verdict fills keep white text at 7:1 or more.
constexpr Palette kHighContrastPalette{
    .background = rgb(0x000000),
    .surface = rgb(0x000000),
    .text = rgb(0xFFFFFF),
    .mutedText = rgb(0xFFFFFF),
    .primary = rgb(0xFFE14D),
    .primaryPressed = rgb(0xC9AE1E),
    .onPrimary = rgb(0x000000),
    .secondary = rgb(0x000000),
    .secondaryPressed = rgb(0x333333),
    .secondaryBorder = rgb(0xFFFFFF),
    .help = rgb(0xFF9E3D),
    .helpPressed = rgb(0xCC7A26),
    .danger = rgb(0xFF8080),
    .dangerSurface = rgb(0x000000),
    .border = rgb(0xFFFFFF),
    .verdictDanger = rgb(0x9E0000),
    .verdictCaution = rgb(0x6B3A00),
    .verdictSafe = rgb(0x00591C),
    .verdictNeutral = rgb(0x2B343D),
    .scrim = IM_COL32(0, 0, 0, 200),
};

const Palette* gPalette = &kStandardPalette;

}  // namespace

const Palette& palette() {
    return *gPalette;
}

void usePalette(Contrast contrast) {
    gPalette = contrast == Contrast::High ? &kHighContrastPalette : &kStandardPalette;
}

Metrics metricsFor(float width, float height, TextSize textSize) {
    Metrics m;
    m.width = width;
    m.height = height;
    m.textSize = textSize;
    // Layout shrinks less than proportionally on smaller screens; text follows the height, so a
    // line is as tall relative to the screen at 800p as at 1080p.
    m.scale = std::max(0.75f, std::min(width / 1920.0f, height / 1080.0f));
    const float byHeight = height / 1080.0f;
    const float enlarged = textSize == TextSize::Large ? 1.25f : 1.0f;
    m.bodyEm = 30 * byHeight * enlarged;
    m.titleEm = 44 * byHeight * enlarged;
    m.bodyPx = std::round(m.bodyEm * kNotoLineHeightPerEm);
    m.titlePx = std::round(m.titleEm * kNotoLineHeightPerEm);
    m.hugePx = 92 * m.scale;
    m.touchTarget = std::max(64.0f, 96 * m.scale);
    m.gap = 24 * m.scale;
    m.margin = 48 * m.scale;
    m.rounding = 18 * m.scale;
    return m;
}

kiosk::Result<Fonts> loadFonts(const Metrics& metrics, const std::filesystem::path& fontDir,
                               const std::vector<std::string>& hugeTexts) {
    const auto regular = fontDir / "NotoSans-Regular.ttf";
    const auto bold = fontDir / "NotoSans-Bold.ttf";
    for (const auto& file : {regular, bold}) {
        std::error_code ignored;
        if (!std::filesystem::is_regular_file(file, ignored)) {
            return kiosk::Error{
                "ui.font_missing",
                "font " + file.string() + " is missing; install the Debian package fonts-noto-core"};
        }
    }
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();

    // Vietnamese letters plus the punctuation our texts use (dashes, quotes, ellipsis, bullets).
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
        static const ImWchar kExtra[] = {0x00A0, 0x00FF, 0x2010, 0x2027, 0x2030, 0x205E,
                                         0x2190, 0x2193, 0x20AB, 0x20AB, 0};
        builder.AddRanges(kExtra);
        builder.BuildRanges(&ranges);
    }
    ImFontConfig config;
    config.OversampleH = 1;  // text is ≥ 25 px: oversampling buys nothing visible and doubles the atlas
    config.PixelSnapH = true;
    config.OversampleV = 1;
    Fonts fonts;
    fonts.body = io.Fonts->AddFontFromFileTTF(regular.c_str(), metrics.bodyPx, &config, ranges.Data);
    fonts.bodyBold = io.Fonts->AddFontFromFileTTF(bold.c_str(), metrics.bodyPx, &config, ranges.Data);
    fonts.title = io.Fonts->AddFontFromFileTTF(bold.c_str(), metrics.titlePx, &config, ranges.Data);
    // The huge face shows a few known texts and ticket numbers; its glyphs at 92 px would
    // otherwise be half the atlas (measured: peak RSS over the 120 MB goal).
    static ImVector<ImWchar> hugeRanges;
    hugeRanges.clear();
    ImFontGlyphRangesBuilder hugeBuilder;
    hugeBuilder.AddText("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -:.");
    for (const std::string& text : hugeTexts)
        hugeBuilder.AddText(text.c_str(), text.c_str() + text.size());
    hugeBuilder.BuildRanges(&hugeRanges);
    fonts.huge = io.Fonts->AddFontFromFileTTF(bold.c_str(), metrics.hugePx, &config, hugeRanges.Data);
    if (!fonts.body || !fonts.bodyBold || !fonts.title || !fonts.huge || !io.Fonts->Build()) {
        return kiosk::Error{"ui.font_failed", "cannot load the Noto Sans fonts from " + fontDir.string()};
    }
    io.FontDefault = fonts.body;
    spdlog::debug("font atlas {}x{}", io.Fonts->TexWidth, io.Fonts->TexHeight);
    return fonts;
}

void applyTheme(const Metrics& metrics) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(metrics.margin, metrics.margin);
    style.FramePadding = ImVec2(metrics.gap, metrics.gap * 0.6f);
    style.ItemSpacing = ImVec2(metrics.gap, metrics.gap);
    style.WindowRounding = 0;
    style.FrameRounding = metrics.rounding;
    style.ScrollbarSize = std::max(24.0f, 32 * metrics.scale);  // wide enough for a finger
    style.ScrollbarRounding = metrics.rounding;
    style.WindowBorderSize = 0;
    style.TouchExtraPadding = ImVec2(4, 4);
    if (gPalette == &kHighContrastPalette) ImGui::StyleColorsDark(&style);
    const Palette& p = palette();
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(p.background);
    c[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(p.surface);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(p.text);
    c[ImGuiCol_ScrollbarBg] = ImGui::ColorConvertU32ToFloat4(p.background);
    c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(p.border);
    // Touch has no hover: the hovered look equals the resting look, so nothing "sticks" after a tap.
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
    c[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(p.mutedText);
    c[ImGuiCol_ModalWindowDimBg] = ImGui::ColorConvertU32ToFloat4(p.scrim);
}

}  // namespace ui
