#include "devices/printer/GuideSlipRaster.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "devices/printer/RasterText.h"

namespace devices {

namespace {

using raster::Font;
using raster::TextStyle;

// One printed line, already wrapped, or a rule across the paper (text empty, rule = true).
struct Line {
    const Font* font = nullptr;
    float px = 0;
    std::u32string text;
    float x = 0;  // left edge; ignored when centred
    bool centred = false;
    int gapBefore = 0;  // dots of paper above it
    bool rule = false;
};

class SlipLayout {
public:
    explicit SlipLayout(int widthDots) : width_(static_cast<float>(widthDots)), margin_(widthDots / 24) {}

    float usable() const { return width_ - 2.0f * static_cast<float>(margin_); }
    int margin() const { return margin_; }

    void centred(const Font& font, float px, const std::string& text, int gapBefore) {
        if (text.empty()) return;
        const TextStyle style(font, px);
        bool first = true;
        for (auto& line : raster::wrap(style, raster::decodeUtf8(text), usable())) {
            lines_.push_back(Line{&font, px, std::move(line), 0, true, first ? gapBefore : 0, false});
            first = false;
        }
    }

    // "1. Text that wraps" with the wrapped lines under the text, not under the number.
    void item(const Font& font, float px, const std::string& marker, const std::string& text, int gapBefore) {
        const TextStyle style(font, px);
        const std::u32string mark = raster::decodeUtf8(marker);
        const float indent = style.measure(raster::decodeUtf8("00. "));
        const float left = static_cast<float>(margin_);
        bool first = true;
        for (auto& line : raster::wrap(style, raster::decodeUtf8(text), usable() - indent)) {
            if (first) lines_.push_back(Line{&font, px, mark, left, false, gapBefore, false});
            lines_.push_back(Line{&font, px, std::move(line), left + indent, false, 0, false});
            if (first) lines_.back().gapBefore = -1;  // on the marker's line
            first = false;
        }
    }

    void left(const Font& font, float px, const std::string& text, int gapBefore) {
        const TextStyle style(font, px);
        bool first = true;
        for (auto& line : raster::wrap(style, raster::decodeUtf8(text), usable())) {
            lines_.push_back(Line{&font, px, std::move(line), static_cast<float>(margin_), false,
                                  first ? gapBefore : 0, false});
            first = false;
        }
    }

    void rule(int gapBefore) { lines_.push_back(Line{nullptr, 0, {}, 0, false, gapBefore, true}); }

    const std::vector<Line>& lines() const { return lines_; }

    int ruleThickness() const { return std::max(2, static_cast<int>(width_) / 192); }

    // Total height; a line whose gapBefore is -1 shares the row of the line before it.
    int height() const {
        int total = 0;
        for (const Line& line : lines_) {
            if (line.gapBefore < 0) continue;
            total +=
                line.gapBefore + (line.rule ? ruleThickness() : TextStyle(*line.font, line.px).lineHeight());
        }
        return total + margin_;
    }

    std::vector<std::uint8_t> draw(int height) const {
        const int w = static_cast<int>(width_);
        std::vector<std::uint8_t> canvas(static_cast<std::size_t>(w) * static_cast<std::size_t>(height), 0);
        int y = 0;
        int rowTop = 0;
        for (const Line& line : lines_) {
            if (line.gapBefore >= 0) {
                rowTop = y + line.gapBefore;
                y = rowTop + (line.rule ? ruleThickness() : TextStyle(*line.font, line.px).lineHeight());
            }
            if (line.rule) {
                for (int ry = rowTop; ry < rowTop + ruleThickness() && ry < height; ++ry) {
                    std::fill_n(canvas.begin() + static_cast<std::ptrdiff_t>(ry) * w + margin_,
                                w - 2 * margin_, std::uint8_t{255});
                }
                continue;
            }
            const TextStyle style(*line.font, line.px);
            const float x = line.centred ? (width_ - style.measure(line.text)) / 2 : line.x;
            style.draw(line.text, x, rowTop + style.ascent(), canvas, w, height);
        }
        return canvas;
    }

private:
    float width_;
    int margin_;
    std::vector<Line> lines_;
};

}  // namespace

kiosk::Result<MonoImage> renderGuideSlipRaster(const kiosk::content::GuideSlip& slip, int widthDots,
                                               const TicketFonts& fonts) {
    auto faces = raster::loadSlipFaces(widthDots, fonts.regular, fonts.bold);
    if (!faces) return faces.error();
    const Font& regular = faces->regular;
    const Font& bold = faces->bold;

    // Sizes are fractions of the paper width, as on the ticket; the body is about 3.3 mm tall on
    // 80 mm paper, larger than a receipt's print for older eyes.
    const float w = static_cast<float>(widthDots);
    const float body = w * 0.046f;
    const auto layoutWith = [&](size_t stepCount) {
        SlipLayout layout(widthDots);
        const int gap = layout.margin() / 2;
        layout.centred(bold, w * 0.05f, slip.centre, gap);
        layout.centred(regular, body, slip.hours, 0);
        layout.rule(gap);
        layout.centred(bold, w * 0.06f, slip.title, gap);
        layout.left(bold, body, slip.stepsHeading, gap);
        for (size_t i = 0; i < stepCount; ++i)
            layout.item(regular, body, std::to_string(i + 1) + ".", slip.steps[i], gap / 3);
        if (stepCount < slip.steps.size()) layout.left(regular, body, slip.moreSteps, gap / 3);
        layout.rule(gap);
        layout.left(bold, body, slip.safetyHeading, gap);
        for (const std::string& rule : slip.safetyRules)
            layout.item(regular, body, "•", rule, gap / 3);
        layout.rule(gap);
        layout.centred(regular, w * 0.04f, slip.footer, gap / 2);
        return layout;
    };

    // The most steps that fit (the height grows with every step, so a binary search finds it).
    size_t steps = slip.steps.size();
    if (layoutWith(steps).height() > kMaxGuideSlipDots) {
        size_t fits = 0, tooMany = steps;
        while (tooMany - fits > 1) {
            const size_t middle = (fits + tooMany) / 2;
            (layoutWith(middle).height() <= kMaxGuideSlipDots ? fits : tooMany) = middle;
        }
        steps = fits;
    }
    const SlipLayout layout = layoutWith(steps);
    const int height = layout.height();
    if (height > kMaxGuideSlipDots) {
        return kiosk::Error{"printer.too_long",
                            "the guide slip would be " + std::to_string(height / kPrinterDotsPerMm) +
                                " mm long even without its steps; the limit is " +
                                std::to_string(kMaxGuideSlipDots / kPrinterDotsPerMm) + " mm"};
    }
    return raster::threshold(layout.draw(height), widthDots, height);
}

}  // namespace devices
