#include "ui/commands/CameraProbe.h"

#include <unistd.h>

#include <fstream>
#include <memory>
#include <thread>

namespace ui {
namespace fs = std::filesystem;

namespace {

bool writePpm(const fs::path& file, const devices::PreviewImage& image) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "P6\n" << image.width << ' ' << image.height << "\n255\n";
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4)
        out.write(reinterpret_cast<const char*>(&image.rgba[i]), 3);
    return static_cast<bool>(out);
}

// The "ms" of the scan command's JSON line.
std::optional<double> msFromScanLine(const std::string& line) {
    const auto at = line.find("\"ms\":");
    if (at == std::string::npos) return std::nullopt;
    try {
        return std::stod(line.substr(at + 5));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::optional<double> measureDecodeMs(const ScannerModuleHandle& module, const devices::PreviewImage& frame) {
    if (frame.width == 0 || !module.scanFile) return std::nullopt;
    const fs::path file =
        fs::temp_directory_path() / ("commune-kiosk-probe-" + std::to_string(::getpid()) + ".ppm");
    if (!writePpm(file, frame)) return std::nullopt;
    std::string line;
    module.scanFile(file.c_str(), std::string(), false, line);
    std::error_code ignored;
    fs::remove(file, ignored);
    return msFromScanLine(line);
}

kiosk::Result<CameraMeasurement> measureCamera(const std::string& source,
                                               std::chrono::milliseconds duration) {
    auto module = loadScannerModule();
    if (!module) return module.error();
    std::unique_ptr<devices::Scanner> scanner(module->createScanner(source.c_str()));
    if (!scanner) return kiosk::Error{"camera.unavailable", "the scanner module could not open " + source};
    CameraMeasurement measured;
    devices::PreviewImage frame;
    int frames = 0;
    std::optional<std::chrono::steady_clock::time_point> firstFrame;
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
        measured.state = scanner->cameraState();
        if (measured.state == devices::ScannerCameraState::NoCamera ||
            measured.state == devices::ScannerCameraState::Failed)
            break;
        if (scanner->copyPreviewIfNewer(frame)) {
            if (!firstFrame) firstFrame = std::chrono::steady_clock::now();
            ++frames;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (firstFrame && frames > 1) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - *firstFrame).count();
        measured.fps = seconds > 0 ? (frames - 1) / seconds : 0;
    }
    measured.width = frame.width;
    measured.height = frame.height;
    scanner.reset();  // the camera is released before the decode is timed
    measured.decodeMs = measureDecodeMs(*module, frame);
    return measured;
}

}  // namespace ui
