#include "ui/Theme.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace ui {

Metrics metricsFor(float width, float height) {
    Metrics m;
    m.width = width;
    m.height = height;
    // Smaller screens shrink less than proportionally: at 1280×800 text stays ≥ 25 px.
    m.scale = std::max(0.75f, std::min(width / 1920.0f, height / 1080.0f));
    m.bodyPx = 34 * m.scale;
    m.titlePx = 56 * m.scale;
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
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kBackground);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kText);
    c[ImGuiCol_ScrollbarBg] = ImGui::ColorConvertU32ToFloat4(colors::kSecondary);
    c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(colors::kBorder);
    // Touch has no hover: the hovered look equals the resting look, so nothing "sticks" after a tap.
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
    c[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(colors::kMutedText);
    c[ImGuiCol_ModalWindowDimBg] = ImGui::ColorConvertU32ToFloat4(colors::kScrim);
}

}  // namespace ui
