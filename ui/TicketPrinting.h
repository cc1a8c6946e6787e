// Prints every ticket the kiosk issues, on its own worker thread, and remembers how the latest
// print went so the citizen's screen and the volunteer desk can say it. It subscribes to the
// core's issued tickets (kiosk::service::StoredJourney::onTicketIssued): the ticket exists once
// it is committed, so a printer that is off, out of paper or unplugged never stops a ticket —
// the screen then asks the citizen to remember it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "devices/printer/PrinterConnection.h"
#include "devices/printer/PrinterStatus.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/queue/Service.h"
#include "kiosk/session/JourneyStore.h"
#include "kiosk/store/BackgroundWorker.h"

namespace ui {

enum class PrintPhase { Printing, Printed, Failed };

struct PrintState {
    std::string label;  // the ticket it is about
    PrintPhase phase = PrintPhase::Printing;
    devices::PrinterState printer = devices::PrinterState::Unknown;
};

class TicketPrinting {
public:
    // `catalogue` must outlive this. The slip is in Vietnamese, like the centre's signs.
    TicketPrinting(devices::PrinterAddress printer, const kiosk::i18n::Catalogue& catalogue,
                   std::string communeName, std::vector<kiosk::queue::Service> services);
    ~TicketPrinting();

    // Starts printing a committed ticket (UI thread).
    void print(const kiosk::session::IssuedTicket& ticket);
    // Applies finished prints; once per frame on the UI thread.
    void update() { worker_->runCompletions(); }
    bool busy() const { return worker_->outstanding() > 0; }
    const std::optional<PrintState>& latest() const { return latest_; }
    // The printer's trouble as last seen (paper out, offline, ...), for the volunteer desk.
    std::optional<devices::PrinterState> problem() const;

private:
    devices::PrinterAddress printer_;
    const kiosk::i18n::Catalogue& catalogue_;
    std::string communeName_;
    std::vector<kiosk::queue::Service> services_;
    std::optional<PrintState> latest_;
    std::unique_ptr<kiosk::store::BackgroundWorker> worker_;  // last: joins first
};

// The citizen-facing words for a printer state ("hết giấy" / "out of paper").
kiosk::i18n::MessageId printerProblemText(devices::PrinterState state);

}  // namespace ui
