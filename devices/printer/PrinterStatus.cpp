#include "devices/printer/PrinterStatus.h"

namespace devices {

std::string_view printerStateName(PrinterState state) {
    switch (state) {
        case PrinterState::Ready: return "ready";
        case PrinterState::PaperLow: return "paper_low";
        case PrinterState::PaperOut: return "paper_out";
        case PrinterState::CoverOpen: return "cover_open";
        case PrinterState::Offline: return "offline";
        case PrinterState::Unreachable: return "unreachable";
        case PrinterState::Unknown: return "unknown";
    }
    return "unknown";
}

PrinterState PrinterStatus::state() const {
    // A printer out of paper or with its cover open also reports itself offline; the cause is
    // what the volunteer needs to know.
    if (paperOut) return PrinterState::PaperOut;
    if (coverOpen) return PrinterState::CoverOpen;
    if (!online) return PrinterState::Offline;
    if (paperLow) return PrinterState::PaperLow;
    return PrinterState::Ready;
}

}  // namespace devices
