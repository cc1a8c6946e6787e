#include "ui/ScannerDevices.h"

#include <dlfcn.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <vector>

namespace ui {

namespace fs = std::filesystem;

kiosk::Result<ScannerModuleHandle> loadScannerModule() {
    static std::optional<kiosk::Result<ScannerModuleHandle>> loaded;
    if (loaded) return *loaded;
    std::error_code error;
    const fs::path exeDir = fs::read_symlink("/proc/self/exe", error).parent_path();
    const std::vector<fs::path> candidates = {exeDir / "libkiosk_scanner.so",
                                              exeDir.parent_path() / "lib/commune-kiosk/libkiosk_scanner.so"};
    std::string why;
    for (const fs::path& file : candidates) {
        if (!fs::exists(file, error)) continue;
        void* module = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            why = ::dlerror();
            continue;
        }
        ScannerModuleHandle handle;
        handle.createScanner =
            reinterpret_cast<devices::CreateScannerFunction>(::dlsym(module, devices::kCreateScannerSymbol));
        handle.scanFile =
            reinterpret_cast<devices::ScanFileFunction>(::dlsym(module, devices::kScanFileSymbol));
        if (handle.createScanner && handle.scanFile) {
            loaded = handle;
            return *loaded;
        }
        why = file.string() + " lacks the scanner entry points";
    }
    loaded =
        kiosk::Error{"scanner.module", "cannot load the scanner module (" +
                                           (why.empty() ? candidates.front().string() + " missing" : why) +
                                           "); reinstall commune-kiosk"};
    return *loaded;
}

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
