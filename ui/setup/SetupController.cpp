#include "ui/setup/SetupController.h"

#include "ui/commands/CameraProbe.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "devices/printer/TicketPrinter.h"
#include "kiosk/Files.h"
#include "kiosk/setup/RosterCsv.h"
#include "ui/ScannerDevices.h"

namespace ui {

namespace fs = std::filesystem;
using kiosk::setup::SetupStep;

namespace {

// Measuring the decode time of the newest frame this often is enough for a person to read it.
constexpr std::chrono::seconds kDecodeMeasureEvery{2};

std::vector<std::string> existingDevices(const char* pattern, int count) {
    std::vector<std::string> found;
    std::error_code error;
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, pattern, i);
        if (fs::exists(name, error)) found.emplace_back(name);
    }
    return found;
}

// The frame as a binary PPM, which the decoder's image reader opens without any codec library.
}  // namespace

SetupController::SetupController(kiosk::setup::SetupForm form, SetupPaths paths,
                                 std::vector<kiosk::queue::Service> services,
                                 std::optional<kiosk::Error> servicesProblem)
    : form_(std::move(form)),
      paths_(std::move(paths)),
      services_(std::move(services)),
      servicesProblem_(std::move(servicesProblem)),
      worker_(std::make_unique<kiosk::store::BackgroundWorker>()) {
    if (!form_.camera.empty()) cameraCandidates_.push_back(form_.camera);
    for (auto& device : existingDevices("/dev/video%d", 4)) {
        if (device != form_.camera) cameraCandidates_.push_back(std::move(device));
    }
    printerCandidates_ = existingDevices("/dev/usb/lp%d", 4);
    // The roster usually comes on a USB stick or is copied beside the config; start from the
    // config's folder so a touch-only technician types only the file name.
    if (paths_.configFile.has_parent_path()) rosterPath_ = paths_.configFile.parent_path().string() + "/";
}

SetupController::~SetupController() {
    stopCamera();
}

std::chrono::milliseconds SetupController::sleepBudget() const {
    if (busy()) return std::chrono::milliseconds(30);
    if (scanner_) return std::chrono::milliseconds(33);  // the preview follows the camera
    return std::chrono::milliseconds(1000);
}

void SetupController::enterStep(SetupStep step) {
    step_ = step;
    problems_.clear();
    if (step == SetupStep::Camera) {
        chooseCamera(form_.camera);
    } else {
        stopCamera();
    }
}

void SetupController::next() {
    problems_ = kiosk::setup::checkStep(form_, step_);
    if (!problems_.empty() || step_ == SetupStep::Review) return;
    enterStep(static_cast<SetupStep>(static_cast<int>(step_) + 1));
}

void SetupController::back() {
    if (step_ == SetupStep::Commune || applied_) return;
    enterStep(static_cast<SetupStep>(static_cast<int>(step_) - 1));
}

void SetupController::stopCamera() {
    scanner_.reset();  // stops and joins the camera and decoder threads
    texture_.reset();
}

void SetupController::chooseCamera(std::string source) {
    stopCamera();
    form_.camera = std::move(source);
    camera_ = CameraMeasure{};
    framesThisSecond_ = 0;
    secondStarted_ = std::chrono::steady_clock::now();
    lastDecodeMeasure_ = secondStarted_;
    auto module = loadScannerModule();
    if (!module) {
        spdlog::error("setup: {}", module.error().message);
        camera_.state = devices::ScannerCameraState::Failed;
        return;
    }
    scanner_.reset(module->createScanner(form_.camera.c_str()));
}

std::optional<Texture> SetupController::cameraPreview(TextureCache& textures) {
    if (frameChanged_ && frame_.width > 0) {
        texture_ = textures.upload("setup-camera-preview", frame_.rgba.data(), frame_.width, frame_.height);
        frameChanged_ = false;
    }
    return texture_;
}

