// Prints one ticket slip end to end: render, encode, ask the printer, send. Blocking (at most a
// few timeouts): run it on a worker thread and show the returned state when it comes back.
#pragma once

#include <string>

#include "devices/printer/PrinterConnection.h"
#include "devices/printer/PrinterStatus.h"
#include "devices/printer/TicketPrintout.h"
#include "devices/printer/TicketRaster.h"

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

}  // namespace devices
