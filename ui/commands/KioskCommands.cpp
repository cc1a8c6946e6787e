#include "ui/commands/KioskCommands.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "devices/speech/SpeechSynthesizer.h"
#include "devices/speech/WavFile.h"
#include "kiosk/Files.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/Paths.h"
#include "kiosk/content/ContentLoader.h"
#include "kiosk/helplog/CsvExport.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/scan/BankDirectory.h"
#include "kiosk/session/CitizenSession.h"
#include "kiosk/store/Database.h"
#include "kiosk/sync/Outbox.h"
#include "kiosk/sync/SyncDiagnostics.h"
#include "ui/commands/ScannerModuleLoader.h"

namespace ui {

namespace fs = std::filesystem;

int failWithStatus(int status, const std::string& message) {
    std::fprintf(stderr, "commune-kiosk: %s\n", message.c_str());
    return status;
}

fs::path executablePath() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self;
}

KioskCommands::KioskCommands(CLI::App& app)
    : technician_(addTechnicianCommands(app)), centre_(addCentreCommands(app)) {
    globalLanguage_ = app.get_option_no_throw("--lang");
    scan_ = app.add_subcommand("scan", "decode QR codes in image files; one JSON line per file");
    scan_->add_flag("--reveal-personal-data", revealPersonalData_,
                    "show CCCD fields unmasked (never in logs or bug reports)");
    scan_->add_option("FILE", scanFiles_, "image files")->required();

    CLI::App* content = app.add_subcommand("content", "walkthrough content tools");
    content->require_subcommand(1);
    contentCheck_ = content->add_subcommand("check", "validate walkthrough files; problems as file:line");
    contentCheck_->add_option("DIR", contentDir_, "folder of walkthrough .toml files")->required();
    contentCheck_->add_option("--as-of", contentAsOf_,
                              "warn about sources checked over 12 months before this day (YYYY-MM-DD)");

    volunteers_ = app.add_subcommand("volunteers", "the team members who sign in at the desk");
    volunteers_->require_subcommand(1);
    volunteersAdd_ = volunteers_->add_subcommand("add", "add a volunteer (first name or nickname)");
    volunteersAdd_->add_option("NAME", volunteerName_, "first name or nickname, 1-24 characters")->required();
    volunteersAdd_->add_flag("--pin-stdin", pinFromStdin_, "read the 6-digit PIN from standard input");
    volunteersAdd_->add_flag("--team-leader", teamLeader_,
                             "may lift another volunteer's PIN lock at the desk with their own PIN");
    volunteers_->add_subcommand("list", "list active volunteers");

    export_ = app.add_subcommand("export",
                                 "write the help log of a range of days as CSV (UTF-8, for a spreadsheet)");
    export_->add_option("--from", exportFrom_, "first local day, YYYY-MM-DD")->required();
    export_->add_option("--to", exportTo_, "last local day, YYYY-MM-DD")->required();
    export_->add_option("FILE", exportFile_, "the CSV file to write")->required();

    status_ = app.add_subcommand("status", "sync backlog: pending, sent, rejected, last success and error");
    status_->add_flag("--json", json_, "one JSON object instead of a line");

    CLI::App* sync = app.add_subcommand("sync", "the outbox the kiosk sends to the provincial server");
    sync->require_subcommand(1);
    syncRequeue_ = sync->add_subcommand(
        "requeue", "send the events the server rejected again (after the server or the config was fixed)");
    say_ = app.add_subcommand("say", "write the kiosk's speech of TEXT to a WAV file (no sound card needed)");
    say_->add_option("--lang", sayLanguage_, "voice: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
    say_->add_option("--out", sayOut_, "the WAV file to write (16-bit mono PCM)")->required();
    say_->add_option("TEXT", sayWords_, "what to say (UTF-8; several words are joined with spaces)")
        ->required();
}

std::optional<int> KioskCommands::run(const CommonPaths& paths, const std::optional<fs::path>& assetsDir) {
    if (auto technicianStatus = runTechnicianCommand(technician_, paths, assetsDir)) return *technicianStatus;
    if (auto centreStatus = runCentreCommand(centre_, paths, assetsDir)) return *centreStatus;
    if (*contentCheck_) return checkContent();
    if (*scan_) return scanFiles(assetsDir);
    if (*volunteers_) return manageVolunteers(paths, volunteersAdd_->parsed());
    if (*export_) return exportCsv(paths);
    if (*status_) return printStatus(paths);
    if (*syncRequeue_) return requeueRejected(paths);
    if (*say_) return sayToFile();
    return std::nullopt;
}

// `content check DIR [--as-of DATE]`: every problem as file:line, status 2 when there is any;
// sources checked more than 12 months before DATE (default today) are warnings, status stays 0.
int KioskCommands::checkContent() {
    std::error_code error;
    if (!fs::is_directory(contentDir_, error)) {
        return failWithStatus(2, "content check: " + contentDir_.string() + " is not a directory");
    }
    std::chrono::year_month_day asOf{};
    if (contentAsOf_.empty()) {
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        asOf = std::chrono::year{local.tm_year + 1900} / (local.tm_mon + 1) / local.tm_mday;
    } else if (auto parsed = kiosk::content::parseIsoDate(contentAsOf_)) {
        asOf = *parsed;
    } else {
        return failWithStatus(2,
                              "content check: --as-of must be a date like 2026-12-03, not " + contentAsOf_);
    }
    const auto library =
        kiosk::content::loadContentDir(contentDir_, kiosk::content::defaultImagesDir(contentDir_));
    for (const auto& warning : kiosk::content::staleSources(library, asOf))
        std::fprintf(stderr, "warning: %s\n", kiosk::content::formatProblem(warning).c_str());
    for (const auto& problem : library.problems)
        std::fprintf(stderr, "%s\n", kiosk::content::formatProblem(problem).c_str());
    if (!library.problems.empty()) {
        std::fprintf(stderr, "content check: %zu problem(s)\n", library.problems.size());
        return 2;
    }
    std::printf("content check: %s is fine (%zu walkthroughs)\n", contentDir_.string().c_str(),
                library.walkthroughs.size());
    return 0;
}

// `scan FILE...`: one JSON object per line per file; status 2 at the end if any was unreadable.
int KioskCommands::scanFiles(const std::optional<fs::path>& assetsDir) {
    auto assets = kiosk::config::findAssetsDir(assetsDir, executablePath(), KIOSK_SOURCE_ASSETS_DIR);
    if (!assets) return failWithStatus(2, assets.error().message);
    auto csv = kiosk::readTextFile(*assets / "banks.csv");
    if (!csv) return failWithStatus(2, csv.error().message);
    if (auto banks = kiosk::scan::BankDirectory::fromCsv(*csv); !banks)
        return failWithStatus(2, banks.error().message);
    auto module = loadScannerModule();
    if (!module) return failWithStatus(1, module.error().message);
    bool allReadable = true;
    for (const fs::path& file : scanFiles_) {
        std::string line;
        allReadable = module->scanFile(file.c_str(), *csv, revealPersonalData_, line) && allReadable;
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
        kiosk::session::wipeString(line);  // it may hold an ID card (with --reveal-personal-data)
    }
    if (!allReadable) return failWithStatus(2, "scan: some files could not be read (see their \"problems\")");
    return 0;
}

namespace {

// The database the kiosk would use with these options, opened (and migrated) for a subcommand.
// A config that cannot be read is a bad argument (exit 2), as it is for the kiosk itself.
constexpr std::string_view kBadConfig = "cli.bad_config";

enum class Access { ReadWrite, ReadOnly };

// ReadOnly for commands that only read (status, export): they work on read-only storage too.
kiosk::Result<kiosk::store::Database> openKioskDatabase(const CommonPaths& paths, fs::path& dataDir,
                                                        Access access = Access::ReadWrite) {
    auto config = kiosk::config::loadConfig(paths.configFile, paths.installedConfig);
    if (!config) return kiosk::Error{std::string(kBadConfig), config.error().message};
    dataDir = paths.dataDir.value_or(config->dataDir.value_or(kiosk::config::defaultDataDir()));
    return access == Access::ReadOnly ? kiosk::store::Database::openForReading(dataDir)
                                      : kiosk::store::Database::openInDirectory(dataDir);
}

int failOpening(const kiosk::Error& error) {
    return failWithStatus(error.code == kBadConfig ? 2 : 1, error.message);
}

}  // namespace

// `volunteers add NAME [--pin-stdin] [--team-leader]` and `volunteers list`: the team roster until the setup
// wizard manages it. The PIN is read from stdin, never from the command line (it would sit in
// the shell history and in `ps`).
int KioskCommands::manageVolunteers(const CommonPaths& paths, bool add) {
    fs::path dataDir;
    auto database = openKioskDatabase(paths, dataDir);
    if (!database) return failOpening(database.error());
    auto pepper = kiosk::helplog::loadOrCreatePepper(dataDir / kiosk::helplog::kPepperFileName);
    if (!pepper) return failWithStatus(1, pepper.error().message);
    kiosk::SystemWallClock clock;
    kiosk::helplog::VolunteerRoster roster(*database, *pepper, clock);
    if (!add) {
        auto list = roster.list();
        if (!list) return failWithStatus(1, list.error().message);
        for (const auto& volunteer : *list) {
            std::printf("%lld\t%s\t%s%s\n", static_cast<long long>(volunteer.id),
                        volunteer.displayName.c_str(), volunteer.hasPin ? "pin set" : "no pin",
                        volunteer.teamLeader ? "\tteam leader" : "");
        }
        return 0;
    }
    std::string pin;
    if (pinFromStdin_ && !std::getline(std::cin, pin))
        return failWithStatus(2, "volunteers add: no PIN on stdin");
    if (pinFromStdin_) {
        if (auto rules = kiosk::helplog::checkPinRules(pin); !rules)
            return failWithStatus(2, rules.error().message);
    }
    auto volunteer = roster.add(volunteerName_, teamLeader_ ? kiosk::helplog::VolunteerRole::TeamLeader
                                                            : kiosk::helplog::VolunteerRole::Member);
    if (!volunteer) return failWithStatus(2, volunteer.error().message);
    if (pinFromStdin_) {
        if (auto set = roster.setPin(volunteer->id, pin); !set) {
            (void)roster.deactivate(volunteer->id);  // frees the name for a second try
            return failWithStatus(2, set.error().message);
        }
    }
    std::fill(pin.begin(), pin.end(), '\0');
    std::printf("added volunteer %lld (%s)\n", static_cast<long long>(volunteer->id),
                pinFromStdin_ ? "PIN set" : "no PIN yet");
    return 0;
}

// `status`: the sync backlog as one line (or JSON), read from the database the kiosk uses.
int KioskCommands::printStatus(const CommonPaths& paths) {
    fs::path dataDir;
    auto database = openKioskDatabase(paths, dataDir, Access::ReadOnly);
    if (!database) return failOpening(database.error());
    auto diagnostics = kiosk::sync::readDiagnostics(*database);
    if (!diagnostics) return failWithStatus(1, diagnostics.error().message);
    if (json_) {
        std::printf("%s\n", kiosk::sync::diagnosticsJson(*diagnostics).dump().c_str());
    } else {
        std::printf("%s\n", kiosk::sync::formatDiagnosticsLine(*diagnostics).c_str());
    }
    return 0;
}

// `sync requeue`: rejected events become pending again. Safe while the kiosk runs: the database
// is shared in WAL mode, and the kiosk's sync thread sends them at its next look (30 s at most).
int KioskCommands::requeueRejected(const CommonPaths& paths) {
    fs::path dataDir;
    auto database = openKioskDatabase(paths, dataDir);
    if (!database)
        return failWithStatus(database.error().code == kBadConfig ? 2 : 1,
                              "sync requeue: " + database.error().message);
    auto requeued = kiosk::sync::requeueRejected(*database);
    if (!requeued) return failWithStatus(1, "sync requeue: " + requeued.error().message);
    std::printf(
        "sync requeue: %lld rejected events are pending again; the kiosk sends them at its next try\n",
        static_cast<long long>(*requeued));
    return 0;
}

// `export --from DAY --to DAY FILE.csv`: the help log of those local days, for the commune's report.
int KioskCommands::exportCsv(const CommonPaths& paths) {
    const kiosk::helplog::Period period{exportFrom_, exportTo_};
    if (auto problem = kiosk::helplog::periodProblem(period)) return failWithStatus(2, "export: " + *problem);
    fs::path dataDir;
    auto database = openKioskDatabase(paths, dataDir, Access::ReadOnly);
    if (!database) return failOpening(database.error());
    auto summary = kiosk::helplog::exportHelpCsv(*database, period, exportFile_, {});
    if (!summary)
        return failWithStatus(
            summary.error().code == "export.bad_period" || summary.error().code == "export.not_a_file" ? 2
                                                                                                       : 1,
            summary.error().message);
    std::printf("exported %d tickets (%ju bytes) to %s\n", summary->rows, summary->bytes,
                summary->file.string().c_str());
    return 0;
}

// `say [--lang vi|en] --out FILE.wav TEXT`: the same voice the "Nghe" buttons use, into a file
// (a contract for checks outside the project). Prints one line: the file, its length and rate.
int KioskCommands::sayToFile() {
    std::string text;
    for (const std::string& word : sayWords_)
        text += (text.empty() ? "" : " ") + word;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return failWithStatus(2, "say: TEXT is empty");
    if (text.size() > devices::kMaxSpokenBytes) {
        return failWithStatus(2, "say: TEXT is " + std::to_string(text.size()) + " bytes; at most " +
                                     std::to_string(devices::kMaxSpokenBytes) + " can be spoken at once");
    }
    const fs::path folder = sayOut_.has_parent_path() ? sayOut_.parent_path() : fs::path(".");
    std::error_code error;
    if (!fs::is_directory(folder, error))
        return failWithStatus(
            2, "say: cannot write " + sayOut_.string() + ": " + folder.string() + " is not a folder");
    // `commune-kiosk --lang en say ...` means English as much as `say --lang en` does.
    if (say_->count("--lang") == 0 && globalLanguage_ && globalLanguage_->count() > 0)
        sayLanguage_ = globalLanguage_->as<std::string>();
    const auto language = kiosk::i18n::languageFromCode(sayLanguage_).value_or(kiosk::i18n::kDefaultLanguage);
    const auto started = std::chrono::steady_clock::now();
    auto audio = devices::synthesizeSpeech(text, language);
    if (!audio) return failWithStatus(1, audio.error().message);
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (auto written = devices::writeWavFile(sayOut_, *audio); !written)
        return failWithStatus(1, "say: " + written.error().message);
    std::printf("wrote %s: %.2f s of speech at %d Hz (%s, synthesised in %lld ms)\n",
                sayOut_.string().c_str(), audio->seconds(), audio->sampleRate, sayLanguage_.c_str(),
                static_cast<long long>(took.count()));
    return 0;
}

}  // namespace ui
