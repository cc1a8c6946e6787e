// commune-kiosk: the composition root. Parses the command line, loads the config and texts,
// opens the database and the window, and runs the kiosk (or a subcommand).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <regex>
#include <string>

#include "kiosk/Files.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/Paths.h"
#include "kiosk/content/ContentLoader.h"
#include "kiosk/diag/ProgramRun.h"
#include "kiosk/helplog/CsvExport.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/queue/Service.h"
#include "kiosk/setup/SetupForm.h"
#include "kiosk/store/Database.h"
#include "kiosk/sync/SyncDiagnostics.h"
#include "kiosk/sync/Syncer.h"
#include "ui/KioskApp.h"
#include "ui/Platform.h"
#include "ui/ScannerDevices.h"
#include "ui/Theme.h"
#include "ui/UiScript.h"
#include "ui/commands/TechnicianCommands.h"
#include "ui/setup/DiagnosticsScreen.h"
#include "ui/setup/SetupWizard.h"

namespace fs = std::filesystem;

namespace {

constexpr const char* kInstalledConfig = "/etc/commune-kiosk/commune-kiosk.toml";
constexpr const char* kFontDir = "/usr/share/fonts/truetype/noto";

struct Options {
    std::optional<fs::path> dataDir;
    std::optional<fs::path> configFile;
    std::optional<fs::path> assetsDir;
    std::string windowed;
    std::string camera;
    std::string language;
    fs::path uiScript;
    std::optional<fs::path> screenshotDir;
    fs::path contentDir;
    std::vector<fs::path> scanFiles;
    bool revealPersonalData = false;
    std::string volunteerName;
    bool pinFromStdin = false;
    std::string exportFrom;
    std::string exportTo;
    fs::path exportFile;
    bool json = false;
    std::optional<fs::path> usbDir;
};

int fail(int status, const std::string& message) {
    std::fprintf(stderr, "commune-kiosk: %s\n", message.c_str());
    return status;
}

fs::path executablePath() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self;
}

// `content check DIR`: every problem as file:line, status 2 when there is any.
int checkContent(const Options& options) {
    std::error_code error;
    if (!fs::is_directory(options.contentDir, error)) {
        return fail(2, "content check: " + options.contentDir.string() + " is not a directory");
    }
    const auto problems = kiosk::content::checkContentDir(
        options.contentDir, kiosk::content::defaultImagesDir(options.contentDir));
    for (const auto& problem : problems)
        std::fprintf(stderr, "%s\n", kiosk::content::formatProblem(problem).c_str());
    if (!problems.empty()) {
        std::fprintf(stderr, "content check: %zu problem(s)\n", problems.size());
        return 2;
    }
    std::printf("content check: %s is fine\n", options.contentDir.string().c_str());
    return 0;
}

// `scan FILE...`: one JSON object per line per file; status 2 at the end if any was unreadable.
int scanFiles(const Options& options) {
    auto assets = kiosk::config::findAssetsDir(options.assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR);
    if (!assets) return fail(2, assets.error().message);
    auto csv = kiosk::readTextFile(*assets / "banks.csv");
    if (!csv) return fail(2, csv.error().message);
    if (auto banks = kiosk::scan::BankDirectory::fromCsv(*csv); !banks) return fail(2, banks.error().message);
    auto module = ui::loadScannerModule();
    if (!module) return fail(1, module.error().message);
    bool allReadable = true;
    for (const fs::path& file : options.scanFiles) {
        std::string line;
        allReadable = module->scanFile(file.c_str(), *csv, options.revealPersonalData, line) && allReadable;
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    }
    if (!allReadable) return fail(2, "scan: some files could not be read (see their \"problems\")");
    return 0;
}

// The database the kiosk would use with these options, opened (and migrated) for a subcommand.
kiosk::Result<kiosk::store::Database> openKioskDatabase(const Options& options, fs::path& dataDir) {
    auto config = kiosk::config::loadConfig(options.configFile, kInstalledConfig);
    if (!config) return config.error();
    dataDir = options.dataDir.value_or(config->dataDir.value_or(kiosk::config::defaultDataDir()));
    return kiosk::store::Database::openInDirectory(dataDir);
}

