#include "kiosk/diag/Doctor.h"

#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include "kiosk/Files.h"
#include "kiosk/PersonalData.h"
#include "kiosk/config/ProvinceKey.h"
#include "kiosk/config/Provisioning.h"
#include "kiosk/diag/ProgramRun.h"
#include "kiosk/diag/ReadOnlyDatabase.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/store/Database.h"
#include "kiosk/store/Migrations.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::diag {

namespace fs = std::filesystem;

namespace {

using i18n::MessageId;

DoctorCheck info(std::string name, std::string value) {
    return DoctorCheck{std::move(name), std::move(value), false, "", ""};
}

DoctorCheck problem(std::string name, std::string value, std::string advice) {
    return DoctorCheck{std::move(name), std::move(value), true, std::move(advice), ""};
}

std::string currentUser() {
    if (const passwd* user = ::getpwuid(::geteuid())) return user->pw_name;
    return "uid " + std::to_string(::geteuid());
}

// Values are one line each in the text report.
std::string oneLine(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return text;
}

std::string utcFromMillis(int64_t millis) {
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return text;
}

void checkUptime(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    auto text = readTextFile(inputs.procUptime);
    double seconds = -1;
    if (text && std::sscanf(text->c_str(), "%lf", &seconds) == 1 && seconds >= 0) {
        report.checks.push_back(
            info("uptime", say(MessageId::DoctorUptime, {{"time", formatUptime(seconds, say)}})));
    } else {
        report.checks.push_back(
            info("uptime", say(MessageId::DoctorUptimeUnknown, {{"file", inputs.procUptime.string()}})));
    }
}

void checkConfig(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    if (inputs.configProblem) {
        report.checks.push_back(
            problem("config", inputs.configProblem->message, say(MessageId::DoctorConfigFixAdvice)));
    } else if (inputs.configSource.empty() || inputs.configSource == config::kBuiltInDefaults) {
        report.checks.push_back(info("config", say(MessageId::DoctorConfigDefaults)));
    } else {
        report.checks.push_back(info("config", inputs.configSource));
    }
    const config::KioskConfig& config = inputs.config;
    const std::map<std::string, std::string> kiosk = {
        {"kiosk", config.kioskId}, {"code", config.communeCode}, {"name", config.communeName}};
    report.checks.push_back(
        info("kiosk",
             say(config.communeCode.empty() ? MessageId::DoctorKioskNoCode : MessageId::DoctorKiosk, kiosk)));
}

void checkProvisioning(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    const std::string& key = inputs.config.provisioningPublicKey;
    if (key.empty()) {
        report.checks.push_back(info("provisioning", say(MessageId::DoctorNoProvinceKey)));
        return;
    }
    std::string value = say(MessageId::DoctorProvinceKey, {{"fingerprint", config::keyFingerprint(key)}});
    if (!inputs.configFile) {
        report.checks.push_back(info("provisioning", value));
        return;
    }
    auto record = config::readProvisioningRecord(*inputs.configFile);
    if (!record) {
        report.checks.push_back(problem("provisioning", value + "; " + record.error().message,
                                        say(MessageId::DoctorRecordAdvice)));
    } else if (!*record) {
        report.checks.push_back(info("provisioning", say(MessageId::DoctorNoBundleYet, {{"key", value}})));
    } else {
        const config::ProvisioningRecord& applied = **record;
        report.checks.push_back(info(
            "provisioning",
            say(MessageId::DoctorBundleApplied,
                {{"key", value}, {"version", std::to_string(applied.version)}, {"at", applied.appliedAt}})));
    }
}

// A centre's kiosks must share one household pepper. Checked with lstat only (the doctor never
// opens a pepper file), by the rule a kiosk applies when it reads one.
void checkHouseholdPepper(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    const config::CentreConfig& centre = inputs.config.centre;
    if (centre.database.empty() && !centre.householdPepper) return;
    if (!centre.householdPepper) {
        report.checks.push_back(info("household pepper", say(MessageId::DoctorPepperOwn)));
        return;
    }
    const std::string file = centre.householdPepper->string();
    struct stat status {};
    std::optional<std::string> trouble;
    if (::lstat(file.c_str(), &status) != 0) {
        trouble = errno == ENOENT ? say(MessageId::DoctorPepperMissing, {{"file", file}})
                                  : file + ": " + std::strerror(errno);
    } else if (const auto fault = helplog::pepperFileFault(status); fault != helplog::PepperFileFault::None) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
        switch (fault) {
            case helplog::PepperFileFault::None: break;
            case helplog::PepperFileFault::NotAFile:
                trouble = say(MessageId::DoctorPepperNotFile, {{"file", file}});
                break;
            case helplog::PepperFileFault::Permissions:
                trouble = say(MessageId::DoctorPepperMode, {{"file", file}, {"mode", mode}});
                break;
            case helplog::PepperFileFault::Size:
                trouble = say(MessageId::DoctorPepperSize,
                              {{"file", file}, {"size", std::to_string(status.st_size)}});
                break;
        }
    }
    if (trouble) {
        report.checks.push_back(problem("household pepper", *trouble, say(MessageId::DoctorPepperAdvice)));
    } else {
        report.checks.push_back(
            info("household pepper", say(MessageId::DoctorPepperShared, {{"file", file}})));
    }
}

