// Text on a thermal printer's raster: TrueType faces drawn with stb_truetype onto an 8-bit
// coverage canvas, then thresholded to dots. Shared by every slip the kiosk prints (the queue
// ticket and the take-home guide), so Vietnamese marks come out the same on both. Pure apart
// from reading font files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "devices/printer/MonoImage.h"
#include "kiosk/Result.h"

namespace devices::raster {

// One TrueType face read from a file. Movable; the glyph data lives as long as the Font.
class Font {
public:
    // Error "printer.font" when the file is missing or not a font.
    static kiosk::Result<Font> load(const std::string& path);

    Font(Font&&) noexcept;
    Font& operator=(Font&&) noexcept;
    ~Font();

    struct Face;  // stb_truetype's state, kept out of this header (its functions are static)

private:
    explicit Font(std::unique_ptr<Face> face);
    std::unique_ptr<Face> face_;
    friend class TextStyle;
};

// The regular and bold faces of a slip, after checking the paper is wide enough to print on.
struct SlipFaces {
    Font regular;
    Font bold;
};
// Errors: "printer.width" below 96 dots, "printer.font" for a missing or broken font file.
kiosk::Result<SlipFaces> loadSlipFaces(int widthDots, const std::string& regularPath,
                                       const std::string& boldPath);

// UTF-8 to code points; a broken sequence becomes U+FFFD so a bad string still prints.
std::u32string decodeUtf8(std::string_view text);

// One face at one size, laid out on a pen line with kerning.
class TextStyle {
public:
    TextStyle(const Font& font, float pixelHeight);

    int ascent() const { return ascent_; }
    int lineHeight() const { return lineHeight_; }
    float pixelHeight() const { return pixelHeight_; }

    // How far the ink of `text` reaches above the baseline.
    int inkTop(std::u32string_view text) const;
    float measure(std::u32string_view text) const;
    // Draws onto an 8-bit coverage canvas (0 = paper, 255 = full ink), clipped to it. A combining
    // mark (NFD) is centred over the letter before it: stb_truetype does no mark positioning.
    void draw(std::u32string_view text, float x, int baseline, std::vector<std::uint8_t>& canvas, int width,
              int height) const;

private:
    const Font::Face* face_;
    float pixelHeight_;
    float scale_;
    int ascent_ = 0;
    int lineHeight_ = 0;
};

// Greedy word wrap; a word wider than the line is broken between letters.
std::vector<std::u32string> wrap(const TextStyle& style, const std::u32string& text, float maxWidth);

// Thermal dots are on or off; half coverage is the threshold that keeps strokes their width.
MonoImage threshold(const std::vector<std::uint8_t>& canvas, int width, int height);

}  // namespace devices::raster
