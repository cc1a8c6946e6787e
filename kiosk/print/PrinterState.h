// What a ticket printer said about itself, and the rules every screen shares about it: whether a
// slip came out, and whether the volunteer should be told. Pure. Printing trouble never cancels
// a ticket: the ticket exists once it is committed; the printer only adds paper.
#pragma once

#include <optional>
#include <string_view>

namespace kiosk::print {

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

// A slip came out: every byte was handed over and the printer did not say it could not print.
// A printer that cannot answer (Unknown) gets the benefit of the doubt: the citizen is told it
// printed, and the volunteer sees the slip in the tray or not.
bool slipPrinted(bool sent, PrinterState state);

// The trouble a volunteer must fix (paper out, cover open, ...); nullopt when printing works.
// Paper low is worth a word to the volunteer even though the slip came out.
std::optional<PrinterState> troubleToReport(PrinterState state);

}  // namespace kiosk::print