void checkDataDir(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    std::error_code error;
    const fs::path& dir = inputs.dataDir;
    const std::map<std::string, std::string> where = {{"dir", dir.string()}, {"user", currentUser()}};
    const bool exists = fs::exists(dir, error);
    if (error) {
        report.checks.push_back(problem("data dir", dir.string() + ": " + error.message(),
                                        say(MessageId::DoctorRunAsRootAdvice)));
    } else if (!exists) {
        report.checks.push_back(info("data dir", say(MessageId::DoctorDataDirMissing, where)));
    } else if (!fs::is_directory(dir, error)) {
        report.checks.push_back(problem("data dir", say(MessageId::DoctorDataDirNotFolder, where),
                                        say(MessageId::DoctorDataDirNotFolderAdvice)));
    } else if (::access(dir.c_str(), W_OK) != 0) {
        report.checks.push_back(info("data dir", say(MessageId::DoctorDataDirNotWritable, where)));
    } else {
        report.checks.push_back(info("data dir", dir.string()));
    }

    // Free space where the data goes: the folder, or the nearest one that exists.
    fs::path probe = dir;
    while (!probe.empty() && !fs::exists(probe, error) && probe != probe.parent_path())
        probe = probe.parent_path();
    struct statvfs disk {};
    if (probe.empty() || ::statvfs(probe.c_str(), &disk) != 0) {
        report.checks.push_back(problem("disk free", say(MessageId::DoctorDiskUnknown, where),
                                        say(MessageId::DoctorDiskUnknownAdvice)));
        return;
    }
    const std::uint64_t free = static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize;
    const std::uint64_t total = static_cast<std::uint64_t>(disk.f_blocks) * disk.f_frsize;
    std::string value =
        say(MessageId::DoctorDiskFree,
            {{"free", formatBytes(free)}, {"total", formatBytes(total)}, {"where", probe.string()}});
    if (free < inputs.lowDiskBytes) {
        report.checks.push_back(problem("disk free", value, say(MessageId::DoctorDiskLowAdvice)));
    } else {
        report.checks.push_back(info("disk free", value));
    }
}

// In both languages when the catalogue is there: the technician and the province may not share one.
std::string catalogueText(const DoctorInputs& inputs, i18n::MessageId id, const std::string& english) {
    if (!inputs.catalogue) return english;
    const i18n::Language other =
        inputs.language == i18n::Language::Vi ? i18n::Language::En : i18n::Language::Vi;
    return inputs.catalogue->text(inputs.language, id) + " / " + inputs.catalogue->text(other, id);
}

DoctorCheck tokenProblem(const DoctorInputs& inputs, const DoctorWording& say, const std::string& server,
                         sync::TokenProblem token) {
    return problem("sync",
                   server + catalogueText(inputs, sync::tokenProblemMessage(token),
                                          "sync is off: " + sync::tokenProblemText(token)),
                   say(MessageId::DoctorTokenAdvice));
}

