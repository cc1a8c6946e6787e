// How a camera source performs: resolution, frames per second and the decode pipeline's time on
// one of its frames. For the setup wizard's camera step and `commune-kiosk doctor`, which both
// load the scanner module (so the kiosk binary itself never links OpenCV).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "devices/ScannerModule.h"
#include "ui/commands/ScannerModuleLoader.h"

namespace ui {

// The decode pipeline's time (ms) on `frame`, via the module's scan-file entry point on a
// private temporary copy that is removed at once; nullopt if it could not be measured.
std::optional<double> measureDecodeMs(const ScannerModuleHandle& module, const devices::PreviewImage& frame);

struct CameraMeasurement {
    devices::ScannerCameraState state = devices::ScannerCameraState::Starting;
    int width = 0;
    int height = 0;
    double fps = 0;
    std::optional<double> decodeMs;
};

// Runs the camera for `duration` (blocking) and measures it. Errors: the module's.
kiosk::Result<CameraMeasurement> measureCamera(const std::string& source, std::chrono::milliseconds duration);

}  // namespace ui
