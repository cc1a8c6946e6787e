// Renders a ticket slip to a 1-bit raster with Noto Sans (RasterText.h), so Vietnamese
// diacritics come out right on any printer, whatever its built-in code pages. Pure apart from
// reading the two font files.
#pragma once

#include <string>

#include "devices/printer/MonoImage.h"
#include "devices/printer/TicketPrintout.h"
#include "kiosk/Result.h"

namespace devices {

inline constexpr int kPaper80mmDots = 576;  // 72 mm printable at 203 dpi
inline constexpr int kPaper58mmDots = 384;  // 48 mm printable at 203 dpi

struct TicketFonts {
    std::string regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::string bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
};

// Centred lines, top to bottom: commune (bold, wrapped), a rule, the number (bold, shrunk to fit
// the width), service name (wrapped), time, people ahead. Text is expected in NFC, as our
// catalogue holds it; a stray combining mark is centred over the letter before it.
// Errors: "printer.font" when a font file is missing or unreadable, "printer.width" for a
// width below 96 dots.
kiosk::Result<MonoImage> renderTicketRaster(const TicketPrintout& printout, int widthDots = kPaper80mmDots,
                                            const TicketFonts& fonts = {});

}  // namespace devices
