#include "ui/commands/ScannerModuleLoader.h"

#include <dlfcn.h>

#include <filesystem>
#include <optional>
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

}  // namespace ui