// `volunteers add NAME [--pin-stdin]` and `volunteers list`: the team roster until the setup
// wizard manages it. The PIN is read from stdin, never from the command line (it would sit in
// the shell history and in `ps`).
int manageVolunteers(const Options& options, bool add) {
    fs::path dataDir;
    auto database = openKioskDatabase(options, dataDir);
    if (!database) return fail(1, database.error().message);
    auto pepper = kiosk::helplog::loadOrCreatePepper(dataDir / kiosk::helplog::kPepperFileName);
    if (!pepper) return fail(1, pepper.error().message);
    kiosk::queue::SystemWallClock clock;
    kiosk::helplog::VolunteerRoster roster(*database, *pepper, clock);
    if (!add) {
        auto list = roster.list();
        if (!list) return fail(1, list.error().message);
        for (const auto& volunteer : *list) {
            std::printf("%lld\t%s\t%s\n", static_cast<long long>(volunteer.id), volunteer.displayName.c_str(),
                        volunteer.hasPin ? "pin set" : "no pin");
        }
        return 0;
    }
    std::string pin;
    if (options.pinFromStdin && !std::getline(std::cin, pin))
        return fail(2, "volunteers add: no PIN on stdin");
    if (options.pinFromStdin) {
        if (auto rules = kiosk::helplog::checkPinRules(pin); !rules) return fail(2, rules.error().message);
    }
    auto volunteer = roster.add(options.volunteerName);
    if (!volunteer) return fail(2, volunteer.error().message);
    if (options.pinFromStdin) {
        if (auto set = roster.setPin(volunteer->id, pin); !set) {
            (void)roster.deactivate(volunteer->id);  // frees the name for a second try
            return fail(2, set.error().message);
        }
    }
    std::fill(pin.begin(), pin.end(), '\0');
    std::printf("added volunteer %lld (%s)\n", static_cast<long long>(volunteer->id),
                options.pinFromStdin ? "PIN set" : "no PIN yet");
    return 0;
}

// `status`: the sync backlog as one line (or JSON), read from the database the kiosk uses.
int printStatus(const Options& options) {
    fs::path dataDir;
    auto database = openKioskDatabase(options, dataDir);
    if (!database) return fail(1, database.error().message);
    auto diagnostics = kiosk::sync::readDiagnostics(*database);
    if (!diagnostics) return fail(1, diagnostics.error().message);
    if (options.json) {
        std::printf("%s\n", kiosk::sync::diagnosticsJson(*diagnostics).dump().c_str());
    } else {
        std::printf("%s\n", kiosk::sync::formatDiagnosticsLine(*diagnostics).c_str());
    }
    return 0;
}

// `export --from DAY --to DAY FILE.csv`: the help log of those local days, for the commune's report.
int exportCsv(const Options& options) {
    const kiosk::helplog::Period period{options.exportFrom, options.exportTo};
    if (auto problem = kiosk::helplog::periodProblem(period)) return fail(2, "export: " + *problem);
    fs::path dataDir;
    auto database = openKioskDatabase(options, dataDir);
    if (!database) return fail(1, database.error().message);
    auto summary = kiosk::helplog::exportHelpCsv(*database, period, options.exportFile, {});
    if (!summary) return fail(summary.error().code == "export.bad_period" ? 2 : 1, summary.error().message);
    std::printf("exported %d tickets (%ju bytes) to %s\n", summary->rows, summary->bytes,
                summary->file.string().c_str());
    return 0;
}

// The parts every windowed mode shares: the optional UI script and the window's size.
kiosk::Result<std::optional<std::vector<ui::ScriptStep>>> loadScript(const Options& options) {
    if (options.uiScript.empty()) return std::optional<std::vector<ui::ScriptStep>>();
    auto text = kiosk::readTextFile(options.uiScript);
    if (!text) return text.error();
    auto steps = ui::parseUiScript(*text, options.uiScript.filename().string());
    if (!steps) return steps.error();
    return std::optional<std::vector<ui::ScriptStep>>(std::move(steps).value());
}

ui::WindowOptions windowOptions(const Options& options, std::chrono::steady_clock::time_point started) {
    ui::WindowOptions window{.windowed = std::nullopt, .processStart = started};
    if (!options.windowed.empty()) {
        const auto x = options.windowed.find('x');
        window.windowed =
            std::pair{std::stoi(options.windowed.substr(0, x)), std::stoi(options.windowed.substr(x + 1))};
    }
    return window;
}

