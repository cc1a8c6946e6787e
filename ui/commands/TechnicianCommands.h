// The technician's and the province's subcommands of `commune-kiosk`:
//   provision FILE               apply a signed provisioning bundle (FILE and FILE.sig) to the config
//   keygen --out DIR             make the province's key pair: DIR/province.key and DIR/province.pub
//   sign --key KEY BUNDLE        write BUNDLE.sig, the Ed25519 signature of BUNDLE
//   doctor [--json] [--lang vi|en] [--bundle OUT.tar.gz]
//                                check the kiosk; optionally save a support bundle
// The logic lives in kiosk/config (Provisioning.h, ProvinceKey.h) and kiosk/diag (Doctor.h,
// SupportBundle.h); this file only reads the command line and prints.
// Exit status: 0 done (doctor: all checks passed), 2 bad arguments, a refused bundle or a bad
// key or config, 1 anything else (disk, permissions; doctor: a check failed).
//
// Usage from the composition root (ui/main.cpp):
//   const ui::TechnicianCommands technician = ui::addTechnicianCommands(app);
//   ... app.parse(argc, argv) ...
//   if (auto status = ui::runTechnicianCommand(technician, {options.configFile, kInstalledConfig,
//                                                          options.dataDir, options.camera}))
//       return *status;
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ui {

// What the main command line already knows, shared by all subcommands.
struct CommonPaths {
    std::optional<std::filesystem::path> configFile;  // --config FILE
    std::filesystem::path installedConfig;            // /etc/commune-kiosk/commune-kiosk.toml
    std::optional<std::filesystem::path> dataDir;     // --data-dir DIR
    std::string camera;                               // --camera SOURCE; "" means /dev/video0
};

// The registered subcommands and their options, all owned by the CLI::App (so this is a
// plain value: copy it freely).
struct TechnicianCommands {
    CLI::App* provision = nullptr;
    CLI::App* keygen = nullptr;
    CLI::App* sign = nullptr;
    CLI::App* doctor = nullptr;
    CLI::Option* bundleFile = nullptr;     // provision FILE
    CLI::Option* keyOutDir = nullptr;      // keygen --out DIR
    CLI::Option* signingKey = nullptr;     // sign --key KEY
    CLI::Option* bundleToSign = nullptr;   // sign BUNDLE
    CLI::Option* json = nullptr;           // doctor --json
    CLI::Option* supportBundle = nullptr;  // doctor --bundle OUT.tar.gz
    CLI::Option* language = nullptr;       // doctor --lang vi|en
};

TechnicianCommands addTechnicianCommands(CLI::App& app);

// Runs the subcommand the command line chose and returns its exit status; nullopt when none of
// these was chosen. Call after app.parse(). `assetsDir` (--assets) is where doctor finds the message
// catalogue.
std::optional<int> runTechnicianCommand(const TechnicianCommands& commands, const CommonPaths& paths,
                                        const std::optional<std::filesystem::path>& assetsDir);

}  // namespace ui
