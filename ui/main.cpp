// commune-kiosk: the composition root. Reads the command line and hands over: to a windowless
// command (ui/commands, no SDL or ImGui), or to a windowed role (ui/Launch.h: the kiosk, the
// setup wizard, diagnostics).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <regex>
#include <string>

#include "ui/Launch.h"
#include "ui/commands/KioskCommands.h"

int main(int argc, char** argv) {
    ui::LaunchOptions options;
    options.started = std::chrono::steady_clock::now();
    spdlog::set_default_logger(spdlog::stderr_color_mt("kiosk"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");

    CLI::App app{"commune-kiosk: touch kiosk for commune public-service centres"};
    app.set_version_flag("--version", std::string(KIOSK_VERSION));
    app.fallthrough();
    app.add_option("--data-dir", options.dataDir, "where the kiosk keeps its database");
    app.add_option("--config", options.configFile, "kiosk config (TOML)")->check(CLI::ExistingFile);
    app.add_option("--assets", options.assetsDir, "assets directory (texts, walkthroughs, images)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--windowed", options.windowed, "run in a window of WxH pixels instead of fullscreen")
        ->check([](const std::string& value) -> std::string {
            static const std::regex kSize("[1-9][0-9]{2,4}x[1-9][0-9]{2,4}");
            return std::regex_match(value, kSize) ? "" : "--windowed needs WIDTHxHEIGHT, e.g. 1280x800";
        });
    app.add_option("--camera", options.camera, "/dev/videoN, an image, a folder of images or a video file");
    app.add_option("--usb-dir", options.usbDir,
                   "where the desk's on-screen export writes (default: the USB stick mounted under /media)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--lang", options.language, "language at start: vi or en")
        ->check(CLI::IsMember({"vi", "en"}));
    app.add_option("--frame-log", options.frameLog,
                   "append one line per drawn frame: milliseconds since start");

    CLI::App* uiScript = app.add_subcommand("ui-script", "drive the real UI from a script (tests, reviews)");
    uiScript->add_option("FILE", options.uiScript, "the script")->required()->check(CLI::ExistingFile);
    uiScript->add_option("--screenshots", options.screenshotDir,
                         "where screenshots go (default: beside the script)");
    CLI::App* setup =
        app.add_subcommand("setup", "first-run setup wizard; writes --config (or the installed config)");
    CLI::App* diagnostics =
        app.add_subcommand("diagnostics", "the diagnostics screen, behind the technician PIN");
    for (CLI::App* screen : {setup, diagnostics}) {
        screen->add_option("--ui-script", options.uiScript, "drive it from a script (tests, reviews)")
            ->check(CLI::ExistingFile);
        screen->add_option("--screenshots", options.screenshotDir, "where the script's screenshots go");
    }
    CLI::App* board = app.add_subcommand("board", "the centre's now-serving board (needs [centre] database)");
    board->add_option("--speech-out", options.speechOut, "also write each spoken call as a WAV file here")
        ->check(CLI::ExistingDirectory);
    board->add_option("--ui-script", options.uiScript, "drive it from a script (tests, reviews)")
        ->check(CLI::ExistingFile);
    board->add_option("--screenshots", options.screenshotDir, "where the script's screenshots go");
    CLI::App* desk =
        app.add_subcommand("desk", "a volunteer desk on a screen of its own ([desk] number, services)");
    desk->add_option("--ui-script", options.uiScript, "drive it from a script (tests, reviews)")
        ->check(CLI::ExistingFile);
    desk->add_option("--screenshots", options.screenshotDir, "where the script's screenshots go");
    ui::KioskCommands commands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::printf("%s", app.help().c_str());
        return 0;
    } catch (const CLI::CallForVersion&) {
        std::printf("%s\n", KIOSK_VERSION);
        return 0;
    } catch (const CLI::ParseError& error) {
        return ui::failWithStatus(2, std::string(error.what()) + " (see --help)");
    }
    try {
        const ui::CommonPaths paths{options.configFile, ui::kInstalledConfig, options.dataDir,
                                    options.camera};
        if (auto status = commands.run(paths, options.assetsDir)) return *status;
        if (*setup || *diagnostics) return ui::runTechnicianScreen(options, setup->parsed());
        if (*board) return ui::runBoard(options);
        if (*desk) return ui::runDesk(options);
        return ui::runKiosk(options);
    } catch (const std::exception& error) {
        return ui::failWithStatus(1, std::string("stopped by an unexpected error: ") + error.what());
    }
}
