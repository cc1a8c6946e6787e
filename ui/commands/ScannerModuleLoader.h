// Finds and loads the scanner module (libkiosk_scanner.so: camera and decoder with OpenCV and
// ZXing) beside the binary or where the package installs it, once per process. The kiosk loads
// it only when someone scans, so OpenCV's codec libraries stay out of memory otherwise.
#pragma once

#include "devices/ScannerModule.h"
#include "kiosk/Result.h"

namespace ui {

// The module's entry points, resolved once per process.
struct ScannerModuleHandle {
    devices::CreateScannerFunction createScanner = nullptr;
    devices::ScanFileFunction scanFile = nullptr;
};
kiosk::Result<ScannerModuleHandle> loadScannerModule();

}  // namespace ui
