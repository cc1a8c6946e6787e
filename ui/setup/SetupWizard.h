// The first-run setup wizard as a window of its own: `commune-kiosk setup` runs it when the
// kiosk is not provisioned (kiosk::setup::isProvisioned), before the citizen screens exist.
//
// Usage from the composition root (ui/main.cpp):
//   ui::SetupWizardParts parts{config, configFile, dataDir, camera, std::move(catalogue), services, problem};
//   return ui::runSetupWizard(*platform, std::move(parts), metrics, fonts, observer);
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/queue/Service.h"
#include "ui/Platform.h"
#include "ui/TextureCache.h"
#include "ui/Theme.h"
#include "ui/setup/SetupController.h"
#include "ui/setup/SetupScreens.h"

namespace ui {

struct SetupWizardParts {
    kiosk::config::KioskConfig config;  // the current config: the wizard starts from its values
    std::filesystem::path configFile;   // where the wizard writes
    std::filesystem::path dataDir;      // database and pepper
    std::string camera;                 // --camera source, or /dev/video0
    kiosk::i18n::Catalogue catalogue;
    std::vector<kiosk::queue::Service> services;  // read-only on the services step
    std::optional<kiosk::Error> servicesProblem;
};

class SetupWizard final : public FrameHandler {
public:
    SetupWizard(SetupWizardParts parts, Metrics metrics, Fonts fonts);

    void drawFrame() override;
    std::chrono::milliseconds sleepBudget() override;
    void onCitizenInput() override {}

    // The UI script moves this clock; the wizard has no timeouts, but the runner needs one.
    kiosk::ManualOffsetClock& clock() { return clock_; }
    bool finished() const { return state_.finished; }
    bool written() const { return controller_.applied().has_value(); }

private:
    kiosk::i18n::Catalogue catalogue_;
    Metrics metrics_;
    Fonts fonts_;
    TextureCache textures_;
    kiosk::ManualOffsetClock clock_;
    SetupController controller_;
    SetupScreenState state_;
};

// Runs the wizard until Finish is tapped (status 0) or the window is closed (status 0 if the
// config was written, else 1), or the observer (a UI script) ends the run.
int runSetupWizard(Platform& platform, SetupWizardParts parts, const Metrics& metrics, const Fonts& fonts,
                   FrameObserver* observer);

}  // namespace ui
