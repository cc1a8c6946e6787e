// What the printer said about itself, and the one value the UI shows the citizen and the
// volunteer. Printing trouble never cancels a ticket: the ticket is issued either way.
#pragma once

#include <string_view>

#include "kiosk/print/PrinterState.h"

namespace devices {

// The states and the printed-or-not rule are the core's (kiosk/print/PrinterState.h).
using kiosk::print::PrinterState;
using kiosk::print::printerStateName;

// The printer's answer to DLE EOT 1, 2 and 4 (see EscPos.h).
struct PrinterStatus {
    bool online = false;
    bool paperOut = false;
    bool paperLow = false;
    bool coverOpen = false;

    PrinterState state() const;  // the most serious condition wins
    bool canPrint() const { return online && !paperOut && !coverOpen; }
    bool operator==(const PrinterStatus&) const = default;
};

}  // namespace devices
