#include "devices/printer/TicketRaster.h"

// The implementation is compiled into this file with internal linkage (STBTT_STATIC) so that
// kiosk_devices needs no extra link flag and cannot clash with the copy inside Dear ImGui.
#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>
#include <vector>

namespace devices {

namespace {

struct Face {
    std::vector<unsigned char> data;  // stbtt_fontinfo points into it: never resized after init
    stbtt_fontinfo info{};
};

kiosk::Result<std::unique_ptr<Face>> loadFace(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    auto face = std::make_unique<Face>();
    if (file) face->data.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    const int offset = face->data.empty() ? -1 : stbtt_GetFontOffsetForIndex(face->data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&face->info, face->data.data(), offset)) {
        return kiosk::Error{"printer.font",
                            "cannot read the ticket font " + path + ": install the fonts-noto-core package"};
    }
    return face;
}

// UTF-8 to code points; a broken sequence becomes U+FFFD so a bad string still prints.
std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        int length = lead < 0x80           ? 1
                     : (lead >> 5) == 0x6  ? 2
                     : (lead >> 4) == 0xE  ? 3
                     : (lead >> 3) == 0x1E ? 4
                                           : 0;
        char32_t cp = length == 1   ? lead
                      : length == 2 ? lead & 0x1F
                      : length == 3 ? lead & 0x0F
                                    : lead & 0x07;
        bool valid = length > 0 && i + static_cast<std::size_t>(length) <= text.size();
        for (int k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            valid = (next & 0xC0) == 0x80;
            cp = (cp << 6) | (next & 0x3F);
        }
        if (!valid) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(length);
    }
    return out;
}

// One run of text in one face and size, laid out on a pen line.
class TextStyle {
public:
    TextStyle(const Face& face, float pixelHeight)
        : face_(face), scale_(stbtt_ScaleForPixelHeight(&face.info, pixelHeight)) {
        int ascent = 0, descent = 0, lineGap = 0;
        stbtt_GetFontVMetrics(&face.info, &ascent, &descent, &lineGap);
        ascent_ = static_cast<int>(std::ceil(static_cast<float>(ascent) * scale_));
        lineHeight_ = static_cast<int>(std::ceil(static_cast<float>(ascent - descent) * scale_));
    }

    int ascent() const { return ascent_; }
    int lineHeight() const { return lineHeight_; }

    // How far the ink of `text` reaches above the baseline.
    int inkTop(std::u32string_view text) const {
        int top = 0;
        walk(text, [&](int glyph, float, float) {
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            stbtt_GetGlyphBitmapBox(&face_.info, glyph, scale_, scale_, &x0, &y0, &x1, &y1);
            top = std::max(top, -y0);
        });
        return top;
    }

    float measure(std::u32string_view text) const {
        float width = 0;
        walk(text, [&](int, float penX, float advance) { width = std::max(width, penX + advance); });
        return width;
    }

