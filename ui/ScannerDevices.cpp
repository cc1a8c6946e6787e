#include "ui/ScannerDevices.h"

namespace ui {

ScannerDevices::ScannerDevices(const std::string& source)
    : camera_(devices::CameraOptions{.source = source}), decoder_(camera_.frames()) {}

std::optional<Texture> ScannerDevices::preview(TextureCache& textures) {
    if (camera_.frames().copyRgbaIfNewer(rgba_) && rgba_.width > 0) {
        texture_ = textures.upload("camera-preview", rgba_.pixels.data(), rgba_.width, rgba_.height);
    }
    return texture_;
}

devices::DecodeSnapshotPtr ScannerDevices::takeNewCode() {
    auto found = decoder_.latestFound();
    if (!found || found->number == lastCodeNumber_) return nullptr;
    lastCodeNumber_ = found->number;
    return found;
}

}  // namespace ui
