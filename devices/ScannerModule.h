// The camera and decoder as a module the kiosk loads with dlopen only when someone scans.
// OpenCV's image codecs pull in GDAL, GDCM, PROJ and a thousand more libraries; mapped at
// start-up they cost ~40 MB of RSS on a kiosk that mostly shows walkthroughs. This header is
// the whole interface between the kiosk and the module, and includes no OpenCV.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace devices {

enum class ScannerCameraState { Starting, Running, NoCamera, Failed, Stopped };

struct ScannedCode {
    std::string text;
    std::array<float, 8> corners{};  // x,y of top-left, top-right, bottom-right, bottom-left in frame pixels
};

struct PreviewImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
};

class Scanner {
public:
    virtual ~Scanner() = default;
    virtual ScannerCameraState cameraState() const = 0;
    virtual bool copyPreviewIfNewer(PreviewImage& image) = 0;
    // Once per newly read code.
    virtual std::optional<ScannedCode> takeNewCode() = 0;
    // Where the decoder last saw a code, for the outline.
    virtual std::optional<std::array<float, 8>> latestOutline() const = 0;
};

// The module's two entry points (extern "C", looked up by name).
inline constexpr const char* kCreateScannerSymbol = "commune_kiosk_create_scanner";
inline constexpr const char* kScanFileSymbol = "commune_kiosk_scan_file";
using CreateScannerFunction = Scanner* (*)(const char* source);
// One JSON line for `commune-kiosk scan`; returns false when the file could not be read.
using ScanFileFunction = bool (*)(const char* path, const std::string& banksCsv, bool revealPersonalData,
                                  std::string& jsonLine);

}  // namespace devices
