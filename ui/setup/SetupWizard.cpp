#include "ui/setup/SetupWizard.h"

#include <SDL.h>

#include "kiosk/setup/SetupForm.h"

namespace ui {

SetupWizard::SetupWizard(SetupWizardParts parts, Metrics metrics, Fonts fonts)
    : catalogue_(std::move(parts.catalogue)),
      metrics_(metrics),
      fonts_(fonts),
      controller_(kiosk::setup::formFromConfig(parts.config, parts.camera),
                  SetupPaths{parts.configFile, parts.dataDir, parts.config.communeName},
                  std::move(parts.services), std::move(parts.servicesProblem)) {}

void SetupWizard::drawFrame() {
    const auto now = clock_.now();
    controller_.update(now);
    // The wizard speaks the language being chosen (Vietnamese unless the config says otherwise),
    // so a technician who picks English reads the rest in English.
    const SetupView view{catalogue_, controller_.form().language, metrics_, fonts_, textures_, now};
    drawSetupWizard(view, controller_, state_);
    if (state_.finished) {
        // The platform loop ends on SDL_QUIT, as when the window is closed.
        SDL_Event quit{};
        quit.type = SDL_QUIT;
        SDL_PushEvent(&quit);
    }
}

std::chrono::milliseconds SetupWizard::sleepBudget() {
    return controller_.sleepBudget();
}

int runSetupWizard(Platform& platform, SetupWizardParts parts, const Metrics& metrics, const Fonts& fonts,
                   FrameObserver* observer) {
    SetupWizard wizard(std::move(parts), metrics, fonts);
    const int status = platform.run(wizard, observer);
    if (status != 0) return status;
    return wizard.written() || observer ? 0 : 1;
}

}  // namespace ui