// `setup` (the first-run wizard, writing the config) and `diagnostics` (the technician's screen
// behind the technician PIN): full-screen like the kiosk, without the citizen screens.
int runTechnicianScreen(const Options& options, std::chrono::steady_clock::time_point started, bool wizard) {
    const fs::path configFile = options.configFile.value_or(kInstalledConfig);
    std::error_code missing;
    auto config = fs::exists(configFile, missing)
                      ? kiosk::config::loadConfigFile(configFile)
                      : kiosk::Result<kiosk::config::KioskConfig>(kiosk::config::KioskConfig{});
    if (!config) return fail(2, config.error().message);
    auto assets = kiosk::config::findAssetsDir(options.assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR);
    if (!assets) return fail(2, assets.error().message);
    auto script = loadScript(options);
    if (!script) return fail(2, script.error().message);
    if (auto hint = ui::missingDisplayHint()) return fail(1, *hint);
    std::vector<kiosk::i18n::CatalogueProblem> textProblems;
    auto catalogue = kiosk::i18n::Catalogue::loadDir(*assets / "i18n", textProblems);
    const fs::path dataDir =
        options.dataDir.value_or(config->dataDir.value_or(kiosk::config::defaultDataDir()));
    const std::string camera = options.camera.empty() ? "/dev/video0" : options.camera;

    auto platform = ui::Platform::open(windowOptions(options, started));
    if (!platform) return fail(1, platform.error().message);
    const ui::Metrics metrics = ui::metricsFor((*platform)->size().x, (*platform)->size().y);
    ui::applyTheme(metrics);
    auto fonts = ui::loadFonts(metrics, kFontDir, {"0123456789"});
    if (!fonts) return fail(1, fonts.error().message);
    const std::string name = options.uiScript.filename().string();
    const fs::path shots = options.screenshotDir.value_or(options.uiScript.parent_path());
    if (wizard) {
        ui::SetupWizardParts parts{*config, configFile,  dataDir, camera, std::move(catalogue),
                                   {},      std::nullopt};
        if (auto services = kiosk::queue::loadServicesFile(*assets / "services.toml")) {
            parts.services = *services;
        } else {
            parts.servicesProblem = services.error();
        }
        if (!*script) return ui::runSetupWizard(**platform, std::move(parts), metrics, *fonts, nullptr);
        ui::SetupWizard app(std::move(parts), metrics, *fonts);
        ui::UiScriptRunner runner(std::move(**script), name, shots, app.clock());
        return (*platform)->run(app, &runner);
    }
    kiosk::diag::DoctorInputs inputs;
    inputs.configSource = configFile.string();
    inputs.config = *config;
    inputs.configFile = configFile;
    inputs.dataDir = dataDir;
    inputs.camera = camera;
    inputs.journalctl = kiosk::diag::findProgram({"/usr/bin/journalctl", "/bin/journalctl"});
    const fs::path bundleDir = options.usbDir.value_or(shots.empty() ? fs::path("/media") : shots);
    ui::DiagnosticsApp app(std::make_unique<ui::DiagnosticsScreen>(
                               inputs, dataDir / kiosk::store::Database::kFileName,
                               dataDir / kiosk::helplog::kPepperFileName, bundleDir.string()),
                           catalogue, config->language, metrics, *fonts);
    if (!*script) return (*platform)->run(app, nullptr);
    ui::UiScriptRunner runner(std::move(**script), name, shots, app.clock());
    return (*platform)->run(app, &runner);
}

