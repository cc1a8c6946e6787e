// Built into the libkiosk_scanner.so module (see devices/CMakeLists.txt), not the kiosk binary.
#include "devices/ScannerModule.h"

#include <opencv2/core/utility.hpp>

#include <cstdlib>

#include "devices/DecodedText.h"
#include "devices/ScanReport.h"
#include "devices/camera/Camera.h"
#include "devices/decode/DecodeWorker.h"

namespace devices {
namespace {

CameraOptions kioskCameraOptions(const char* source) {
    // Two cores: OpenCV's own worker threads would compete with the UI thread for nothing,
    // since the decoder already has a thread of its own.
    cv::setNumThreads(1);
    // A camera that stops sending without unplugging would block a V4L2 read for 10 s by
    // default, and with it leaving the scan screen; 2 s is enough for a slow USB camera.
    ::setenv("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", "2", 0);
    return CameraOptions{.source = source};
}

std::array<float, 8> flatten(const DecodedCode& code) {
    std::array<float, 8> corners{};
    for (size_t i = 0; i < 4; ++i) {
        corners[2 * i] = code.corners[i].x;
        corners[2 * i + 1] = code.corners[i].y;
    }
    return corners;
}

class CameraScanner final : public Scanner {
public:
    explicit CameraScanner(const char* source)
        : camera_(kioskCameraOptions(source)), decoder_(camera_.frames()) {}

    ScannerCameraState cameraState() const override {
        switch (camera_.status().state) {
            case CameraState::Starting: return ScannerCameraState::Starting;
            case CameraState::Running: return ScannerCameraState::Running;
            case CameraState::NoCamera: return ScannerCameraState::NoCamera;
            case CameraState::Failed: return ScannerCameraState::Failed;
            case CameraState::Stopped: return ScannerCameraState::Stopped;
        }
        return ScannerCameraState::Failed;
    }

    bool copyPreviewIfNewer(PreviewImage& image) override {
        if (!camera_.frames().copyRgbaIfNewer(rgba_) || rgba_.width == 0) return false;
        image.width = rgba_.width;
        image.height = rgba_.height;
        image.rgba = rgba_.pixels;
        return true;
    }

    std::optional<ScannedCode> takeNewCode() override {
        auto found = decoder_.latestFound();
        if (!found || found->number == lastCodeNumber_ || !found->outcome.code) return std::nullopt;
        lastCodeNumber_ = found->number;
        return ScannedCode{found->outcome.code->text, flatten(*found->outcome.code)};
    }

    std::optional<std::array<float, 8>> latestOutline() const override {
        auto latest = decoder_.latest();
        if (!latest || !latest->outcome.code) return std::nullopt;
        return flatten(*latest->outcome.code);
    }

private:
    Camera camera_;
    DecodeWorker decoder_;
    RgbaImage rgba_;
    std::uint64_t lastCodeNumber_ = 0;
};

}  // namespace
}  // namespace devices

extern "C" {

__attribute__((visibility("default"))) devices::Scanner* commune_kiosk_create_scanner(const char* source) {
    return new devices::CameraScanner(source);
}

__attribute__((visibility("default"))) bool commune_kiosk_scan_file(const char* path,
                                                                    const std::string& banksCsv,
                                                                    bool revealPersonalData,
                                                                    std::string& jsonLine) {
    auto banks = kiosk::scan::BankDirectory::fromCsv(banksCsv);
    devices::ScanReport report =
        devices::scanImageFile(path, banks ? *banks : kiosk::scan::BankDirectory{}, revealPersonalData);
    jsonLine = report.json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    devices::wipeJsonText(report.json);  // the caller owns (and wipes) the printed line
    return report.readable;
}
}