void checkSyncSettings(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    // A refused config leaves `config` at its defaults: name what the sync thread would refuse.
    if (inputs.configProblem) {
        if (const auto token = config::tokenProblemOf(*inputs.configProblem)) {
            report.checks.push_back(tokenProblem(inputs, say, "", *token));
            return;
        }
    }
    const config::SyncConfig& sync = inputs.config.sync;
    if (sync.serverUrl.empty()) {
        report.checks.push_back(info("sync", say(MessageId::DoctorNoServer)));
    } else if (const auto token = sync::checkToken(sync.token)) {
        report.checks.push_back(tokenProblem(inputs, say, urlWithoutSecrets(sync.serverUrl) + ": ", *token));
    } else {
        report.checks.push_back(
            info("sync", say(MessageId::DoctorTokenSet, {{"server", urlWithoutSecrets(sync.serverUrl)}})));
    }
}

void checkSyncBacklog(ReadOnlyDatabase* db, const DoctorWording& say, DoctorReport& report) {
    if (!db || !db->hasTable("outbox")) {
        report.checks.push_back(info("sync backlog", say(MessageId::DoctorSyncNotSetUp)));
        return;
    }
    auto counts = db->rows("SELECT state, count(*) FROM outbox GROUP BY state");
    if (!counts) {
        report.checks.push_back(problem("sync backlog",
                                        say(MessageId::DoctorUnknownBecause, {{"reason", db->lastError()}}),
                                        say(MessageId::DoctorVersionMismatchAdvice)));
        return;
    }
    std::map<std::string, std::string> byState;
    for (const auto& row : *counts)
        byState[row.at(0)] = row.at(1);
    auto count = [&](const std::string& state) { return byState.contains(state) ? byState[state] : "0"; };
    report.rejectedEvents = std::stoll(count("rejected"));
    const std::string value =
        say(MessageId::DoctorBacklog,
            {{"pending", count("pending")}, {"rejected", count("rejected")}, {"sent", count("sent")}});
    if (count("rejected") != "0") {
        report.checks.push_back(problem("sync backlog", value, say(MessageId::DoctorRejectedAdvice)));
    } else {
        report.checks.push_back(info("sync backlog", value));
    }

    if (auto retrying = db->rows("SELECT attempts, coalesce(http_status, 0) FROM "
                                 "outbox_batch WHERE state = 'open' AND attempts > 0 ORDER BY id LIMIT 1");
        retrying && !retrying->empty()) {
        const auto& row = retrying->front();
        const std::string answer = row.at(1) == "0" ? say(MessageId::DoctorNoAnswer) : "HTTP " + row.at(1);
        report.checks.push_back(problem(
            "sync retrying", say(MessageId::DoctorRetrying, {{"tries", row.at(0)}, {"answer", answer}}),
            say(MessageId::DoctorRetryingAdvice)));
    }

    if (!db->hasTable("sync_state")) return;
    auto state = db->rows("SELECT last_success_ms, last_error FROM sync_state WHERE id = 1");
    if (!state || state->empty()) return;
    const std::string& lastSuccess = state->front().at(0);
    report.checks.push_back(info("sync last success", lastSuccess.empty()
                                                          ? say(MessageId::DoctorNever)
                                                          : utcFromMillis(std::stoll(lastSuccess))));
    const std::string lastError = oneLine(maskLongNumbers(state->front().at(1)));
    if (lastError.empty()) {
        report.checks.push_back(info("sync last error", say(MessageId::DoctorNone)));
    } else {
        report.checks.push_back(problem("sync last error", lastError, say(MessageId::DoctorSyncErrorAdvice)));
    }
}