int runKiosk(const Options& options, std::chrono::steady_clock::time_point started) {
    auto config = kiosk::config::loadConfig(options.configFile, kInstalledConfig);
    if (!config)
        return fail(2, config.error().message + "; the kiosk will not start with a config it cannot trust");
    // A kiosk fresh from the package shows the setup wizard; when it has written the config the
    // process ends and systemd starts the kiosk again, provisioned.
    if (options.uiScript.empty() && !options.configFile && config->source == kInstalledConfig &&
        !kiosk::setup::isProvisioned(*config)) {
        spdlog::info("not provisioned yet (no commune code): starting the setup wizard");
        return runTechnicianScreen(options, started, true);
    }
    if (!options.language.empty()) config->language = *kiosk::i18n::languageFromCode(options.language);

    auto assets = kiosk::config::findAssetsDir(options.assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR);
    if (!assets) return fail(2, assets.error().message);

    auto scriptFile = loadScript(options);
    if (!scriptFile) return fail(2, scriptFile.error().message);
    std::optional<std::vector<ui::ScriptStep>> script = std::move(scriptFile).value();
    const ui::WindowOptions window = windowOptions(options, started);
    if (auto hint = ui::missingDisplayHint()) return fail(1, *hint);

    std::vector<kiosk::i18n::CatalogueProblem> textProblems;
    auto catalogue = kiosk::i18n::Catalogue::loadDir(*assets / "i18n", textProblems);
    for (const auto& problem : textProblems)
        spdlog::warn("texts: {}: {}", problem.where, problem.message);

    const fs::path dataDir =
        options.dataDir.value_or(config->dataDir.value_or(kiosk::config::defaultDataDir()));
    auto database = kiosk::store::Database::openInDirectory(dataDir);
    if (!database) spdlog::error("storage: {}", database.error().message);

    // The sync thread has its own connection; without a server URL the outbox just keeps growing
    // (bounded by disk) until a provisioning bundle sets one.
    std::unique_ptr<kiosk::sync::Syncer> syncer;
    if (database && !config->sync.serverUrl.empty()) {
        kiosk::sync::SyncSettings settings;
        settings.serverUrl = config->sync.serverUrl;
        settings.token = config->sync.token;
        settings.pinnedPublicKey = config->sync.pinnedPublicKey;
        settings.kioskId = config->kioskId;
        settings.databaseFile = database->file();
        syncer = std::make_unique<kiosk::sync::Syncer>(settings);
        if (auto running = syncer->start(); !running) {
            spdlog::error("sync: {}", running.error().message);
            syncer.reset();
        }
    }

    auto platform = ui::Platform::open(window);
    if (!platform) return fail(1, platform.error().message);
    const ui::Metrics metrics = ui::metricsFor((*platform)->size().x, (*platform)->size().y);
    ui::applyTheme(metrics);
    using kiosk::i18n::Language;
    using kiosk::i18n::MessageId;
    auto fonts = ui::loadFonts(metrics, kFontDir,
                               {catalogue.text(Language::Vi, MessageId::AttractTouchToStart),
                                catalogue.text(Language::En, MessageId::AttractTouchToStart),
                                catalogue.text(Language::Vi, MessageId::HelpTicketNumber),
                                catalogue.text(Language::En, MessageId::HelpTicketNumber)});
    if (!fonts) return fail(1, fonts.error().message);

    auto library = kiosk::content::loadContentDir(*assets / "content", *assets / "images");
    for (const auto& problem : library.problems) {
        spdlog::error("walkthrough refused: {}", kiosk::content::formatProblem(problem));
    }

    spdlog::info("kiosk {} starting: config from {}, data in {}, assets in {}, {} walkthroughs",
                 config->kioskId, config->source, dataDir.string(), assets->string(),
                 library.walkthroughs.size());
    kiosk::scan::BankDirectory banks;
    if (auto csv = kiosk::readTextFile(*assets / "banks.csv"); !csv) {
        spdlog::error("bank names unavailable: {}", csv.error().message);
    } else if (auto parsed = kiosk::scan::BankDirectory::fromCsv(*csv); !parsed) {
        spdlog::error("bank names unavailable: {}", parsed.error().message);
    } else {
        banks = std::move(parsed).value();
    }

    std::vector<kiosk::queue::Service> services;
    if (auto loaded = kiosk::queue::loadServicesFile(*assets / "services.toml"); !loaded) {
        spdlog::error("queue services unavailable: {}", loaded.error().message);
    } else {
        services = std::move(loaded).value();
    }

    ui::KioskApp app(ui::KioskParts{*config, std::move(catalogue), std::move(database),
                                    std::move(library.walkthroughs), *assets / "images", std::move(banks),
                                    options.camera.empty() ? std::string("/dev/video0") : options.camera,
                                    std::move(services), options.usbDir},
                     metrics, *fonts);
    if (!script) return (*platform)->run(app, nullptr);

    ui::UiScriptRunner runner(std::move(*script), options.uiScript.filename().string(),
                              options.screenshotDir.value_or(options.uiScript.parent_path()), app.clock());
    return (*platform)->run(app, &runner);
}

}  // namespace

