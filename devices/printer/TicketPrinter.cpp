#include "devices/printer/TicketPrinter.h"

#include "devices/printer/EscPos.h"
#include "devices/printer/GuideSlipRaster.h"

namespace devices {

PrintReport printRaster(const PrinterAddress& address, const MonoImage& raster,
                        std::chrono::milliseconds timeout) {
    auto connection = PrinterConnection::open(address, timeout);
    if (!connection) return PrintReport{PrinterState::Unreachable, false, connection.error().message};

    const std::optional<PrinterStatus> before = connection->queryStatus();
    if (before && !before->canPrint()) return PrintReport{before->state(), false, {}};

    const auto bytes = encodeEscPos(raster);
    const auto sent = connection->write(bytes);
    if (!sent) return PrintReport{PrinterState::Unreachable, false, sent.error().message};
    return PrintReport{before ? before->state() : PrinterState::Unknown, true, {}};
}

PrintReport printTicket(const PrinterAddress& address, const TicketPrintout& printout, int widthDots,
                        std::chrono::milliseconds timeout, const TicketFonts& fonts) {
    // Render first: a missing font is a setup problem, and says so without touching the printer.
    const auto raster = renderTicketRaster(printout, widthDots, fonts);
    if (!raster) return PrintReport{PrinterState::Unknown, false, raster.error().message};
    return printRaster(address, *raster, timeout);
}

PrintReport printGuideSlip(const PrinterAddress& address, const kiosk::content::GuideSlip& slip,
                           int widthDots, std::chrono::milliseconds timeout, const TicketFonts& fonts) {
    const auto raster = renderGuideSlipRaster(slip, widthDots, fonts);
    if (!raster) return PrintReport{PrinterState::Unknown, false, raster.error().message};
    return printRaster(address, *raster, timeout);
}

}  // namespace devices
