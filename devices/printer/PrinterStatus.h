// What the printer said about itself, and the one value the UI shows the citizen and the
// volunteer. Printing trouble never cancels a ticket: the ticket is issued either way.
#pragma once

#include <string_view>

namespace devices {

enum class PrinterState {
    Ready,        // answered: online, paper present
    PaperLow,     // answered: printed, but the roll is near its end
    PaperOut,     // answered: no paper — the slip was not printed
    CoverOpen,    // answered: cover open — the slip was not printed
    Offline,      // answered: offline for another reason (error, feed button held)
    Unreachable,  // could not open, connect or write in time
    Unknown,      // bytes were handed over; the printer cannot answer (file, one-way lp device)
};

// Stable names for logs and catalogue keys: "ready", "paper_low", "paper_out", "cover_open",
// "offline", "unreachable", "unknown".
std::string_view printerStateName(PrinterState state);

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