int main(int argc, char** argv) {
    const auto started = std::chrono::steady_clock::now();
    auto logger = spdlog::stderr_color_mt("kiosk");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");

    CLI::App app{"commune-kiosk: touch kiosk for commune public-service centres"};
    app.set_version_flag("--version", std::string(KIOSK_VERSION));
    app.fallthrough();
    Options options;
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

    CLI::App* uiScript = app.add_subcommand("ui-script", "drive the real UI from a script (tests, reviews)");
    uiScript->add_option("FILE", options.uiScript, "the script")->required()->check(CLI::ExistingFile);
    uiScript->add_option("--screenshots", options.screenshotDir,
                         "where screenshots go (default: beside the script)");

    CLI::App* scan = app.add_subcommand("scan", "decode QR codes in image files; one JSON line per file");
    scan->add_flag("--reveal-personal-data", options.revealPersonalData,
                   "show CCCD fields unmasked (never in logs or bug reports)");
    scan->add_option("FILE", options.scanFiles, "image files")->required();

    CLI::App* content = app.add_subcommand("content", "walkthrough content tools");
    content->require_subcommand(1);
    CLI::App* contentCheck =
        content->add_subcommand("check", "validate walkthrough files; problems as file:line");
    contentCheck->add_option("DIR", options.contentDir, "folder of walkthrough .toml files")->required();

    CLI::App* volunteers = app.add_subcommand("volunteers", "the team members who sign in at the desk");
    volunteers->require_subcommand(1);
    CLI::App* volunteersAdd = volunteers->add_subcommand("add", "add a volunteer (first name or nickname)");
    volunteersAdd->add_option("NAME", options.volunteerName, "first name or nickname, 1-24 characters")
        ->required();
    volunteersAdd->add_flag("--pin-stdin", options.pinFromStdin, "read the 6-digit PIN from standard input");
    volunteers->add_subcommand("list", "list active volunteers");

    CLI::App* exportCommand = app.add_subcommand(
        "export", "write the help log of a range of days as CSV (UTF-8, for a spreadsheet)");
    exportCommand->add_option("--from", options.exportFrom, "first local day, YYYY-MM-DD")->required();
    exportCommand->add_option("--to", options.exportTo, "last local day, YYYY-MM-DD")->required();
    exportCommand->add_option("FILE", options.exportFile, "the CSV file to write")->required();

    const ui::TechnicianCommands technician = ui::addTechnicianCommands(app);
    CLI::App* setupCommand =
        app.add_subcommand("setup", "first-run setup wizard; writes --config (or the installed config)");
    CLI::App* diagnosticsCommand =
        app.add_subcommand("diagnostics", "the diagnostics screen, behind the technician PIN");
    for (CLI::App* screen : {setupCommand, diagnosticsCommand}) {
        screen->add_option("--ui-script", options.uiScript, "drive it from a script (tests, reviews)")
            ->check(CLI::ExistingFile);
        screen->add_option("--screenshots", options.screenshotDir, "where the script's screenshots go");
    }

    CLI::App* status =
        app.add_subcommand("status", "sync backlog: pending, sent, rejected, last success and error");
    status->add_flag("--json", options.json, "one JSON object instead of a line");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::printf("%s", app.help().c_str());
        return 0;
    } catch (const CLI::CallForVersion&) {
        std::printf("%s\n", KIOSK_VERSION);
        return 0;
    } catch (const CLI::ParseError& error) {
        return fail(2, std::string(error.what()) + " (see --help)");
    }
    try {
        if (auto technicianStatus = ui::runTechnicianCommand(
                technician, {options.configFile, kInstalledConfig, options.dataDir, options.camera}))
            return *technicianStatus;
        if (*contentCheck) return checkContent(options);
        if (*scan) return scanFiles(options);
        if (*volunteers) return manageVolunteers(options, volunteersAdd->parsed());
        if (*exportCommand) return exportCsv(options);
        if (*status) return printStatus(options);
        if (*setupCommand || *diagnosticsCommand)
            return runTechnicianScreen(options, started, setupCommand->parsed());
        return runKiosk(options, started);
    } catch (const std::exception& error) {
        return fail(1, std::string("stopped by an unexpected error: ") + error.what());
    }
}
