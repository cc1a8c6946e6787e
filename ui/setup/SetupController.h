// The first-run setup wizard behind its screens: the form (kiosk::setup::SetupForm), the step
// the technician is on, and the slow work each step needs — reading the roster CSV, a test
// print, measuring the camera's decode time, and finally applySetup (Argon2id per PIN, fsyncs)
// — on a BackgroundWorker, so the UI thread never waits. Screens read the state here and call
// the intents; results arrive through update() once per frame. Like kiosk/desk/DeskController.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "devices/ScannerModule.h"
#include "devices/printer/PrinterStatus.h"
#include "kiosk/Clock.h"
#include "kiosk/queue/Service.h"
#include "kiosk/setup/SetupApply.h"
#include "kiosk/setup/SetupForm.h"
#include "kiosk/store/BackgroundWorker.h"
#include "ui/TextureCache.h"

namespace ui {

struct SetupPaths {
    std::filesystem::path configFile;  // the file the wizard writes
    std::filesystem::path dataDir;     // database and pepper
    std::string communeNameForTestPrint;
};

// How the camera step's source performs, measured while the step is open.
struct CameraMeasure {
    devices::ScannerCameraState state = devices::ScannerCameraState::Starting;
    std::optional<double> fps;       // preview frames in the last second
    std::optional<double> decodeMs;  // the decode pipeline on the newest frame
    bool codeSeen = false;
};

enum class TestPrintPhase { None, Printing, Printed, Failed };

class SetupController {
public:
    SetupController(kiosk::setup::SetupForm form, SetupPaths paths,
                    std::vector<kiosk::queue::Service> services, std::optional<kiosk::Error> servicesProblem);
    ~SetupController();

    kiosk::setup::SetupForm& form() { return form_; }
    kiosk::setup::SetupStep step() const { return step_; }
    int stepNumber() const { return static_cast<int>(step_) + 1; }
    const std::vector<kiosk::setup::SetupProblem>& problems() const { return problems_; }
    void showProblems(std::vector<kiosk::setup::SetupProblem> problems) { problems_ = std::move(problems); }
    bool busy() const { return worker_->outstanding() > 0; }
    std::chrono::milliseconds sleepBudget() const;

    // Next checks the step's rules first and stays, with the problems, if any fails.
    void next();
    void back();
    void update(kiosk::SteadyTime now);

    // Camera step.
    void chooseCamera(std::string source);
    std::optional<Texture> cameraPreview(TextureCache& textures);
    const CameraMeasure& camera() const { return camera_; }
    const std::vector<std::string>& cameraCandidates() const { return cameraCandidates_; }
    // Printer step.
    const std::vector<std::string>& printerCandidates() const { return printerCandidates_; }
    void testPrint();
    TestPrintPhase testPrintPhase() const { return testPrint_; }
    devices::PrinterState testPrintState() const { return testPrintState_; }
    // Services step (read-only).
    const std::vector<kiosk::queue::Service>& services() const { return services_; }
    const std::optional<kiosk::Error>& servicesProblem() const { return servicesProblem_; }
    // Roster step.
    std::string& rosterPath() { return rosterPath_; }
    void importRoster();
    const std::optional<std::string>& rosterReadProblem() const { return rosterReadProblem_; }
    // Review step.
    void apply();
    const std::optional<kiosk::setup::AppliedSetup>& applied() const { return applied_; }
    const std::optional<kiosk::Error>& applyProblem() const { return applyProblem_; }

private:
    void enterStep(kiosk::setup::SetupStep step);
    void stopCamera();
    void measureDecode();

    kiosk::setup::SetupForm form_;
    SetupPaths paths_;
    std::vector<kiosk::queue::Service> services_;
    std::optional<kiosk::Error> servicesProblem_;
    kiosk::setup::SetupStep step_ = kiosk::setup::SetupStep::Commune;
    std::vector<kiosk::setup::SetupProblem> problems_;

    std::vector<std::string> cameraCandidates_;
    std::unique_ptr<devices::Scanner> scanner_;  // only while the camera step is open
    devices::PreviewImage frame_;
    std::optional<Texture> texture_;
    bool frameChanged_ = false;
    CameraMeasure camera_;
    int framesThisSecond_ = 0;
    kiosk::SteadyTime secondStarted_{};
    kiosk::SteadyTime lastDecodeMeasure_{};

    std::vector<std::string> printerCandidates_;
    TestPrintPhase testPrint_ = TestPrintPhase::None;
    devices::PrinterState testPrintState_ = devices::PrinterState::Unknown;

    std::string rosterPath_;
    std::optional<std::string> rosterReadProblem_;
    std::optional<kiosk::setup::AppliedSetup> applied_;
    std::optional<kiosk::Error> applyProblem_;
    // Last: destroyed first, so jobs still running finish while everything they use exists.
    std::unique_ptr<kiosk::store::BackgroundWorker> worker_;
};

}  // namespace ui
