#include "ui/KioskApp.h"

#include <spdlog/spdlog.h>

#include "kiosk/queue/HelpRequestLog.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::session::IdlePhase;
using kiosk::session::Screen;

KioskApp::KioskApp(kiosk::config::KioskConfig config, kiosk::i18n::Catalogue catalogue,
                   kiosk::Result<kiosk::store::Database> database, Metrics metrics, Fonts fonts)
    : config_(std::move(config)),
      catalogue_(std::move(catalogue)),
      metrics_(metrics),
      fonts_(fonts),
      session_(config_.language),
      idle_(std::chrono::seconds(config_.idleSeconds), std::chrono::seconds(config_.idleCountdownSeconds)),
      journey_(session_, idle_, [this](const kiosk::session::HelpRequest& request) -> kiosk::Status {
          if (!database_) return kiosk::Error{"store.unavailable", storageProblem_.value_or("no database")};
          kiosk::Status saved = kiosk::queue::recordHelpRequest(*database_, request);
          if (!saved) spdlog::error("help request not saved: {}", saved.error().message);
          return saved;
      }) {
    if (database) {
        database_.emplace(std::move(database).value());
    } else {
        storageProblem_ = database.error().message;
    }
}

void KioskApp::onCitizenInput() {
    journey_.noteInput(clock_.now());
}

std::chrono::milliseconds KioskApp::sleepBudget() {
    return journey_.tick(clock_.now()).untilNextChange;
}

void KioskApp::drawFrame() {
    const auto now = clock_.now();
    const kiosk::session::IdleState idle = journey_.tick(now);
    const ScreenContext context{catalogue_, config_, journey_, session_,
                                metrics_,   fonts_,  now,      storageProblem_ ? &*storageProblem_ : nullptr};
    switch (journey_.place().screen) {
        case Screen::Attract:
            drawAttractScreen(context);
            break;
        case Screen::Language:
            drawLanguageScreen(context);
            break;
        case Screen::Home:
            drawHomeScreen(context);
            break;
        case Screen::ComingSoon:
            drawComingSoonScreen(context);
            break;
        case Screen::HelpRequested:
            drawHelpRequestedScreen(context);
            break;
    }
    if (idle.phase == IdlePhase::Asking && journey_.place().screen != Screen::Attract) {
        drawIdlePrompt(context, idle.secondsLeft);
    }
}

}  // namespace ui
