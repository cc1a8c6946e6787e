// The windowed roles of `commune-kiosk`: the citizen kiosk (with its on-screen volunteer desk),
// the first-run setup wizard, the technician's diagnostics screen and the centre's board. Each opens the one
// window (openWindow: display check, SDL + GL + ImGui, theme, fonts, texts) and runs its app in it,
// optionally driven by a UI script.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace ui {

inline constexpr const char* kInstalledConfig = "/etc/commune-kiosk/commune-kiosk.toml";

struct LaunchOptions {
    std::optional<std::filesystem::path> dataDir;
    std::optional<std::filesystem::path> configFile;
    std::optional<std::filesystem::path> assetsDir;
    std::string windowed;  // "WxH", empty: fullscreen
    std::string camera;    // empty: /dev/video0
    std::string language;  // "vi" | "en" | empty: the config's
    std::filesystem::path uiScript;
    std::optional<std::filesystem::path> screenshotDir;
    std::optional<std::filesystem::path> usbDir;
    std::optional<std::filesystem::path> frameLog;
    std::optional<std::filesystem::path> speechOut;  // board --speech-out DIR
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

int runKiosk(const LaunchOptions& options);
// `setup` (wizard = true) or `diagnostics`.
int runTechnicianScreen(const LaunchOptions& options, bool wizard);
// `board`: the centre's "now serving" TV; needs [centre] database (exit 2 without it).
int runBoard(const LaunchOptions& options);
// `desk`: the volunteer desk on a screen of its own. With [centre] database it serves the centre's
// shared queue; without, the local SQLite queue in the data directory.
int runDesk(const LaunchOptions& options);

}  // namespace ui
