#include "ui/ScannerDevices.h"

#include <opencv2/core/utility.hpp>

#include <cstdlib>

namespace ui {

namespace {

devices::CameraOptions kioskCameraOptions(const std::string& source) {
    // Two cores: OpenCV's own worker threads would compete with the UI thread for nothing,
    // since the decoder already has a thread of its own.
    cv::setNumThreads(1);
    // A camera that stops sending without unplugging would block a V4L2 read for 10 s by
    // default, and with it leaving the scan screen; 2 s is enough for a slow USB camera.
    ::setenv("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", "2", 0);
    return devices::CameraOptions{.source = source};
}

}  // namespace

ScannerDevices::ScannerDevices(const std::string& source)
    : camera_(kioskCameraOptions(source)), decoder_(camera_.frames()) {}

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
