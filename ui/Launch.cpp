#include "ui/Launch.h"

#include <spdlog/spdlog.h>

#include <variant>

#include <SDL.h>

#include "kiosk/Files.h"
#include "kiosk/centre/CentreDeskQueue.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/Paths.h"
#include "kiosk/content/ContentLoader.h"
#include "kiosk/diag/ProgramRun.h"
#include "kiosk/i18n/Catalogue.h"
#include "kiosk/queue/Service.h"
#include "kiosk/service/KioskCore.h"
#include "kiosk/setup/SetupForm.h"
#include "ui/KioskApp.h"
#include "ui/Platform.h"
#include "ui/Theme.h"
#include "ui/UiScript.h"
#include "ui/board/BoardApp.h"
#include "ui/commands/KioskCommands.h"
#include "ui/setup/DiagnosticsScreen.h"
#include "ui/setup/SetupWizard.h"

namespace ui {

namespace fs = std::filesystem;
using kiosk::i18n::Language;
using kiosk::i18n::MessageId;

namespace {

constexpr const char* kFontDir = "/usr/share/fonts/truetype/noto";

// Everything a windowed role needs before its app exists: the window, the look, the texts and
// the optional UI script. One set-up for every role.
struct Window {
    std::unique_ptr<Platform> platform;
    Metrics metrics;
    Fonts fonts;
    FontLoader loadFonts;
    kiosk::i18n::Catalogue catalogue;
    fs::path assets;
    std::optional<std::vector<ScriptStep>> script;

