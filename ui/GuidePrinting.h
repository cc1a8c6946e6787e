// Prints take-home guide slips (the walkthrough's key steps, the safety rules, the centre's name
// and hours) on its own worker thread, and remembers how the latest print went so the walkthrough
// screen can say "printing", "take your slip" or why not. One slip per walkthrough per citizen:
// after a slip came out the button rests, so a tap-happy visitor cannot empty the roll.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "devices/printer/PrinterConnection.h"
#include "devices/printer/PrinterStatus.h"
#include "kiosk/content/GuideSlip.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/store/BackgroundWorker.h"
#include "ui/TicketPrinting.h"

namespace ui {

struct GuidePrintState {
    std::string walkthroughId;
    int session = 0;  // CitizenSession::wipeCount() when it was asked for: a new citizen starts clean
    PrintPhase phase = PrintPhase::Printing;
    devices::PrinterState printer = devices::PrinterState::Unknown;
};

class GuidePrinter {
public:
    // `catalogue` must outlive this.
    GuidePrinter(devices::PrinterAddress printer, const kiosk::i18n::Catalogue& catalogue,
                 kiosk::content::SlipCentre centre);
    ~GuidePrinter();

    // Renders and sends the slip for `walkthrough` as the citizen walked it (`pathTaken`), in their
    // language. Ignored while a print is under way or once this citizen's slip came out.
    void print(const kiosk::content::Walkthrough& walkthrough, const std::vector<std::string>& pathTaken,
               kiosk::i18n::Language language, int session);
    // Whether the button may be offered for this walkthrough and citizen.
    bool canPrint(std::string_view walkthroughId, int session) const;
    // The latest print, if it was for this walkthrough and citizen.
    std::optional<GuidePrintState> stateFor(std::string_view walkthroughId, int session) const;

    // Applies finished prints; once per frame on the UI thread.
    void update() { worker_->runCompletions(); }
    bool busy() const { return worker_->outstanding() > 0; }

private:
    devices::PrinterAddress printer_;
    const kiosk::i18n::Catalogue& catalogue_;
    kiosk::content::SlipCentre centre_;
    std::optional<GuidePrintState> latest_;
    std::unique_ptr<kiosk::store::BackgroundWorker> worker_;  // last: joins first
};

}  // namespace ui