    // Draws onto an 8-bit coverage canvas (0 = paper, 255 = full ink), clipped to it.
    void draw(std::u32string_view text, float x, int baseline, std::vector<std::uint8_t>& canvas, int width,
              int height) const {
        float lastCentre = x;
        walk(text, [&](int glyph, float penX, float advance) {
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            const float shiftX = (x + penX) - std::floor(x + penX);
            stbtt_GetGlyphBitmapBoxSubpixel(&face_.info, glyph, scale_, scale_, shiftX, 0, &x0, &y0, &x1,
                                            &y1);
            int left = static_cast<int>(std::floor(x + penX)) + x0;
            if (advance == 0 && x1 > x0) {
                // A combining mark: stb_truetype does no mark positioning, so centre it over
                // the letter before it (good enough for the rare NFD string).
                left = static_cast<int>(std::lround(lastCentre - static_cast<float>(x1 - x0) / 2));
            } else {
                lastCentre = x + penX + advance / 2;
            }
            const int w = x1 - x0, h = y1 - y0;
            if (w <= 0 || h <= 0) return;
            std::vector<unsigned char> glyphBitmap(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
            stbtt_MakeGlyphBitmapSubpixel(&face_.info, glyphBitmap.data(), w, h, w, scale_, scale_, shiftX, 0,
                                          glyph);
            for (int gy = 0; gy < h; ++gy) {
                const int cy = baseline + y0 + gy;
                if (cy < 0 || cy >= height) continue;
                for (int gx = 0; gx < w; ++gx) {
                    const int cx = left + gx;
                    if (cx < 0 || cx >= width) continue;
                    auto& dot = canvas[static_cast<std::size_t>(cy) * static_cast<std::size_t>(width) +
                                       static_cast<std::size_t>(cx)];
                    dot =
                        std::max(dot, glyphBitmap[static_cast<std::size_t>(gy) * static_cast<std::size_t>(w) +
                                                  static_cast<std::size_t>(gx)]);
                }
            }
        });
    }

private:
    // Calls visit(glyph, penX, advance) per code point, with kerning between neighbours.
    template <class Visit>
    void walk(std::u32string_view text, Visit visit) const {
        float penX = 0;
        int previous = 0;
        for (const char32_t cp : text) {
            const int glyph = stbtt_FindGlyphIndex(&face_.info, static_cast<int>(cp));
            int advance = 0, leftBearing = 0;
            stbtt_GetGlyphHMetrics(&face_.info, glyph, &advance, &leftBearing);
            if (previous != 0 && advance != 0) {
                penX += static_cast<float>(stbtt_GetGlyphKernAdvance(&face_.info, previous, glyph)) * scale_;
            }
            const float scaledAdvance = static_cast<float>(advance) * scale_;
            visit(glyph, penX, scaledAdvance);
            penX += scaledAdvance;
            if (advance != 0) previous = glyph;
        }
    }

    const Face& face_;
    float scale_;
    int ascent_ = 0;
    int lineHeight_ = 0;
};

// Greedy word wrap; a word wider than the line is broken between letters.
std::vector<std::u32string> wrap(const TextStyle& style, const std::u32string& text, float maxWidth) {
    std::vector<std::u32string> lines;
    std::u32string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(U' ', start);
        if (end == std::u32string::npos) end = text.size();
        std::u32string word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        const std::u32string candidate = line.empty() ? word : line + U' ' + word;
        if (style.measure(candidate) <= maxWidth) {
            line = candidate;
            continue;
        }
        if (!line.empty()) lines.push_back(line);
        line.clear();
        while (style.measure(word) > maxWidth && word.size() > 1) {
            std::size_t fit = 1;
            while (fit + 1 < word.size() && style.measure(word.substr(0, fit + 1)) <= maxWidth)
                ++fit;
            lines.push_back(word.substr(0, fit));
            word.erase(0, fit);
        }
        line = word;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

struct Block {
    const Face* face;
    float pixelHeight;
    std::vector<std::u32string> lines;
    int gapBefore;  // dots of paper above the block
};

}  // namespace

kiosk::Result<MonoImage> renderTicketRaster(const TicketPrintout& printout, int widthDots,
                                            const TicketFonts& fonts) {
    if (widthDots < 96) {
        return kiosk::Error{"printer.width",
                            "the ticket is too narrow to print: " + std::to_string(widthDots) +
                                " dots; use 384 (58 mm paper) or 576 (80 mm paper)"};
    }
    auto regular = loadFace(fonts.regular);
    if (!regular) return regular.error();
    auto bold = loadFace(fonts.bold);
    if (!bold) return bold.error();

    // Sizes are fractions of the paper width so 58 mm and 80 mm slips look alike.
    const float w = static_cast<float>(widthDots);
    const int margin = widthDots / 24;
    const float usable = w - 2.0f * static_cast<float>(margin);
    const int ruleThickness = std::max(2, widthDots / 192);

    auto wrapped = [&](const Face& face, float px, const std::string& text, int gap) {
        const TextStyle style(face, px);
        return Block{&face, px, wrap(style, decodeUtf8(text), usable), gap};
    };
    // The number is the one thing read from across the room: as big as fits on one line.
    const std::u32string number = decodeUtf8(printout.numberLabel);
    float numberPx = w * 0.40f;
    const float numberWidth = TextStyle(**bold, numberPx).measure(number);
    if (numberWidth > usable) numberPx *= usable / numberWidth;

    const std::vector<Block> top{wrapped(**bold, w * 0.055f, printout.commune, margin / 2)};
    // The line box keeps headroom for stacked Vietnamese marks; a label like "A012" leaves it
    // empty, and on a slip printed hundreds of times a day that blank paper adds up.
    const TextStyle numberStyle(**bold, numberPx);
    const int numberHeadroom = std::max(0, numberStyle.ascent() - numberStyle.inkTop(number));
    const std::vector<Block> bottom{
        Block{bold->get(), numberPx, {number}, margin - numberHeadroom},
        wrapped(**regular, w * 0.06f, printout.serviceName, 0),
        wrapped(**regular, w * 0.048f, printout.timeText, margin / 2),
        wrapped(**regular, w * 0.048f, printout.peopleAheadText, 0),
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

    // Thermal dots are on or off; half coverage is the threshold that keeps strokes their width.
    MonoImage raster(widthDots, height);
    for (int py = 0; py < height; ++py) {
        for (int px = 0; px < widthDots; ++px) {
            if (canvas[static_cast<std::size_t>(py) * static_cast<std::size_t>(widthDots) +
                       static_cast<std::size_t>(px)] >= 128) {
                raster.setBlack(px, py);
            }
        }
    }
    return raster;
}

}  // namespace devices
