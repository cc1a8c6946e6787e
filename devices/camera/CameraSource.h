// What the `--camera SOURCE` string names: a V4L2 device, one image, a folder of images or a
// video file. Decided from the string and one look at the filesystem; opens nothing.
#pragma once

#include "kiosk/Result.h"

#include <string>
#include <string_view>

namespace devices {

enum class SourceKind {
    Device,  // "/dev/videoN" or a bare index "N" (meaning /dev/videoN)
    Image,   // a single image file, shown as a steady stream of identical frames
    Folder,  // image files played in a loop, sorted by name
    Video,   // any other file, played in a loop
};

struct CameraSource {
    SourceKind kind = SourceKind::Device;
    std::string path;      // the device node or file/folder path
    int deviceIndex = -1;  // N for /dev/videoN, else -1
};

// A device path is accepted whether or not it exists (a camera may be plugged in later); a file
// or folder must exist, and a file must be a regular file (a FIFO would block its reader).
// Errors: "camera.no_source", "camera.source_missing", "camera.not_a_file".
kiosk::Result<CameraSource> parseCameraSource(std::string_view text);

// True for the file extensions the image and folder sources read (.png, .jpg, .jpeg, .bmp, ...).
bool isImageFileName(std::string_view fileName);

std::string_view sourceKindName(SourceKind kind);

}  // namespace devices
