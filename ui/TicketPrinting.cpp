#include "ui/TicketPrinting.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "devices/printer/TicketPrinter.h"

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

bool printed(const devices::PrintReport& report) {
    return report.sent && (report.state == PrinterState::Ready || report.state == PrinterState::PaperLow ||
                           report.state == PrinterState::Unknown);
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

PrintingTicketDesk::PrintingTicketDesk(kiosk::session::TicketDesk& inner, devices::PrinterAddress printer,
                                       const kiosk::i18n::Catalogue& catalogue, std::string communeName)
    : inner_(inner),
      printer_(std::move(printer)),
      catalogue_(catalogue),
      communeName_(std::move(communeName)),
      worker_(std::make_unique<kiosk::store::BackgroundWorker>()) {}

PrintingTicketDesk::~PrintingTicketDesk() = default;

kiosk::Result<kiosk::session::IssuedTicket> PrintingTicketDesk::issue(
    char service, kiosk::queue::Priority priority, const kiosk::session::TicketTags& tags) {
    auto issued = inner_.issue(service, priority, tags);
    if (!issued) return issued;
    devices::TicketPrintout slip;
    slip.commune = communeName_;
    slip.numberLabel = issued->label;
    if (const auto* found = kiosk::queue::findService(services(), service)) slip.serviceName = found->name.vi;
    slip.timeText = slipTime();
    slip.peopleAheadText =
        issued->ahead == 0
            ? catalogue_.text(Language::Vi, MessageId::TicketNobodyAhead)
            : kiosk::i18n::formatMessage(catalogue_.text(Language::Vi, MessageId::TicketPeopleAhead),
                                         {{"count", std::to_string(issued->ahead)}});
    latest_ = PrintState{issued->label, PrintPhase::Printing, PrinterState::Unknown};
    worker_->post([this, slip = std::move(slip)]() -> kiosk::store::BackgroundWorker::Completion {
        const devices::PrintReport report = devices::printTicket(printer_, slip);
        if (!report.detail.empty()) {
            spdlog::warn("printer: ticket {} {}: {}", slip.numberLabel,
                         devices::printerStateName(report.state), report.detail);
        }
        return [this, label = slip.numberLabel, report] {
            if (!latest_ || latest_->label != label) return;  // a newer ticket's print is what counts
            latest_->phase = printed(report) ? PrintPhase::Printed : PrintPhase::Failed;
            latest_->printer = report.state;
        };
    });
    return issued;
}

std::optional<PrinterState> PrintingTicketDesk::problem() const {
    if (!latest_ || latest_->phase == PrintPhase::Printing) return std::nullopt;
    if (latest_->printer == PrinterState::Ready || latest_->printer == PrinterState::Unknown)
        return std::nullopt;
    return latest_->printer;
}

}  // namespace ui
