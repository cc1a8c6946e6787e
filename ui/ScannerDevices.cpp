#include "ui/ScannerDevices.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <vector>

namespace ui {

ScannerDevices::ScannerDevices(const std::string& source) {
    auto module = loadScannerModule();
    if (!module) {
        spdlog::error("scanner: {}", module.error().message);
        return;
    }
    scanner_.reset(module->createScanner(source.c_str()));
}

devices::ScannerCameraState ScannerDevices::cameraState() const {
    return scanner_ ? scanner_->cameraState() : devices::ScannerCameraState::Failed;
}

std::optional<Texture> ScannerDevices::preview(TextureCache& textures) {
    if (scanner_ && scanner_->copyPreviewIfNewer(image_)) {
        texture_ = textures.upload("camera-preview", image_.rgba.data(), image_.width, image_.height);
    }
    return texture_;
}

std::optional<devices::ScannedCode> ScannerDevices::takeNewCode() {
    return scanner_ ? scanner_->takeNewCode() : std::nullopt;
}

std::optional<std::array<float, 8>> ScannerDevices::latestOutline() const {
    return scanner_ ? scanner_->latestOutline() : std::nullopt;
}

}  // namespace ui
