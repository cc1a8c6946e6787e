// Renders a take-home guide slip (kiosk/content/GuideSlip.h) to a 1-bit raster for the ticket
// printer, with the same text engine as the queue ticket (RasterText.h): centre and hours, the
// walkthrough's title and numbered key steps, the safety rules, the print date. Never longer
// than kMaxGuideSlipDots: when the steps do not fit, the last ones give way to a "see the rest on
// the kiosk" line, and the safety rules are always printed. Pure apart from reading fonts.
#pragma once

#include "devices/printer/MonoImage.h"
#include "devices/printer/TicketRaster.h"
#include "kiosk/Result.h"
#include "kiosk/content/GuideSlip.h"

namespace devices {

inline constexpr int kPrinterDotsPerMm = 8;  // 203 dpi thermal heads
// 40 cm of paper: a slip a citizen folds into a pocket, not a roll.
inline constexpr int kMaxGuideSlipDots = 400 * kPrinterDotsPerMm;

// Errors: "printer.font" (missing font), "printer.width" (below 96 dots), "printer.too_long"
// when even the slip without any step would exceed kMaxGuideSlipDots.
kiosk::Result<MonoImage> renderGuideSlipRaster(const kiosk::content::GuideSlip& slip,
                                               int widthDots = kPaper80mmDots, const TicketFonts& fonts = {});

}  // namespace devices
