#include "ui/GuidePrinting.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "devices/printer/TicketPrinter.h"
#include "kiosk/print/PrinterState.h"

namespace ui {

namespace {

std::string slipDate() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%d/%m/%Y", &local);
    return buffer;
}

}  // namespace

GuidePrinter::GuidePrinter(devices::PrinterAddress printer, const kiosk::i18n::Catalogue& catalogue,
                           kiosk::content::SlipCentre centre)
    : printer_(std::move(printer)),
      catalogue_(catalogue),
      centre_(std::move(centre)),
      worker_(std::make_unique<kiosk::store::BackgroundWorker>()) {}

GuidePrinter::~GuidePrinter() = default;

bool GuidePrinter::canPrint(std::string_view walkthroughId, int session) const {
    const auto state = stateFor(walkthroughId, session);
    return !busy() && (!state || state->phase == PrintPhase::Failed);
}

std::optional<GuidePrintState> GuidePrinter::stateFor(std::string_view walkthroughId, int session) const {
    if (!latest_ || latest_->walkthroughId != walkthroughId || latest_->session != session)
        return std::nullopt;
    return latest_;
}

void GuidePrinter::print(const kiosk::content::Walkthrough& walkthrough,
                         const std::vector<std::string>& pathTaken, kiosk::i18n::Language language,
                         int session) {
    if (!canPrint(walkthrough.id, session)) return;
    kiosk::content::GuideSlip slip =
        kiosk::content::makeGuideSlip(walkthrough, pathTaken, catalogue_, language, centre_, slipDate());
    latest_ = GuidePrintState{walkthrough.id, session, PrintPhase::Printing, devices::PrinterState::Unknown};
    worker_->post([this, slip = std::move(slip), id = walkthrough.id,
                   session]() -> kiosk::store::BackgroundWorker::Completion {
        const devices::PrintReport report = devices::printGuideSlip(printer_, slip);
        if (!report.detail.empty()) {
            spdlog::warn("printer: guide {} {}: {}", id, devices::printerStateName(report.state),
                         report.detail);
        }
        return [this, id, session, report] {
            if (!latest_ || latest_->walkthroughId != id || latest_->session != session) return;
            latest_->phase = kiosk::print::slipPrinted(report.sent, report.state) ? PrintPhase::Printed
                                                                                  : PrintPhase::Failed;
            latest_->printer = report.state;
        };
    });
}

}  // namespace ui