void SetupController::measureDecode() {
    if (frame_.width == 0 || busy()) return;
    // The same pipeline as the scan screen and `commune-kiosk scan`, run on a copy of the
    // newest frame on the worker thread; the file lives in a private temp folder and is removed.
    worker_->post([this, frame = frame_]() -> kiosk::store::BackgroundWorker::Completion {
        auto module = loadScannerModule();
        if (!module) return {};
        return [this, ms = measureDecodeMs(*module, frame)] {
            if (ms && scanner_) camera_.decodeMs = ms;
        };
    });
}

void SetupController::update(kiosk::SteadyTime now) {
    worker_->runCompletions();
    if (!scanner_) return;
    camera_.state = scanner_->cameraState();
    if (scanner_->copyPreviewIfNewer(frame_)) {
        ++framesThisSecond_;
        frameChanged_ = true;
    }
    if (scanner_->takeNewCode()) camera_.codeSeen = true;  // what it says is not shown: it may be personal
    const auto elapsed = std::chrono::duration<double>(now - secondStarted_).count();
    if (elapsed >= 1.0) {
        camera_.fps = framesThisSecond_ / elapsed;
        framesThisSecond_ = 0;
        secondStarted_ = now;
    }
    if (now - lastDecodeMeasure_ >= kDecodeMeasureEvery) {
        lastDecodeMeasure_ = now;
        measureDecode();
    }
}

void SetupController::testPrint() {
    if (busy() || form_.printer.empty() || kiosk::setup::checkPrinterAddress(form_.printer)) return;
    testPrint_ = TestPrintPhase::Printing;
    worker_->post([this, address = form_.printer,
                   commune = form_.communeName]() -> kiosk::store::BackgroundWorker::Completion {
        auto parsed = devices::parsePrinterAddress(address);
        if (!parsed) {
            return [this] {
                testPrint_ = TestPrintPhase::Failed;
                testPrintState_ = devices::PrinterState::Unreachable;
            };
        }
        const devices::TicketPrintout printout{commune, "A000", "In thử / Test print", "", ""};
        const devices::PrintReport report = devices::printTicket(*parsed, printout);
        if (!report.detail.empty()) spdlog::warn("setup: test print: {}", report.detail);
        return [this, report] {
            testPrintState_ = report.state;
            testPrint_ = kiosk::print::slipPrinted(report.sent, report.state) ? TestPrintPhase::Printed
                                                                              : TestPrintPhase::Failed;
        };
    });
}

void SetupController::importRoster() {
    if (busy()) return;
    rosterReadProblem_.reset();
    problems_.clear();
    worker_->post([this, path = rosterPath_]() -> kiosk::store::BackgroundWorker::Completion {
        auto text = kiosk::readTextFile(path);
        if (!text) return [this, why = text.error().message] { rosterReadProblem_ = why; };
        return [this, import = kiosk::setup::parseRosterCsv(*text)] {
            form_.volunteers.clear();
            for (const auto& name : import.names)
                form_.volunteers.push_back({name, ""});
            problems_ = import.problems;
        };
    });
}

void SetupController::apply() {
    if (busy() || applied_) return;
    problems_ = kiosk::setup::checkStep(form_, SetupStep::Review);
    if (!problems_.empty()) return;
    applyProblem_.reset();
    worker_->post([this, form = form_, paths = paths_]() -> kiosk::store::BackgroundWorker::Completion {
        auto result = kiosk::setup::applySetup(form, paths.configFile, paths.dataDir);
        if (!result) {
            spdlog::error("setup: {} ({})", result.error().message, result.error().code);
            return [this, error = result.error()] { applyProblem_ = error; };
        }
        spdlog::info("setup: wrote {} ({} volunteers added)", result->configFile.string(),
                     result->volunteersAdded);
        return [this, done = std::move(result).value()]() mutable {
            applied_ = std::move(done);
            // The PINs were hashed; keep no copy in memory.
            for (auto& volunteer : form_.volunteers)
                std::fill(volunteer.pin.begin(), volunteer.pin.end(), '\0');
            std::fill(form_.technicianPin.begin(), form_.technicianPin.end(), '\0');
            std::fill(form_.technicianPinAgain.begin(), form_.technicianPinAgain.end(), '\0');
        };
    });
}

}  // namespace ui
