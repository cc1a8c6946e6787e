// Classifies the --camera string. The only I/O is a stat() of the named path.
#include "devices/camera/CameraSource.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace devices {
namespace {

bool allDigits(std::string_view text) {
    return !text.empty() && text.size() <= 3 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
}

std::string lowerExtension(std::string_view fileName) {
    std::string ext = std::filesystem::path(fileName).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

}  // namespace

bool isImageFileName(std::string_view fileName) {
    static const std::array<std::string_view, 10> kImageExtensions = {
        ".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm", ".pnm", ".tif", ".tiff", ".webp"};
    const std::string ext = lowerExtension(fileName);
    return std::find(kImageExtensions.begin(), kImageExtensions.end(), ext) != kImageExtensions.end();
}

std::string_view sourceKindName(SourceKind kind) {
    switch (kind) {
        case SourceKind::Device: return "device";
        case SourceKind::Image: return "image";
        case SourceKind::Folder: return "folder";
        case SourceKind::Video: return "video";
    }
    return "unknown";
}

kiosk::Result<CameraSource> parseCameraSource(std::string_view text) {
    if (text.empty())
        return kiosk::Error{
            "camera.no_source",
            "No camera source given. Pass --camera /dev/video0 (or an image, folder or video)."};
    CameraSource source;
    source.path = std::string(text);
    if (allDigits(text)) {
        source.kind = SourceKind::Device;
        source.deviceIndex = std::stoi(source.path);
        source.path = "/dev/video" + source.path;
        return source;
    }
    constexpr std::string_view kVideoPrefix = "/dev/video";
    if (text.starts_with("/dev/")) {
        source.kind = SourceKind::Device;
        if (text.starts_with(kVideoPrefix) && allDigits(text.substr(kVideoPrefix.size())))
            source.deviceIndex = std::stoi(std::string(text.substr(kVideoPrefix.size())));
        return source;
    }
    std::error_code error;
    const auto status = std::filesystem::status(source.path, error);
    if (error || !std::filesystem::exists(status))
        return kiosk::Error{"camera.source_missing",
                            "Camera source '" + source.path + "' does not exist. Check the --camera path."};
    if (std::filesystem::is_directory(status)) {
        source.kind = SourceKind::Folder;
    } else if (!std::filesystem::is_regular_file(status)) {
        // A FIFO (or socket, or device outside /dev) blocks the video reader's open until a
        // writer comes, and with it the camera thread that leaving the scanner joins.
        return kiosk::Error{"camera.not_a_file", "Camera source '" + source.path +
                                                     "' is not a camera, picture, folder or video file "
                                                     "(a pipe or device?). Check the --camera path."};
    } else if (isImageFileName(source.path)) {
        source.kind = SourceKind::Image;
    } else {
        source.kind = SourceKind::Video;
    }
    return source;
}

}  // namespace devices