// Adds the database lines; returns the open database for the sync lines, or null.
std::unique_ptr<ReadOnlyDatabase> checkDatabase(const DoctorInputs& inputs, const DoctorWording& say,
                                                DoctorReport& report) {
    const fs::path file = inputs.dataDir / store::Database::kFileName;
    std::error_code error;
    const bool exists = fs::exists(file, error);
    if (error) {
        report.checks.push_back(problem(
            "database",
            say(MessageId::DoctorDatabaseCannotCheck, {{"file", file.string()}, {"reason", error.message()}}),
            say(MessageId::DoctorRunAsRootAdvice)));
        return nullptr;
    }
    if (!exists) {
        report.checks.push_back(
            info("database", say(MessageId::DoctorDatabaseNotCreated, {{"file", file.string()}})));
        return nullptr;
    }
    std::uint64_t size = fs::file_size(file, error);
    if (error) size = 0;
    if (const auto wal = fs::file_size(file.string() + "-wal", error); !error) size += wal;
    const std::string where = file.string() + ", " + formatBytes(size);

    auto db = std::make_unique<ReadOnlyDatabase>(file);
    std::optional<std::vector<std::vector<std::string>>> verdict;
    if (db->ok()) verdict = db->rows("PRAGMA quick_check");
    if (!verdict) {
        // SQLite says which: a damaged or foreign file needs moving aside, not another user.
        const int code = db->lastErrorCode() & 0xFF;
        const bool damaged = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
        const bool denied = code == SQLITE_CANTOPEN || code == SQLITE_PERM || code == SQLITE_AUTH;
        const std::string reason = db->ok() ? db->lastError() : db->error();
        report.checks.push_back(problem(
            "database",
            damaged ? say(MessageId::DoctorDatabaseDamaged, {{"where", where}, {"reason", reason}})
                    : say(MessageId::DoctorDatabaseCannotCheck, {{"file", where}, {"reason", reason}}),
            say(damaged  ? MessageId::DoctorDatabaseDamagedAdvice
                : denied ? MessageId::DoctorRunAsRootAdvice
                         : MessageId::DoctorDatabaseRetryAdvice)));
        return nullptr;
    }
    const std::string answer = verdict->empty() ? say(MessageId::DoctorNoAnswer) : verdict->front().at(0);
    if (answer == "ok") {
        report.checks.push_back(info("database", say(MessageId::DoctorDatabaseOk, {{"where", where}})));
    } else {
        report.checks.push_back(problem(
            "database",
            say(MessageId::DoctorDatabaseCheckFailed, {{"where", where}, {"answer", oneLine(answer)}}),
            say(MessageId::DoctorDatabaseDamagedAdvice)));
    }

    const int known = store::migrations().empty() ? 0 : store::migrations().back().version;
    if (auto version = db->rows("PRAGMA user_version"); version && !version->empty()) {
        const int schema = std::stoi(version->front().at(0));
        report.schemaVersion = schema;
        const std::string value = say(MessageId::DoctorSchema,
                                      {{"schema", std::to_string(schema)}, {"known", std::to_string(known)}});
        if (schema > known) {
            report.checks.push_back(problem("schema", value, say(MessageId::DoctorSchemaNewerAdvice)));
        } else if (schema < known) {
            report.checks.push_back(info("schema", say(MessageId::DoctorSchemaOlder, {{"schema", value}})));
        } else {
            report.checks.push_back(info("schema", value));
        }
    }
    return db;
}

// nullopt when a TCP connection to host:port opens within the limit, else why not.
std::optional<std::string> tryConnect(const std::string& host, const std::string& port,
                                      std::chrono::milliseconds limit, const DoctorWording& say) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int code = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); code != 0)
        return say(MessageId::DoctorCannotResolve, {{"host", host}, {"reason", ::gai_strerror(code)}});
    std::string why = say(MessageId::DoctorNoAddress);
    for (const addrinfo* address = found; address; address = address->ai_next) {
        const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                address->ai_protocol);
        if (fd < 0) continue;
        int result = ::connect(fd, address->ai_addr, address->ai_addrlen);
        if (result != 0 && errno == EINPROGRESS) {
            pollfd wait{fd, POLLOUT, 0};
            if (::poll(&wait, 1, static_cast<int>(limit.count())) == 1) {
                socklen_t length = sizeof result;
                if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &length) != 0) result = errno;
            } else {
                result = ETIMEDOUT;
            }
        } else if (result != 0) {
            result = errno;
        }
        ::close(fd);
        if (result == 0) {
            ::freeaddrinfo(found);
            return std::nullopt;
        }
        why = std::strerror(result);
    }
    ::freeaddrinfo(found);
    return why;
}

