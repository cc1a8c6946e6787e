#include "devices/printer/PrinterStatus.h"

namespace devices {

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
