#include "ui/commands/TechnicianCommands.h"

#include "ui/commands/CameraProbe.h"
#include "ui/commands/KioskCommands.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "kiosk/Files.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/Paths.h"
#include "kiosk/config/ProvinceKey.h"
#include "kiosk/config/Provisioning.h"
#include "kiosk/diag/Doctor.h"
#include "kiosk/diag/ProgramRun.h"
#include "kiosk/diag/SupportBundle.h"

namespace ui {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDefaultCamera = "/dev/video0";  // as the kiosk itself uses without --camera

int fail(int status, const std::string& command, const std::string& message) {
    std::fprintf(stderr, "commune-kiosk: %s: %s\n", command.c_str(), message.c_str());
    return status;
}

int failWith(const std::string& command, const kiosk::Error& error) {
    return fail(kiosk::config::isLocalFailure(error) ? 1 : 2, command, error.message);
}

fs::path configTarget(const CommonPaths& paths) {
    return paths.configFile.value_or(paths.installedConfig);
}

int runProvision(const TechnicianCommands& commands, const CommonPaths& paths) {
    const fs::path bundle = commands.bundleFile->as<std::string>();
    auto applied = kiosk::config::applyBundleFile(bundle, configTarget(paths));
    if (!applied) return failWith("provision", applied.error());
    const kiosk::config::ProvisioningBundle& b = applied->bundle;
    std::printf(
        "provision: %s bundle %lld for kiosk %s (commune %s, %s) to %s; restart the kiosk to use it "
        "(systemctl restart commune-kiosk)\n",
        applied->reapplied ? "applied again" : "applied", static_cast<long long>(b.version),
        b.kioskId.c_str(), b.communeCode.c_str(), b.communeName.c_str(), applied->configFile.c_str());
    return 0;
}

int runKeygen(const TechnicianCommands& commands) {
    const fs::path dir = commands.keyOutDir->as<std::string>();
    auto key = kiosk::config::createProvinceKey(dir);
    if (!key) return failWith("keygen", key.error());
    std::printf(
        "keygen: wrote %s (secret: keep it safe and never put it on a kiosk) and %s\n"
        "keygen: put this line under [provisioning] in each kiosk's config:\n"
        "public_key = \"%s\"\n",
        key->secretKeyFile.c_str(), key->publicKeyFile.c_str(), key->publicKey.c_str());
    return 0;
}

int runSign(const TechnicianCommands& commands) {
    const fs::path bundle = commands.bundleToSign->as<std::string>();
    const fs::path key = commands.signingKey->as<std::string>();
    auto signedBundle = kiosk::config::signBundleFile(bundle, key);
    if (!signedBundle) return failWith("sign", signedBundle.error());
    std::printf("sign: wrote %s for bundle %lld (kiosk %s); kiosks must trust key %s\n",
                signedBundle->signatureFile.c_str(), static_cast<long long>(signedBundle->bundle.version),
                signedBundle->bundle.kioskId.c_str(), signedBundle->publicKey.c_str());
    return 0;
}

// The camera runs for two seconds: resolution, frames per second and the decode time on one of
// its frames, so a technician on the phone can hear "8 fps" instead of "it is slow".
void addCameraMeasurement(kiosk::diag::DoctorReport& report, const std::string& camera,
                          const kiosk::diag::DoctorWording& say) {
    using kiosk::i18n::MessageId;
    const auto* found = report.find("camera");
    if (found && found->problem) return;  // no device to run
    kiosk::diag::DoctorCheck check{.name = "camera measured",
                                   .value = "",
                                   .problem = false,
                                   .advice = "",
                                   .label = say.label("camera measured")};
    auto measured = ui::measureCamera(camera, std::chrono::seconds(2));
    if (!measured) {
        check.value = measured.error().message;
        check.problem = true;
        check.advice = say(MessageId::DoctorCameraModuleAdvice);
    } else if (measured->width == 0) {
        check.value = say(MessageId::DoctorCameraNoPicture, {{"camera", camera}});
        check.problem = true;
        check.advice = say(MessageId::DoctorCameraReplugAdvice);
    } else {
        char fps[16];
        std::snprintf(fps, sizeof fps, "%.1f", measured->fps);
        check.value =
            say(MessageId::DoctorCameraMeasured,
                {{"width", std::to_string(measured->width)},
                 {"height", std::to_string(measured->height)},
                 {"fps", fps},
                 {"decode", measured->decodeMs
                                ? std::to_string(static_cast<int>(*measured->decodeMs + 0.5)) + " ms"
                                : say(MessageId::DoctorNotMeasured)}});
    }
    report.checks.push_back(std::move(check));
}

int runDoctor(const TechnicianCommands& commands, const CommonPaths& paths,
              const std::optional<fs::path>& assetsDir) {
    kiosk::diag::DoctorInputs inputs;
    std::error_code error;
    std::optional<fs::path> configFile = paths.configFile;
    if (!configFile && fs::exists(paths.installedConfig, error)) configFile = paths.installedConfig;
    if (configFile) {
        inputs.configSource = configFile->string();
        inputs.configFile = configFile;
        if (auto loaded = kiosk::config::loadConfigFile(*configFile)) {
            inputs.config = std::move(loaded).value();
        } else {
            inputs.configProblem = loaded.error();
        }
    } else {
        inputs.configSource.clear();  // the doctor says "built-in defaults"
    }
    inputs.dataDir = paths.dataDir.value_or(inputs.config.dataDir.value_or(kiosk::config::defaultDataDir()));
    inputs.camera = paths.camera.empty() ? kDefaultCamera : paths.camera;
    inputs.journalctl = kiosk::diag::findProgram({"/usr/bin/journalctl", "/bin/journalctl"});

    // Without the catalogue the doctor still runs, naming each text by its catalogue key.
    std::optional<kiosk::i18n::Catalogue> catalogue;
    if (auto assets = kiosk::config::findAssetsDir(assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR)) {
        std::vector<kiosk::i18n::CatalogueProblem> ignored;
        catalogue = kiosk::i18n::Catalogue::loadDir(*assets / "i18n", ignored);
        inputs.catalogue = &*catalogue;
    }
    inputs.language = inputs.config.language;
    if (commands.language->count() > 0)
        inputs.language = commands.language->as<std::string>() == "en" ? kiosk::i18n::Language::En
                                                                       : kiosk::i18n::Language::Vi;

    kiosk::diag::DoctorReport report = kiosk::diag::runDoctor(inputs);
    addCameraMeasurement(report, inputs.camera,
                         kiosk::diag::DoctorWording(inputs.catalogue, inputs.language));
    const bool json = commands.json->count() > 0;
    const std::string text = json ? kiosk::diag::formatJson(report) : kiosk::diag::formatText(report);
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);

