#include "ui/TicketPrinting.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "devices/printer/TicketPrinter.h"
#include "kiosk/speech/SpokenText.h"

namespace ui {

using devices::PrinterState;
using kiosk::i18n::Language;
using kiosk::i18n::MessageId;

namespace {

std::string slipTime() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%H:%M — %d/%m/%Y", &local);
    return buffer;
}

}  // namespace

MessageId printerProblemText(PrinterState state) {
    switch (state) {
        case PrinterState::PaperOut: return MessageId::PrinterPaperOut;
        case PrinterState::PaperLow: return MessageId::PrinterPaperLow;
        case PrinterState::CoverOpen: return MessageId::PrinterCoverOpen;
        case PrinterState::Offline: return MessageId::PrinterOffline;
        case PrinterState::Unreachable: return MessageId::PrinterUnreachable;
        case PrinterState::Ready:
        case PrinterState::Unknown: break;
    }
    return MessageId::PrinterUnreachable;
}

TicketPrinting::TicketPrinting(devices::PrinterAddress printer, const kiosk::i18n::Catalogue& catalogue,
                               std::string communeName, std::vector<kiosk::queue::Service> services)
    : printer_(std::move(printer)),
      catalogue_(catalogue),
      communeName_(std::move(communeName)),
      services_(std::move(services)),
      worker_(std::make_unique<kiosk::store::BackgroundWorker>()) {}

TicketPrinting::~TicketPrinting() = default;

void TicketPrinting::print(const kiosk::session::IssuedTicket& ticket) {
    devices::TicketPrintout slip;
    slip.commune = communeName_;
    slip.numberLabel = ticket.label;
    if (const auto* found = kiosk::queue::findService(services_, ticket.service))
        slip.serviceName = found->name.vi;
    slip.timeText = slipTime();
    slip.peopleAheadText = kiosk::speech::peopleAheadText(catalogue_, Language::Vi, ticket);
    latest_ = PrintState{ticket.label, PrintPhase::Printing, PrinterState::Unknown};
    worker_->post([this, slip = std::move(slip)]() -> kiosk::store::BackgroundWorker::Completion {
        const devices::PrintReport report = devices::printTicket(printer_, slip);
        if (!report.detail.empty()) {
            spdlog::warn("printer: ticket {} {}: {}", slip.numberLabel,
                         devices::printerStateName(report.state), report.detail);
        }
        return [this, label = slip.numberLabel, report] {
            if (!latest_ || latest_->label != label) return;  // a newer ticket's print is what counts
            latest_->phase = kiosk::print::slipPrinted(report.sent, report.state) ? PrintPhase::Printed
                                                                                  : PrintPhase::Failed;
            latest_->printer = report.state;
        };
    });
}

std::optional<PrinterState> TicketPrinting::problem() const {
    if (!latest_ || latest_->phase == PrintPhase::Printing) return std::nullopt;
    return kiosk::print::troubleToReport(latest_->printer);
}

}  // namespace ui
