// The scan screen's camera and decoder, from the scanner module (devices/ScannerModule.h),
// loaded on first use and running only while the screen is open: no camera runs, and no frame
// of anyone is read, while nobody is scanning.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "devices/ScannerModule.h"
#include "kiosk/Result.h"
#include "ui/TextureCache.h"
#include "ui/commands/ScannerModuleLoader.h"

namespace ui {

class ScannerDevices {
public:
    explicit ScannerDevices(const std::string& source);

    bool available() const { return scanner_ != nullptr; }
    devices::ScannerCameraState cameraState() const;
    // The newest frame as a texture (uploaded only when it changed); nullopt before the first.
    std::optional<Texture> preview(TextureCache& textures);
    std::optional<devices::ScannedCode> takeNewCode();
    std::optional<std::array<float, 8>> latestOutline() const;

private:
    std::unique_ptr<devices::Scanner> scanner_;
    devices::PreviewImage image_;
    std::optional<Texture> texture_;
};

}  // namespace ui
