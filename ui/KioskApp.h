// The citizen-facing application: owns the core objects (config, texts, database, session,
// journey) and draws the screen for the journey's current place. Composition, not logic.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/Clock.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/session/CitizenJourney.h"
#include "kiosk/store/Database.h"
#include "ui/Platform.h"
#include "ui/Theme.h"

namespace ui {

class KioskApp final : public FrameHandler {
public:
    KioskApp(kiosk::config::KioskConfig config, kiosk::i18n::Catalogue catalogue,
             kiosk::Result<kiosk::store::Database> database, Metrics metrics, Fonts fonts);

    void drawFrame() override;
    std::chrono::milliseconds sleepBudget() override;
    void onCitizenInput() override;

    kiosk::ManualOffsetClock& clock() { return clock_; }

private:
    kiosk::config::KioskConfig config_;
    kiosk::i18n::Catalogue catalogue_;
    std::optional<kiosk::store::Database> database_;
    std::optional<std::string> storageProblem_;
    Metrics metrics_;
    Fonts fonts_;
    kiosk::ManualOffsetClock clock_;
    kiosk::session::CitizenSession session_;
    kiosk::session::IdleWatch idle_;
    kiosk::session::CitizenJourney journey_;
};

}  // namespace ui