enum class DeviceProblem { NotFound, NotADevice, NoAccess };

// A device node the kiosk opens: present, a character device, and usable by this user.
std::optional<DeviceProblem> deviceProblem(const std::string& path, int accessMode) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return DeviceProblem::NotFound;
    if (!S_ISCHR(info.st_mode)) return DeviceProblem::NotADevice;
    if (::access(path.c_str(), accessMode) != 0) return DeviceProblem::NoAccess;
    return std::nullopt;
}

std::string describe(DeviceProblem why, const DoctorWording& say) {
    switch (why) {
        case DeviceProblem::NotFound: return say(MessageId::DoctorDeviceNotFound);
        case DeviceProblem::NotADevice: return say(MessageId::DoctorDeviceNotADevice);
        case DeviceProblem::NoAccess: return say(MessageId::DoctorDeviceNoAccess, {{"user", currentUser()}});
    }
    return {};
}

void checkPrinter(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    const std::string& device = inputs.config.printer;
    const std::map<std::string, std::string> printer = {{"device", device}, {"user", currentUser()}};
    if (device.empty()) {
        report.checks.push_back(info("printer", say(MessageId::DoctorNoPrinter)));
    } else if (device.starts_with("/dev/")) {
        if (const auto why = deviceProblem(device, W_OK)) {
            report.checks.push_back(
                problem("printer", device + ": " + describe(*why, say),
                        say(*why == DeviceProblem::NotFound ? MessageId::DoctorPrinterCableAdvice
                                                            : MessageId::DoctorPrinterGroupAdvice)));
        } else {
            report.checks.push_back(info("printer", say(MessageId::DoctorPrinterPresent, printer)));
        }
    } else if (device.starts_with("tcp:")) {
        const std::string address = device.substr(4);
        const auto colon = address.rfind(':');
        const std::string host = address.substr(0, colon);
        const std::string port = colon == std::string::npos ? "9100" : address.substr(colon + 1);
        if (const auto why = tryConnect(host, port, inputs.printerTimeout, say)) {
            report.checks.push_back(
                problem("printer", device + ": " + *why, say(MessageId::DoctorPrinterNetworkAdvice)));
        } else {
            report.checks.push_back(info("printer", say(MessageId::DoctorPrinterAnswers, printer)));
        }
    } else {
        const fs::path file = device.starts_with("file:") ? fs::path(device.substr(5)) : fs::path(device);
        const fs::path dir = file.parent_path();
        if (::access(dir.c_str(), W_OK) != 0) {
            report.checks.push_back(
                problem("printer",
                        say(MessageId::DoctorPrinterCannotWrite, {{"device", device}, {"dir", dir.string()}}),
                        say(MessageId::DoctorPrinterFolderAdvice)));
        } else {
            report.checks.push_back(info("printer", say(MessageId::DoctorPrinterFile, printer)));
        }
    }
}

void checkCamera(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    const std::string& camera = inputs.camera;
    std::error_code error;
    if (camera.empty()) {
        report.checks.push_back(info("camera", say(MessageId::DoctorNoCamera)));
    } else if (camera.starts_with("/dev/")) {
        if (const auto why = deviceProblem(camera, R_OK | W_OK)) {
            report.checks.push_back(
                problem("camera", camera + ": " + describe(*why, say),
                        say(*why == DeviceProblem::NotFound ? MessageId::DoctorCameraCableAdvice
                                                            : MessageId::DoctorCameraGroupAdvice)));
        } else {
            report.checks.push_back(
                info("camera", say(MessageId::DoctorCameraPresent, {{"camera", camera}})));
        }
    } else if (fs::exists(camera, error)) {
        report.checks.push_back(info("camera", say(MessageId::DoctorCameraFiles, {{"camera", camera}})));
    } else {
        report.checks.push_back(problem("camera", camera + ": " + say(MessageId::DoctorDeviceNotFound),
                                        say(MessageId::DoctorCameraSourceAdvice)));
    }
}

