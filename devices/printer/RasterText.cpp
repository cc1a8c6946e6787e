#include "devices/printer/RasterText.h"

// The implementation is compiled into this file with internal linkage (STBTT_STATIC) so that
// kiosk_devices needs no extra link flag and cannot clash with the copy inside Dear ImGui.
#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <iterator>

namespace devices::raster {

struct Font::Face {
    std::vector<unsigned char> data;  // stbtt_fontinfo points into it: never resized after init
    stbtt_fontinfo info{};
};

Font::Font(std::unique_ptr<Face> face) : face_(std::move(face)) {}
Font::Font(Font&&) noexcept = default;
Font& Font::operator=(Font&&) noexcept = default;
Font::~Font() = default;

kiosk::Result<Font> Font::load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    auto face = std::make_unique<Face>();
    if (file) face->data.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    const int offset = face->data.empty() ? -1 : stbtt_GetFontOffsetForIndex(face->data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&face->info, face->data.data(), offset)) {
        return kiosk::Error{"printer.font",
                            "cannot read the printer font " + path + ": install the fonts-noto-core package"};
    }
    return Font(std::move(face));
}

kiosk::Result<SlipFaces> loadSlipFaces(int widthDots, const std::string& regularPath,
                                       const std::string& boldPath) {
    if (widthDots < 96) {
        return kiosk::Error{"printer.width", "the slip is too narrow to print: " + std::to_string(widthDots) +
                                                 " dots; use 384 (58 mm paper) or 576 (80 mm paper)"};
    }
    auto regular = Font::load(regularPath);
    if (!regular) return regular.error();
    auto bold = Font::load(boldPath);
    if (!bold) return bold.error();
    return SlipFaces{std::move(*regular), std::move(*bold)};
}

namespace {

// Calls visit(glyph, penX, advance) per code point, with kerning between neighbours.
template <class Visit>
void walk(const stbtt_fontinfo& info, float scale, std::u32string_view text, Visit visit) {
    float penX = 0;
    int previous = 0;
    for (const char32_t cp : text) {
        const int glyph = stbtt_FindGlyphIndex(&info, static_cast<int>(cp));
        int advance = 0, leftBearing = 0;
        stbtt_GetGlyphHMetrics(&info, glyph, &advance, &leftBearing);
        if (previous != 0 && advance != 0) {
            penX += static_cast<float>(stbtt_GetGlyphKernAdvance(&info, previous, glyph)) * scale;
        }
        const float scaledAdvance = static_cast<float>(advance) * scale;
        visit(glyph, penX, scaledAdvance);
        penX += scaledAdvance;
        if (advance != 0) previous = glyph;
    }
}

}  // namespace

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

TextStyle::TextStyle(const Font& font, float pixelHeight)
    : face_(font.face_.get()),
      pixelHeight_(pixelHeight),
      scale_(stbtt_ScaleForPixelHeight(&font.face_->info, pixelHeight)) {
    int ascent = 0, descent = 0, lineGap = 0;
    stbtt_GetFontVMetrics(&face_->info, &ascent, &descent, &lineGap);
    ascent_ = static_cast<int>(std::ceil(static_cast<float>(ascent) * scale_));
    lineHeight_ = static_cast<int>(std::ceil(static_cast<float>(ascent - descent) * scale_));
}

int TextStyle::inkTop(std::u32string_view text) const {
    int top = 0;
    walk(face_->info, scale_, text, [&](int glyph, float, float) {
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        stbtt_GetGlyphBitmapBox(&face_->info, glyph, scale_, scale_, &x0, &y0, &x1, &y1);
        top = std::max(top, -y0);
    });
    return top;
}

float TextStyle::measure(std::u32string_view text) const {
    float width = 0;
    walk(face_->info, scale_, text,
         [&](int, float penX, float advance) { width = std::max(width, penX + advance); });
    return width;
}

void TextStyle::draw(std::u32string_view text, float x, int baseline, std::vector<std::uint8_t>& canvas,
                     int width, int height) const {
    float lastCentre = x;
    walk(face_->info, scale_, text, [&](int glyph, float penX, float advance) {
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        const float shiftX = (x + penX) - std::floor(x + penX);
        stbtt_GetGlyphBitmapBoxSubpixel(&face_->info, glyph, scale_, scale_, shiftX, 0, &x0, &y0, &x1, &y1);
        int left = static_cast<int>(std::floor(x + penX)) + x0;
        if (advance == 0 && x1 > x0) {
            left = static_cast<int>(std::lround(lastCentre - static_cast<float>(x1 - x0) / 2));
        } else {
            lastCentre = x + penX + advance / 2;
        }
        const int w = x1 - x0, h = y1 - y0;
        if (w <= 0 || h <= 0) return;
        std::vector<unsigned char> glyphBitmap(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        stbtt_MakeGlyphBitmapSubpixel(&face_->info, glyphBitmap.data(), w, h, w, scale_, scale_, shiftX, 0,
                                      glyph);
        for (int gy = 0; gy < h; ++gy) {
            const int cy = baseline + y0 + gy;
            if (cy < 0 || cy >= height) continue;
            for (int gx = 0; gx < w; ++gx) {
                const int cx = left + gx;
                if (cx < 0 || cx >= width) continue;
                auto& dot = canvas[static_cast<std::size_t>(cy) * static_cast<std::size_t>(width) +
                                   static_cast<std::size_t>(cx)];
                dot = std::max(dot, glyphBitmap[static_cast<std::size_t>(gy) * static_cast<std::size_t>(w) +
                                                static_cast<std::size_t>(gx)]);
            }
        }
    });
}

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

MonoImage threshold(const std::vector<std::uint8_t>& canvas, int width, int height) {
    MonoImage raster(width, height);
    for (int py = 0; py < height; ++py) {
        for (int px = 0; px < width; ++px) {
            if (canvas[static_cast<std::size_t>(py) * static_cast<std::size_t>(width) +
                       static_cast<std::size_t>(px)] >= 128) {
                raster.setBlack(px, py);
            }
        }
    }
    return raster;
}

}  // namespace devices::raster