    // Runs `app` to the end, driven by the script when there is one.
    int run(FrameHandler& app, kiosk::ManualOffsetClock& clock, const LaunchOptions& options) {
        if (!script) return platform->run(app, nullptr);
        UiScriptRunner runner(std::move(*script), options.uiScript.filename().string(),
                              options.screenshotDir.value_or(options.uiScript.parent_path()), clock);
        return platform->run(app, &runner);
    }
};

// Opens the window; on failure returns the exit status (having said why on stderr).
std::variant<Window, int> openWindow(const LaunchOptions& options) {
    auto assets = kiosk::config::findAssetsDir(options.assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR);
    if (!assets) return failWithStatus(2, assets.error().message);
    Window window;
    window.assets = *assets;
    if (!options.uiScript.empty()) {
        auto text = kiosk::readTextFile(options.uiScript, kMaxUiScriptBytes);
        if (!text) return failWithStatus(2, text.error().message);
        auto steps = parseUiScript(*text, options.uiScript.filename().string());
        if (!steps) return failWithStatus(2, steps.error().message);
        window.script = std::move(steps).value();
    }
    if (auto hint = missingDisplayHint()) return failWithStatus(1, *hint);

    std::vector<kiosk::i18n::CatalogueProblem> textProblems;
    window.catalogue = kiosk::i18n::Catalogue::loadDir(*assets / "i18n", textProblems);
    for (const auto& problem : textProblems)
        spdlog::warn("texts: {}: {}", problem.where, problem.message);

    WindowOptions windowOptions{
        .windowed = std::nullopt, .processStart = options.started, .frameLog = options.frameLog};
    if (!options.windowed.empty()) {
        const auto x = options.windowed.find('x');
        windowOptions.windowed =
            std::pair{std::stoi(options.windowed.substr(0, x)), std::stoi(options.windowed.substr(x + 1))};
    }
    auto platform = Platform::open(windowOptions);
    if (!platform) return failWithStatus(1, platform.error().message);
    window.platform = std::move(platform).value();
    window.metrics = metricsFor(window.platform->size().x, window.platform->size().y);
    applyTheme(window.metrics);
    // The huge face holds only the glyphs it shows: digits and the two "touch to start" lines.
    window.loadFonts =
        [hugeTexts =
             std::vector<std::string>{"0123456789",
                                      window.catalogue.text(Language::Vi, MessageId::AttractTouchToStart),
                                      window.catalogue.text(Language::En, MessageId::AttractTouchToStart),
                                      window.catalogue.text(Language::Vi, MessageId::HelpTicketNumber),
                                      window.catalogue.text(Language::En, MessageId::HelpTicketNumber)},
         started = false](const Metrics& metrics) mutable -> kiosk::Result<Fonts> {
        auto fonts = loadFonts(metrics, kFontDir, hugeTexts);
        if (fonts && started) Platform::uploadFontAtlas();  // the first upload is the backend's own
        started = true;
        return fonts;
    };
    auto fonts = window.loadFonts(window.metrics);
    if (!fonts) return failWithStatus(1, fonts.error().message);
    window.fonts = *fonts;
    return window;
}

fs::path dataDirFor(const LaunchOptions& options, const kiosk::config::KioskConfig& config) {
    return options.dataDir.value_or(config.dataDir.value_or(kiosk::config::defaultDataDir()));
}

// The desk's centre queue answers on its own threads; an event of ours ends the loop's sleep at
// once (SDL_PushEvent is thread-safe).
void wakeTheUiLoop() {
    SDL_Event event{};
    event.type = SDL_USEREVENT;
    SDL_PushEvent(&event);
}

}  // namespace

int runTechnicianScreen(const LaunchOptions& options, bool wizard) {
    const fs::path configFile = options.configFile.value_or(kInstalledConfig);
    std::error_code missing;
    auto config = fs::exists(configFile, missing)
                      ? kiosk::config::loadConfigFile(configFile)
                      : kiosk::Result<kiosk::config::KioskConfig>(kiosk::config::KioskConfig{});
    if (!config) return failWithStatus(2, config.error().message);
    auto opened = openWindow(options);
    if (auto* status = std::get_if<int>(&opened)) return *status;
    Window& window = std::get<Window>(opened);
    const fs::path dataDir = dataDirFor(options, *config);
    const std::string camera = options.camera.empty() ? "/dev/video0" : options.camera;
    if (wizard) {
        SetupWizardParts parts{*config, configFile,  dataDir, camera, std::move(window.catalogue),
                               {},      std::nullopt};
        if (auto services = kiosk::queue::loadServicesFile(window.assets / "services.toml")) {
            parts.services = *services;
        } else {
            parts.servicesProblem = services.error();
        }
        // Finish ends the run (systemd then starts the provisioned kiosk); a script drives it in tests.
        if (!window.script)
            return runSetupWizard(*window.platform, std::move(parts), window.metrics, window.fonts, nullptr);
        SetupWizard app(std::move(parts), window.metrics, window.fonts);
        return window.run(app, app.clock(), options);
    }
    kiosk::diag::DoctorInputs inputs;
    inputs.configSource = configFile.string();
    inputs.config = *config;
    inputs.configFile = configFile;
    inputs.dataDir = dataDir;
    inputs.camera = camera;
    inputs.journalctl = kiosk::diag::findProgram({"/usr/bin/journalctl", "/bin/journalctl"});
    inputs.catalogue = &window.catalogue;
    inputs.language = config->language;
    const fs::path shots = options.screenshotDir.value_or(options.uiScript.parent_path());
    const fs::path bundleDir = options.usbDir.value_or(shots.empty() ? fs::path("/media") : shots);
    // The technician's PIN is checked by a core of its own (storage thread, no sync).
    auto core = std::make_unique<kiosk::service::KioskCore>(
        kiosk::service::CoreSetup{*config, dataDir, {}, std::nullopt, false});
    DiagnosticsApp app(std::move(core), std::move(inputs), bundleDir.string(), window.catalogue,
                       config->language, window.metrics, window.fonts);
    return window.run(app, app.clock(), options);
}

namespace {

// Centre mode: a volunteer desk (its own role, or the desk screen of a citizen kiosk) calls from
// the centre's shared queue and answers the centre's help requests. `terminalId`: the name it is
// listed under in `centre status`; empty on a citizen kiosk, which its ticket issuer lists.
std::function<std::unique_ptr<kiosk::desk::DeskQueue>()> centreDeskQueue(
    const kiosk::config::KioskConfig& config, const std::vector<kiosk::queue::Service>& services,
    std::string terminalId) {
    static const kiosk::SystemWallClock wallClock;
    // The centre's lines, so a transfer can only go to one of them.
    std::string letters;
    for (const kiosk::queue::Service& service : services)
        letters += service.letter;
    return [config, letters, terminalId]() -> std::unique_ptr<kiosk::desk::DeskQueue> {
        return std::make_unique<kiosk::centre::CentreDeskQueue>(
            kiosk::centre::CentreDeskSetup{.database = config.centre.database,
                                           .desk = config.desk.number,
                                           .services = config.desk.services,
                                           .knownServices = letters,
                                           .policy = kiosk::queue::queuePolicyFor(config.desk),
                                           .terminalId = terminalId},
            wallClock, wakeTheUiLoop);
    };
}

}  // namespace

int runKiosk(const LaunchOptions& options) {
    auto config = kiosk::config::loadConfig(options.configFile, kInstalledConfig);
    if (!config)
        return failWithStatus(
            2, config.error().message + "; the kiosk will not start with a config it cannot trust");
    // A kiosk fresh from the package shows the setup wizard; when it has written the config the
    // process ends and systemd starts the kiosk again, provisioned.
    if (options.uiScript.empty() && !options.configFile && config->source == kInstalledConfig &&
        !kiosk::setup::isProvisioned(*config)) {
        spdlog::info("not provisioned yet (no commune code): starting the setup wizard");
        return runTechnicianScreen(options, true);
    }
    if (!options.language.empty()) config->language = *kiosk::i18n::languageFromCode(options.language);

    auto opened = openWindow(options);
    if (auto* status = std::get_if<int>(&opened)) return *status;
    Window& window = std::get<Window>(opened);

    const fs::path dataDir = dataDirFor(options, *config);

    auto library = kiosk::content::loadContentDir(window.assets / "content", window.assets / "images");
    for (const auto& problem : library.problems)
        spdlog::error("walkthrough refused: {}", kiosk::content::formatProblem(problem));
    spdlog::info("kiosk {} starting: config from {}, data in {}, assets in {}, {} walkthroughs",
                 config->kioskId, config->source, dataDir.string(), window.assets.string(),
                 library.walkthroughs.size());

    kiosk::scan::BankDirectory banks;
    if (auto csv = kiosk::readTextFile(window.assets / "banks.csv"); !csv) {
        spdlog::error("bank names unavailable: {}", csv.error().message);
    } else if (auto parsed = kiosk::scan::BankDirectory::fromCsv(*csv); !parsed) {
        spdlog::error("bank names unavailable: {}", parsed.error().message);
    } else {
        banks = std::move(parsed).value();
    }
    std::vector<kiosk::queue::Service> services;
    if (auto loaded = kiosk::queue::loadServicesFile(window.assets / "services.toml"); !loaded) {
        spdlog::error("queue services unavailable: {}", loaded.error().message);
    } else {
        services = std::move(loaded).value();
    }

    kiosk::service::CoreSetup setup{*config, dataDir, services, options.usbDir};
    if (!config->centre.database.empty()) {
        // Centre mode: the citizen's number comes from the centre's shared queue, or from this
        // kiosk's leased numbers while the centre does not answer.
        kiosk::centre::IssuerSettings centre;
        centre.connectionString = config->centre.database;
        centre.kioskId = config->kioskId;
        centre.policy = kiosk::queue::queuePolicyFor(config->desk);
        setup.centreTickets = std::move(centre);
        setup.deskQueue = centreDeskQueue(*config, services, "");
    }
    spdlog::info("tickets from {}", setup.centreTickets ? "the centre's queue" : "this kiosk's own book");
    auto core = std::make_unique<kiosk::service::KioskCore>(std::move(setup));
    KioskApp app(KioskParts{*config, std::move(window.catalogue), std::move(core),
                            std::move(library.walkthroughs), window.assets / "images", std::move(banks),
                            options.camera.empty() ? std::string("/dev/video0") : options.camera,
                            std::move(services), options.usbDir.value_or("/media").string()},
                 window.metrics, window.fonts, window.loadFonts);
    return window.run(app, app.clock(), options);
}

int runDesk(const LaunchOptions& options) {
    auto config = kiosk::config::loadConfig(options.configFile, kInstalledConfig);
    if (!config) return failWithStatus(2, "desk: " + config.error().message);
    if (!options.language.empty()) config->language = *kiosk::i18n::languageFromCode(options.language);
    auto opened = openWindow(options);
    if (auto* status = std::get_if<int>(&opened)) return *status;
    Window& window = std::get<Window>(opened);
    const fs::path dataDir = dataDirFor(options, *config);
    std::vector<kiosk::queue::Service> services;
    if (auto loaded = kiosk::queue::loadServicesFile(window.assets / "services.toml"); !loaded) {
        return failWithStatus(2, "desk: queue services unavailable: " + loaded.error().message);
    } else {
        services = std::move(loaded).value();
    }
    // Volunteers, PINs and the help log stay in this desk's own SQLite file in every mode; the
    // tickets come from the centre when there is one.
    kiosk::service::CoreSetup setup{*config, dataDir, services, options.usbDir};
    setup.startSync = false;  // the desk's help log is its own; the kiosks report the queue
    if (!config->centre.database.empty())
        setup.deskQueue = centreDeskQueue(*config, services, config->kioskId);
    spdlog::info("desk {} ({}) starting: config from {}, data in {}, queue {}", config->desk.number,
                 config->kioskId, config->source, dataDir.string(),
                 config->centre.database.empty() ? "local" : "the centre's");
    auto core = std::make_unique<kiosk::service::KioskCore>(std::move(setup));
    KioskParts parts{*config, std::move(window.catalogue), std::move(core),
                     {},      window.assets / "images",    {},
                     "",      std::move(services),         options.usbDir.value_or("/media").string()};
    parts.deskNumber = config->desk.number;
    KioskApp app(std::move(parts), window.metrics, window.fonts, window.loadFonts);
    return window.run(app, app.clock(), options);
}

int runBoard(const LaunchOptions& options) {
    auto config = kiosk::config::loadConfig(options.configFile, kInstalledConfig);
    if (!config) return failWithStatus(2, "board: " + config.error().message);
    if (config->centre.database.empty()) {
        return failWithStatus(2, "board: no centre database in " + config->source +
                                     "; the board shows the centre's shared queue: add [centre] database = "
                                     "\"postgresql://...\" (see README, centre mode)");
    }
    if (!options.language.empty()) config->language = *kiosk::i18n::languageFromCode(options.language);
    auto opened = openWindow(options);
    if (auto* status = std::get_if<int>(&opened)) return *status;
    Window& window = std::get<Window>(opened);
    // The board's own type sizes replace the kiosk's (loadFonts starts the atlas afresh).
    window.metrics = boardMetrics(window.platform->size().x, window.platform->size().y);
    auto fonts = loadFonts(window.metrics, kFontDir, {});
    if (!fonts) return failWithStatus(1, fonts.error().message);
    std::vector<kiosk::queue::Service> services;
    if (auto loaded = kiosk::queue::loadServicesFile(window.assets / "services.toml")) {
        services = std::move(loaded).value();
    } else {
        spdlog::warn("board: lines shown by letter only: {}", loaded.error().message);
    }
    spdlog::info("board {} starting: config from {}", config->kioskId, config->source);
    BoardApp app(BoardParts{*config, std::move(window.catalogue), std::move(services), options.speechOut},
                 window.metrics, *fonts);
    return window.run(app, app.clock(), options);
}

}  // namespace ui