void collectLogTail(const DoctorInputs& inputs, const DoctorWording& say, DoctorReport& report) {
    if (!inputs.journalctl) {
        report.logNote = say(MessageId::DoctorNoJournal);
        return;
    }
    auto run = runProgram({inputs.journalctl->string(), "-u", inputs.journalUnit, "-n", "20", "--no-pager"},
                          std::chrono::seconds(5), 256 * 1024);
    if (!run) {
        report.logNote = say(MessageId::DoctorJournalUnavailable, {{"reason", run.error().message}});
        return;
    }
    std::vector<std::string> lines;
    std::istringstream text(run->output);
    for (std::string line; std::getline(text, line);) {
        if (line.empty() || line.starts_with("-- ")) continue;  // journalctl's own markers
        lines.push_back(line);
    }
    const std::size_t hidden = dropLinesWithLongNumbers(lines);
    report.logTail = std::move(lines);
    if (run->timedOut) {
        report.logNote = say(MessageId::DoctorJournalSlow);
    } else if (report.logTail.empty() && hidden == 0) {
        report.logNote = say(MessageId::DoctorJournalEmpty, {{"unit", inputs.journalUnit}});
    }
    if (hidden > 0) {
        if (!report.logNote.empty()) report.logNote += "; ";
        report.logNote += say(MessageId::DoctorLinesHidden, {{"count", std::to_string(hidden)}});
    }
}

// The check names (stable codes) and what they are called in the report's language.
constexpr std::pair<std::string_view, MessageId> kCheckLabels[] = {
    {"version", MessageId::DoctorLabelVersion},
    {"uptime", MessageId::DoctorLabelUptime},
    {"config", MessageId::DoctorLabelConfig},
    {"kiosk", MessageId::DoctorLabelKiosk},
    {"provisioning", MessageId::DoctorLabelProvisioning},
    {"data dir", MessageId::DoctorLabelDataDir},
    {"household pepper", MessageId::DoctorLabelHouseholdPepper},
    {"disk free", MessageId::DoctorLabelDiskFree},
    {"database", MessageId::DoctorLabelDatabase},
    {"schema", MessageId::DoctorLabelSchema},
    {"sync", MessageId::DoctorLabelSync},
    {"sync backlog", MessageId::DoctorLabelSyncBacklog},
    {"sync retrying", MessageId::DoctorLabelSyncRetrying},
    {"sync last success", MessageId::DoctorLabelSyncLastSuccess},
    {"sync last error", MessageId::DoctorLabelSyncLastError},
    {"printer", MessageId::DoctorLabelPrinter},
    {"camera", MessageId::DoctorLabelCamera},
    {"camera measured", MessageId::DoctorLabelCameraMeasured},
};

}  // namespace

std::string DoctorWording::operator()(MessageId id, const std::map<std::string, std::string>& values) const {
    if (catalogue_) return i18n::formatMessage(catalogue_->text(language_, id), values);
    std::string text(i18n::messageKey(id));
    for (const auto& [name, value] : values)
        text += " " + name + "=" + value;
    return text;
}

std::string DoctorWording::label(std::string_view checkName) const {
    for (const auto& [name, id] : kCheckLabels) {
        if (name == checkName) return (*this)(id);
    }
    return std::string(checkName);
}

bool DoctorReport::healthy() const {
    return std::none_of(checks.begin(), checks.end(), [](const DoctorCheck& check) { return check.problem; });
}

const DoctorCheck* DoctorReport::find(std::string_view name) const {
    for (const DoctorCheck& check : checks) {
        if (check.name == name) return &check;
    }
    return nullptr;
}

