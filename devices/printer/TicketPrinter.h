// Prints one slip end to end: render, encode, ask the printer, send. Blocking (at most a few
// timeouts): run it on a worker thread and show the returned state when it comes back. The queue
// ticket and the take-home guide slip go the same way (printRaster).
#pragma once

#include <string>

#include "devices/printer/PrinterConnection.h"
#include "devices/printer/PrinterStatus.h"
#include "devices/printer/TicketPrintout.h"
#include "devices/printer/TicketRaster.h"
#include "kiosk/content/GuideSlip.h"

namespace devices {

struct PrintReport {
    PrinterState state = PrinterState::Unknown;  // what the UI shows
    bool sent = false;                           // all bytes were handed to the printer (or file)
    std::string detail;  // for the technician's log: the error message, empty when all went well
};

// A printer that answers "no paper", "cover open" or "offline" gets nothing, so a stale slip
// does not come out later for the wrong citizen; one that cannot answer gets the slip and the
// state is Unknown (or Ready/PaperLow when it answers).
PrintReport printTicket(const PrinterAddress& address, const TicketPrintout& printout,
                        int widthDots = kPaper80mmDots, std::chrono::milliseconds timeout = kPrinterTimeout,
                        const TicketFonts& fonts = {});

// The take-home guide slip (GuideSlipRaster.h), the same way as a ticket.
PrintReport printGuideSlip(const PrinterAddress& address, const kiosk::content::GuideSlip& slip,
                           int widthDots = kPaper80mmDots,
                           std::chrono::milliseconds timeout = kPrinterTimeout,
                           const TicketFonts& fonts = {});

// Asks the printer, then sends the raster as ESC/POS, unless the printer says it cannot print.
PrintReport printRaster(const PrinterAddress& address, const MonoImage& raster,
                        std::chrono::milliseconds timeout = kPrinterTimeout);

}  // namespace devices
