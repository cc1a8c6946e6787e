#include "kiosk/print/PrinterState.h"

namespace kiosk::print {

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

bool slipPrinted(bool sent, PrinterState state) {
    switch (state) {
        case PrinterState::Ready:
        case PrinterState::PaperLow:
        case PrinterState::Unknown: return sent;
        case PrinterState::PaperOut:
        case PrinterState::CoverOpen:
        case PrinterState::Offline:
        case PrinterState::Unreachable: return false;
    }
    return false;
}

std::optional<PrinterState> troubleToReport(PrinterState state) {
    if (state == PrinterState::Ready || state == PrinterState::Unknown) return std::nullopt;
    return state;
}

}  // namespace kiosk::print
