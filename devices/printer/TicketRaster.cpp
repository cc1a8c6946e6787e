#include "devices/printer/TicketRaster.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "devices/printer/RasterText.h"

namespace devices {

namespace {

using raster::Font;
using raster::TextStyle;

struct Block {
    const Font* face;
    float pixelHeight;
    std::vector<std::u32string> lines;
    int gapBefore;  // dots of paper above the block
};

}  // namespace

kiosk::Result<MonoImage> renderTicketRaster(const TicketPrintout& printout, int widthDots,
                                            const TicketFonts& fonts) {
    auto faces = raster::loadSlipFaces(widthDots, fonts.regular, fonts.bold);
    if (!faces) return faces.error();
    const Font& regular = faces->regular;
    const Font& bold = faces->bold;

    // Sizes are fractions of the paper width so 58 mm and 80 mm slips look alike.
    const float w = static_cast<float>(widthDots);
    const int margin = widthDots / 24;
    const float usable = w - 2.0f * static_cast<float>(margin);
    const int ruleThickness = std::max(2, widthDots / 192);

    auto wrapped = [&](const Font& face, float px, const std::string& text, int gap) {
        const TextStyle style(face, px);
        return Block{&face, px, raster::wrap(style, raster::decodeUtf8(text), usable), gap};
    };
    // The number is the one thing read from across the room: as big as fits on one line.
    const std::u32string number = raster::decodeUtf8(printout.numberLabel);
    float numberPx = w * 0.40f;
    const float numberWidth = TextStyle(bold, numberPx).measure(number);
    if (numberWidth > usable) numberPx *= usable / numberWidth;

    const std::vector<Block> top{wrapped(bold, w * 0.055f, printout.commune, margin / 2)};
    // The line box keeps headroom for stacked Vietnamese marks; a label like "A012" leaves it
    // empty, and on a slip printed hundreds of times a day that blank paper adds up.
    const TextStyle numberStyle(bold, numberPx);
    const int numberHeadroom = std::max(0, numberStyle.ascent() - numberStyle.inkTop(number));
    const std::vector<Block> bottom{
        Block{&bold, numberPx, {number}, margin - numberHeadroom},
        wrapped(regular, w * 0.06f, printout.serviceName, 0),
        wrapped(regular, w * 0.048f, printout.timeText, margin / 2),
        wrapped(regular, w * 0.048f, printout.peopleAheadText, 0),
    };

    auto blocksHeight = [](const std::vector<Block>& blocks) {
        int total = 0;
        for (const Block& block : blocks) {
            if (block.lines.empty()) continue;
            total += block.gapBefore + TextStyle(*block.face, block.pixelHeight).lineHeight() *
                                           static_cast<int>(block.lines.size());
        }
        return total;
    };
    const int ruleGap = margin / 2;
    const int height = blocksHeight(top) + ruleGap + ruleThickness + blocksHeight(bottom) + margin;
    std::vector<std::uint8_t> canvas(static_cast<std::size_t>(widthDots) * static_cast<std::size_t>(height),
                                     0);

    int y = 0;
    auto drawBlocks = [&](const std::vector<Block>& blocks) {
        for (const Block& block : blocks) {
            if (block.lines.empty()) continue;
            const TextStyle style(*block.face, block.pixelHeight);
            y += block.gapBefore;
            for (const std::u32string& line : block.lines) {
                const float x = (w - style.measure(line)) / 2;
                style.draw(line, x, y + style.ascent(), canvas, widthDots, height);
                y += style.lineHeight();
            }
        }
    };
    drawBlocks(top);
    y += ruleGap;
    for (int ry = y; ry < y + ruleThickness; ++ry) {
        std::fill_n(canvas.begin() + static_cast<std::ptrdiff_t>(ry) * widthDots + margin,
                    widthDots - 2 * margin, std::uint8_t{255});
    }
    y += ruleThickness;
    drawBlocks(bottom);

    return raster::threshold(canvas, widthDots, height);
}

}  // namespace devices
