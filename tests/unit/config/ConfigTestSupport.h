// Shared by the config and diagnostics tests: fresh folders, the shipped default config, a sample
// provisioning bundle and a province key made for the test (synthetic; never a real key).
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include "support/TempDatabase.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kiosk/config/ProvinceKey.h"

namespace config_test {

inline std::filesystem::path freshDir(const std::string& name) {
    return test_support::freshDir("config", name);
}

inline std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeAll(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// The config the Debian package installs in /etc/commune-kiosk/.
inline std::string shippedConfig() {
    return readAll(std::filesystem::path(KIOSK_ASSETS_DIR) / ".." / "packaging" / "commune-kiosk.toml");
}

// A complete bundle for Xã Tân Lập at `version`.
inline std::string sampleBundle(int version, const std::string& token = "t0ken-for-tan-lap") {
    return "# Provisioning for the kiosk of Xã Tân Lập\n"
           "bundle_version = " +
           std::to_string(version) +
           "\n"
           "kiosk_id = \"xa-tan-lap-01\"\n"
           "commune_name = \"Xã Tân Lập\"\n"
           "commune_code = \"09877\"\n"
           "\n"
           "[sync]\n"
           "server_url = \"https://sync.tinh.example/api\"\n"
           "token = \"" +
           token +
           "\"\n"
           "\n"
           "[printer]\n"
           "device = \"/dev/usb/lp0\"\n"
           "\n"
           "[desk]\n"
           "recall_window = 5\n";
}

// A province key pair in its own folder.
struct TestProvince {
    std::filesystem::path dir;
    kiosk::config::ProvinceKeyFiles key;

    explicit TestProvince(const std::string& name) : dir(freshDir(name)) {
        auto made = kiosk::config::createProvinceKey(dir / "keys");
        if (!made) throw std::runtime_error(made.error().message);
        key = made.value();
    }
};

}  // namespace config_test
