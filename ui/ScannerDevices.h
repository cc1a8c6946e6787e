// The camera and decoder threads for the scan screen. They exist only while the screen is
// open: no camera runs, and no frame of anyone is read, while nobody is scanning.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "devices/camera/Camera.h"
#include "devices/decode/DecodeWorker.h"
#include "ui/TextureCache.h"

namespace ui {

class ScannerDevices {
public:
    explicit ScannerDevices(const std::string& source);

    devices::CameraStatus cameraStatus() const { return camera_.status(); }
    // The newest frame as a texture (uploaded only when it changed); nullopt before the first.
    std::optional<Texture> preview(TextureCache& textures);
    // The latest decode attempt (for the outline) and, once per new code, what was read.
    devices::DecodeSnapshotPtr latest() const { return decoder_.latest(); }
    devices::DecodeSnapshotPtr takeNewCode();

private:
    devices::Camera camera_;
    devices::DecodeWorker decoder_;
    devices::RgbaImage rgba_;
    std::optional<Texture> texture_;
    std::uint64_t lastCodeNumber_ = 0;
};

}  // namespace ui
