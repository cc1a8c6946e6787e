// The technician's diagnostics screen, behind the technician PIN the setup wizard stored: the
// doctor's checks (kiosk/diag/Doctor.h: version, uptime, config source, camera, printer, disk,
// database, sync backlog, log tail), "Save support bundle" into a folder the technician types
// (a USB stick's mount point), "Resend N rejected events" when the server rejected some (the core
// requeues them on its storage thread), and Close. The PIN check (Argon2id), the doctor and the bundle
// run on a BackgroundWorker; the screen only draws their results.
//
// Five wrong PINs close the pad for 15 minutes; the lock lives in the database
// (kiosk/setup/TechnicianPin.h), so it holds across restarts and the pad only counts down.
//
// Usage (KioskApp):
//   diagnostics_ = std::make_unique<DiagnosticsScreen>(inputs, core);
//   if (tapped "Kỹ thuật viên") diagnostics_->open();
//   if (diagnostics_->isOpen()) { diagnostics_->update(); diagnostics_->draw(view); return; }
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/diag/Doctor.h"
#include "kiosk/service/KioskCore.h"
#include "kiosk/store/BackgroundWorker.h"
#include "ui/Platform.h"
#include "ui/setup/SetupView.h"
#include "ui/setup/TouchKeys.h"

namespace ui {

class DiagnosticsScreen {
public:
    // `core` checks the technician PIN on its storage thread and must outlive the screen.
    DiagnosticsScreen(kiosk::diag::DoctorInputs inputs, kiosk::service::KioskCore& core,
                      std::string bundleFolder = "/media");
    ~DiagnosticsScreen();

    bool isOpen() const { return phase_ != Phase::Closed; }
    void open();
    void close();
    void update() { worker_->runCompletions(); }
    std::chrono::milliseconds sleepBudget() const;
    void draw(const SetupView& view);

private:
    enum class Phase { Closed, EnterPin, CheckingPin, NoPin, Running, Report };
    void checkPin();
    void runDoctor();
    void saveBundle();
    void requeueRejected();
    void drawPin(const SetupView& view, float width);
    void drawReport(const SetupView& view, float width);

    kiosk::diag::DoctorInputs inputs_;
    kiosk::service::KioskCore& core_;
    Phase phase_ = Phase::Closed;
    std::string pin_;
    int attemptsLeft_ = 0;                                              // as the core counted them
    std::optional<std::chrono::steady_clock::time_point> lockedUntil_;  // for the countdown only
    std::optional<std::chrono::steady_clock::time_point> pausedUntil_;  // the kiosk-wide PIN pause
    std::optional<std::string> pinError_;
    std::optional<kiosk::diag::DoctorReport> report_;
    std::string bundleFolder_;
    bool folderFocused_ = false;
    KeyboardState keyboard_;
    std::optional<std::string> bundleSaved_;
    std::optional<std::string> bundleProblem_;
    bool requeuing_ = false;
    std::optional<int64_t> requeued_;
    std::optional<std::string> requeueProblem_;
    std::unique_ptr<kiosk::store::BackgroundWorker> worker_;  // last: joins first
};

// The diagnostics screen as a window of its own (for `commune-kiosk diagnostics`, and tests):
// it opens on the PIN pad, and Close ends the run.
class DiagnosticsApp final : public FrameHandler {
public:
    DiagnosticsApp(std::unique_ptr<kiosk::service::KioskCore> core, kiosk::diag::DoctorInputs inputs,
                   std::string bundleFolder, const kiosk::i18n::Catalogue& catalogue,
                   kiosk::i18n::Language language, Metrics metrics, Fonts fonts);
    void drawFrame() override;
    std::chrono::milliseconds sleepBudget() override { return screen_->sleepBudget(); }
    void onCitizenInput() override {}
    kiosk::ManualOffsetClock& clock() { return clock_; }

private:
    std::unique_ptr<kiosk::service::KioskCore> core_;
    std::unique_ptr<DiagnosticsScreen> screen_;
    const kiosk::i18n::Catalogue& catalogue_;
    kiosk::i18n::Language language_;
    Metrics metrics_;
    Fonts fonts_;
    TextureCache textures_;
    kiosk::ManualOffsetClock clock_;
};

}  // namespace ui