    int status = report.healthy() ? 0 : 1;
    if (commands.supportBundle->count() > 0) {
        const fs::path out = commands.supportBundle->as<std::string>();
        std::optional<std::string> configText;
        if (configFile) {
            auto read = kiosk::readTextFile(*configFile);
            configText = read ? std::move(read).value() : "# the config file could not be read\n";
        }
        const kiosk::Status written =
            kiosk::diag::writeSupportBundle(out, kiosk::diag::supportFiles(report, configText));
        if (!written) return fail(1, "doctor", written.error().message);
        // With --json, stdout holds only the JSON.
        std::fprintf(json ? stderr : stdout,
                     "doctor: support bundle written to %s (report and redacted config; no database, no "
                     "pepper, no personal data)\n",
                     out.c_str());
    }
    return status;
}

}  // namespace

TechnicianCommands addTechnicianCommands(CLI::App& app) {
    TechnicianCommands commands;
    commands.provision = app.add_subcommand(
        "provision", "apply a signed provisioning bundle (FILE and FILE.sig) to the config");
    commands.bundleFile =
        commands.provision->add_option("FILE", "the bundle (TOML); FILE.sig must be beside it")->required();

    commands.keygen = app.add_subcommand("keygen", "province: make the Ed25519 key pair that signs bundles");
    commands.keyOutDir =
        commands.keygen->add_option("--out", "folder for province.key (secret) and province.pub")->required();

    commands.sign = app.add_subcommand("sign", "province: sign a provisioning bundle, writing BUNDLE.sig");
    commands.signingKey = commands.sign->add_option("--key", "the province.key from keygen")->required();
    commands.bundleToSign = commands.sign->add_option("BUNDLE", "the bundle to sign")->required();

    commands.doctor = app.add_subcommand("doctor", "check this kiosk; exit status 1 when a check failed");
    commands.json = commands.doctor->add_flag("--json")->description("print the report as JSON");
    commands.language = commands.doctor->add_option("--lang", "the report's language (default: the kiosk's)")
                            ->check(CLI::IsMember({"vi", "en"}));
    commands.supportBundle = commands.doctor->add_option(
        "--bundle", "also write a support bundle (tar.gz, no personal data) to this file");
    return commands;
}

std::optional<int> runTechnicianCommand(const TechnicianCommands& commands, const CommonPaths& paths,
                                        const std::optional<fs::path>& assetsDir) {
    if (commands.provision && commands.provision->parsed()) return runProvision(commands, paths);
    if (commands.keygen && commands.keygen->parsed()) return runKeygen(commands);
    if (commands.sign && commands.sign->parsed()) return runSign(commands);
    if (commands.doctor && commands.doctor->parsed()) return runDoctor(commands, paths, assetsDir);
    return std::nullopt;
}

}  // namespace ui