DoctorReport runDoctor(const DoctorInputs& inputs) {
    const DoctorWording say(inputs.catalogue, inputs.language);
    DoctorReport report;
    report.checks.push_back(info("version", KIOSK_VERSION));
    checkUptime(inputs, say, report);
    checkConfig(inputs, say, report);
    checkProvisioning(inputs, say, report);
    checkDataDir(inputs, say, report);
    checkHouseholdPepper(inputs, say, report);
    const std::unique_ptr<ReadOnlyDatabase> db = checkDatabase(inputs, say, report);
    checkSyncSettings(inputs, say, report);
    if (!db && report.find("database")->problem) {
        report.checks.push_back(info("sync backlog", say(MessageId::DoctorBacklogUnreadable)));
    } else {
        checkSyncBacklog(db.get(), say, report);
    }
    checkPrinter(inputs, say, report);
    checkCamera(inputs, say, report);
    collectLogTail(inputs, say, report);
    for (DoctorCheck& check : report.checks)
        check.label = say.label(check.name);
    report.words = DoctorReportWords{.problem = say(MessageId::DoctorProblem),
                                     .log = say(MessageId::DoctorLog),
                                     .logNote = say(MessageId::DoctorLogNote),
                                     .result = say(MessageId::DoctorResult),
                                     .allPassed = say(MessageId::DoctorAllPassed),
                                     .problemCount = say(MessageId::DoctorProblemCount)};
    return report;
}

std::string formatText(const DoctorReport& report) {
    const DoctorReportWords& words = report.words;
    std::string out;
    std::vector<std::string> problems;
    for (const DoctorCheck& check : report.checks) {
        const std::string& label = check.label.empty() ? check.name : check.label;
        out += label + ": ";
        if (check.problem) {
            out += words.problem + ": ";
            problems.push_back(label);
        }
        out += oneLine(check.value);
        if (check.problem && !check.advice.empty()) out += "; " + oneLine(check.advice);
        out += "\n";
    }
    for (const std::string& line : report.logTail)
        out += words.log + ": " + oneLine(line) + "\n";
    if (!report.logNote.empty()) out += words.logNote + ": " + oneLine(report.logNote) + "\n";
    if (problems.empty()) {
        out += words.result + ": " + words.allPassed + "\n";
    } else {
        std::string names;
        for (const std::string& name : problems)
            names += (names.empty() ? "" : ", ") + name;
        out += words.result + ": " +
               i18n::formatMessage(words.problemCount,
                                   {{"count", std::to_string(problems.size())}, {"names", names}}) +
               "\n";
    }
    return out;
}

std::string formatJson(const DoctorReport& report) {
    // ordered_json: keys in the order a person reads them, as in the text report.
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const DoctorCheck& check : report.checks) {
        checks.push_back({{"name", check.name},
                          {"label", check.label},
                          {"value", check.value},
                          {"problem", check.problem},
                          {"advice", check.advice}});
    }
    nlohmann::ordered_json out = {{"healthy", report.healthy()},
                                  {"checks", checks},
                                  {"log", report.logTail},
                                  {"log_note", report.logNote},
                                  {"schema_version", nullptr}};
    if (report.schemaVersion) out["schema_version"] = *report.schemaVersion;
    // Replace: a journal line is not guaranteed to be valid UTF-8.
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::size_t dropLinesWithLongNumbers(std::vector<std::string>& lines) {
    const auto before = lines.size();
    std::erase_if(lines, [](const std::string& line) { return containsLongNumber(line); });
    return before - lines.size();
}

std::string urlWithoutSecrets(const std::string& url) {
    static const std::regex kUserInfo("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    std::string out = std::regex_replace(url, kUserInfo, "$1<redacted>@");
    if (const auto query = out.find_first_of("?#"); query != std::string::npos)
        out = out.substr(0, query) + "?<redacted>";
    return out;
}

std::string formatUptime(double seconds, const DoctorWording& say) {
    const auto total = static_cast<int64_t>(seconds);
    const std::map<std::string, std::string> parts = {{"days", std::to_string(total / 86400)},
                                                      {"hours", std::to_string(total % 86400 / 3600)},
                                                      {"minutes", std::to_string(total % 3600 / 60)}};
    if (total >= 86400) return say(MessageId::DoctorDays, parts);
    if (total >= 3600) return say(MessageId::DoctorHours, parts);
    return say(MessageId::DoctorMinutes, parts);
}

std::string formatBytes(std::uint64_t bytes) {
    static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    if (unit == 0 || value >= 100) {
        std::snprintf(text, sizeof text, "%.0f %s", value, kUnits[unit]);
    } else {
        std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
    }
    return text;
}

}  // namespace kiosk::diag
