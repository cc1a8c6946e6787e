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
#include "kiosk/store/Database.h"
#include "kiosk/store/Migrations.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::diag {

namespace fs = std::filesystem;

namespace {

DoctorCheck info(std::string name, std::string value) {
    return DoctorCheck{std::move(name), std::move(value), false, ""};
}

DoctorCheck problem(std::string name, std::string value, std::string advice) {
    return DoctorCheck{std::move(name), std::move(value), true, std::move(advice)};
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

void checkUptime(const DoctorInputs& inputs, DoctorReport& report) {
    auto text = readTextFile(inputs.procUptime);
    double seconds = -1;
    if (text && std::sscanf(text->c_str(), "%lf", &seconds) == 1 && seconds >= 0) {
        report.checks.push_back(info("uptime", "system up " + formatUptime(seconds)));
    } else {
        report.checks.push_back(info("uptime", "unknown (cannot read " + inputs.procUptime.string() + ")"));
    }
}

void checkConfig(const DoctorInputs& inputs, DoctorReport& report) {
    if (inputs.configProblem) {
        report.checks.push_back(problem("config", inputs.configProblem->message,
                                        "fix that line of the config; the kiosk will not start until then"));
    } else {
        report.checks.push_back(info("config", inputs.configSource));
    }
    const config::KioskConfig& config = inputs.config;
    report.checks.push_back(info(
        "kiosk", config.kioskId + ", commune " +
                     (config.communeCode.empty() ? "code not set (not provisioned)" : config.communeCode) +
                     " (" + config.communeName + ")"));
}

void checkProvisioning(const DoctorInputs& inputs, DoctorReport& report) {
    const std::string& key = inputs.config.provisioningPublicKey;
    if (key.empty()) {
        report.checks.push_back(
            info("provisioning", "no province key ([provisioning] public_key): bundles cannot be applied"));
        return;
    }
    std::string value = "province key " + config::keyFingerprint(key);
    if (!inputs.configFile) {
        report.checks.push_back(info("provisioning", value));
        return;
    }
    auto record = config::readProvisioningRecord(*inputs.configFile);
    if (!record) {
        report.checks.push_back(problem("provisioning", value + "; " + record.error().message,
                                        "ask the province for a new bundle once the record is fixed"));
    } else if (!*record) {
        report.checks.push_back(info("provisioning", value + "; no bundle applied yet"));
    } else {
        const config::ProvisioningRecord& applied = **record;
        report.checks.push_back(info("provisioning", value + "; bundle " + std::to_string(applied.version) +
                                                         " applied " + applied.appliedAt));
    }
}

void checkDataDir(const DoctorInputs& inputs, DoctorReport& report) {
    std::error_code error;
    const fs::path& dir = inputs.dataDir;
    const bool exists = fs::exists(dir, error);
    if (error) {
        report.checks.push_back(problem("data dir", dir.string() + ": " + error.message(),
                                        "run doctor as root (sudo) or as the kiosk user"));
    } else if (!exists) {
        report.checks.push_back(
            info("data dir", dir.string() + " (not created yet; the kiosk creates it at first start)"));
    } else if (!fs::is_directory(dir, error)) {
        report.checks.push_back(problem("data dir", dir.string() + " is not a folder",
                                        "move the file aside or set [storage] data_dir to a folder"));
    } else if (::access(dir.c_str(), W_OK) != 0) {
        report.checks.push_back(info("data dir", dir.string() + " (not writable by " + currentUser() +
                                                     "; the kiosk writes it as its own user)"));
    } else {
        report.checks.push_back(info("data dir", dir.string()));
    }

    // Free space where the data goes: the folder, or the nearest one that exists.
    fs::path probe = dir;
    while (!probe.empty() && !fs::exists(probe, error) && probe != probe.parent_path())
        probe = probe.parent_path();
    struct statvfs disk {};
    if (probe.empty() || ::statvfs(probe.c_str(), &disk) != 0) {
        report.checks.push_back(problem("disk free", "unknown for " + dir.string(),
                                        "check that the disk holding the data folder is mounted"));
        return;
    }
    const std::uint64_t free = static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize;
    const std::uint64_t total = static_cast<std::uint64_t>(disk.f_blocks) * disk.f_frsize;
    std::string value = formatBytes(free) + " free of " + formatBytes(total) + " (" + probe.string() + ")";
    if (free < inputs.lowDiskBytes) {
        report.checks.push_back(
            problem("disk free", value, "free disk space: when the disk is full nothing new can be saved"));
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

DoctorCheck tokenProblem(const DoctorInputs& inputs, const std::string& server, sync::TokenProblem token) {
    return problem("sync",
                   server + catalogueText(inputs, sync::tokenProblemMessage(token),
                                          "sync is off: " + sync::tokenProblemText(token)),
                   "set [sync] token to the token the province issued for this kiosk");
}

void checkSyncSettings(const DoctorInputs& inputs, DoctorReport& report) {
    // A refused config leaves `config` at its defaults: name what the sync thread would refuse.
    if (inputs.configProblem) {
        if (const auto token = config::tokenProblemOf(*inputs.configProblem)) {
            report.checks.push_back(tokenProblem(inputs, "", *token));
            return;
        }
    }
    const config::SyncConfig& sync = inputs.config.sync;
    if (sync.serverUrl.empty()) {
        report.checks.push_back(info("sync", "no server set ([sync] server_url); events wait in the outbox"));
    } else if (const auto token = sync::checkToken(sync.token)) {
        report.checks.push_back(tokenProblem(inputs, urlWithoutSecrets(sync.serverUrl) + ": ", *token));
    } else {
        report.checks.push_back(info("sync", urlWithoutSecrets(sync.serverUrl) + " (token set)"));
    }
}

void checkSyncBacklog(ReadOnlyDatabase* db, DoctorReport& report) {
    if (!db || !db->hasTable("outbox")) {
        report.checks.push_back(info("sync backlog", "sync not set up"));
        return;
    }
    auto counts = db->rows("SELECT state, count(*) FROM outbox GROUP BY state");
    if (!counts) {
        report.checks.push_back(problem("sync backlog", "unknown: " + db->lastError(),
                                        "this kiosk version may not match its database; reinstall it"));
        return;
    }
    std::map<std::string, std::string> byState;
    for (const auto& row : *counts)
        byState[row.at(0)] = row.at(1);
    auto count = [&](const std::string& state) { return byState.contains(state) ? byState[state] : "0"; };
    report.rejectedEvents = std::stoll(count("rejected"));
    const std::string value =
        count("pending") + " waiting, " + count("rejected") + " rejected, " + count("sent") + " sent";
    if (count("rejected") != "0") {
        report.checks.push_back(problem("sync backlog", value,
                                        "the server refused some events: see sync last error and tell the "
                                        "province; once it is fixed, resend them (commune-kiosk sync requeue "
                                        "or the diagnostics screen)"));
    } else {
        report.checks.push_back(info("sync backlog", value));
    }

    if (auto retrying = db->rows("SELECT attempts, coalesce(http_status, 0) FROM "
                                 "outbox_batch WHERE state = 'open' AND attempts > 0 ORDER BY id LIMIT 1");
        retrying && !retrying->empty()) {
        const auto& row = retrying->front();
        const std::string answer = row.at(1) == "0" ? "no answer" : "HTTP " + row.at(1);
        report.checks.push_back(problem("sync retrying",
                                        row.at(0) + " failed tries of a batch, last answer: " + answer +
                                            "; the events are kept and the kiosk keeps retrying",
                                        "see sync last error: the address, the token or the server"));
    }

    if (!db->hasTable("sync_state")) return;
    auto state = db->rows("SELECT last_success_ms, last_error FROM sync_state WHERE id = 1");
    if (!state || state->empty()) return;
    const std::string& lastSuccess = state->front().at(0);
    report.checks.push_back(
        info("sync last success", lastSuccess.empty() ? "never" : utcFromMillis(std::stoll(lastSuccess))));
    const std::string lastError = oneLine(maskLongNumbers(state->front().at(1)));
    if (lastError.empty()) {
        report.checks.push_back(info("sync last error", "none"));
    } else {
        report.checks.push_back(problem("sync last error", lastError,
                                        "check the network, [sync] server_url and token; events are kept "
                                        "and sent when the server answers"));
    }
}

// Adds the database lines; returns the open database for the sync lines, or null.
std::unique_ptr<ReadOnlyDatabase> checkDatabase(const DoctorInputs& inputs, DoctorReport& report) {
    const fs::path file = inputs.dataDir / store::Database::kFileName;
    std::error_code error;
    const bool exists = fs::exists(file, error);
    if (error) {
        report.checks.push_back(problem("database", file.string() + ": cannot be checked: " + error.message(),
                                        "run doctor as root (sudo) or as the kiosk user"));
        return nullptr;
    }
    if (!exists) {
        report.checks.push_back(
            info("database", file.string() + " not created yet (the kiosk creates it at first start)"));
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
        report.checks.push_back(problem(
            "database",
            where + (damaged ? ", damaged: " : ", cannot be checked: ") +
                (db->ok() ? db->lastError() : db->error()),
            damaged
                ? "the database is damaged or is not a kiosk database: stop the kiosk, move the file aside "
                  "(keep it for recovery) and start the kiosk again"
            : denied ? "run doctor as root or as the kiosk user"
                     : "run doctor again; if it stays, stop the kiosk and check the disk"));
        return nullptr;
    }
    const std::string answer = verdict->empty() ? "no answer" : verdict->front().at(0);
    if (answer == "ok") {
        report.checks.push_back(info("database", where + ", quick_check ok"));
    } else {
        report.checks.push_back(problem("database", where + ", quick_check: " + oneLine(answer),
                                        "the database is damaged: stop the kiosk, move the file aside (keep "
                                        "it for recovery) and start the kiosk again"));
    }

    const int known = store::migrations().empty() ? 0 : store::migrations().back().version;
    if (auto version = db->rows("PRAGMA user_version"); version && !version->empty()) {
        const int schema = std::stoi(version->front().at(0));
        report.schemaVersion = schema;
        const std::string value =
            std::to_string(schema) + " (this kiosk version knows " + std::to_string(known) + ")";
        if (schema > known) {
            report.checks.push_back(
                problem("schema", value, "the database was written by a newer kiosk version; install it"));
        } else if (schema < known) {
            report.checks.push_back(info("schema", value + "; upgraded at the kiosk's next start"));
        } else {
            report.checks.push_back(info("schema", value));
        }
    }
    return db;
}

// nullopt when a TCP connection to host:port opens within the limit, else why not.
std::optional<std::string> tryConnect(const std::string& host, const std::string& port,
                                      std::chrono::milliseconds limit) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int code = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); code != 0)
        return std::string("cannot resolve ") + host + ": " + ::gai_strerror(code);
    std::string why = "no address";
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

// A device node the kiosk opens: present, a character device, and usable by this user.
std::optional<std::string> deviceProblem(const std::string& path, int accessMode) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return "not found";
    if (!S_ISCHR(info.st_mode)) return "not a device";
    if (::access(path.c_str(), accessMode) != 0) return "cannot be opened by " + currentUser();
    return std::nullopt;
}

void checkPrinter(const DoctorInputs& inputs, DoctorReport& report) {
    const std::string& device = inputs.config.printer;
    if (device.empty()) {
        report.checks.push_back(info("printer", "none set ([printer] device)"));
    } else if (device.starts_with("/dev/")) {
        if (const auto why = deviceProblem(device, W_OK)) {
            report.checks.push_back(problem("printer", device + ": " + *why,
                                            *why == "not found"
                                                ? "check the printer's USB cable and that it is switched on"
                                                : "the kiosk user must be in the lp group; unplug and plug "
                                                  "the printer in again"));
        } else {
            report.checks.push_back(info("printer", device + ": present, writable by " + currentUser()));
        }
    } else if (device.starts_with("tcp:")) {
        const std::string address = device.substr(4);
        const auto colon = address.rfind(':');
        const std::string host = address.substr(0, colon);
        const std::string port = colon == std::string::npos ? "9100" : address.substr(colon + 1);
        if (const auto why = tryConnect(host, port, inputs.printerTimeout)) {
            report.checks.push_back(problem("printer", device + ": " + *why,
                                            "check that the printer is on, its network cable, and the "
                                            "address in [printer] device"));
        } else {
            report.checks.push_back(info("printer", device + ": answers on the network"));
        }
    } else {
        const fs::path file = device.starts_with("file:") ? fs::path(device.substr(5)) : fs::path(device);
        const fs::path dir = file.parent_path();
        if (::access(dir.c_str(), W_OK) != 0) {
            report.checks.push_back(problem("printer", device + ": cannot write to " + dir.string(),
                                            "create the folder or choose another [printer] device"));
        } else {
            report.checks.push_back(info("printer", device + ": tickets go to a file"));
        }
    }
}

void checkCamera(const DoctorInputs& inputs, DoctorReport& report) {
    const std::string& camera = inputs.camera;
    std::error_code error;
    if (camera.empty()) {
        report.checks.push_back(info("camera", "none given"));
    } else if (camera.starts_with("/dev/")) {
        if (const auto why = deviceProblem(camera, R_OK | W_OK)) {
            report.checks.push_back(
                problem("camera", camera + ": " + *why,
                        *why == "not found" ? "check the camera's USB cable; `ls /dev/video*` lists cameras"
                                            : "the kiosk user must be in the video group"));
        } else {
            report.checks.push_back(info("camera", camera + ": present (resolution, fps and decode time: "
                                                            "see the diagnostics screen)"));
        }
    } else if (fs::exists(camera, error)) {
        report.checks.push_back(info("camera", camera + ": test images or video, not a camera"));
    } else {
        report.checks.push_back(problem("camera", camera + ": not found",
                                        "give --camera a /dev/videoN, an image, a folder or a video"));
    }
}

void collectLogTail(const DoctorInputs& inputs, DoctorReport& report) {
    if (!inputs.journalctl) {
        report.logNote = "no journal";
        return;
    }
    auto run = runProgram({inputs.journalctl->string(), "-u", inputs.journalUnit, "-n", "20", "--no-pager"},
                          std::chrono::seconds(5), 256 * 1024);
    if (!run) {
        report.logNote = "journal unavailable: " + run.error().message;
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
        report.logNote = "journalctl took too long";
    } else if (report.logTail.empty() && hidden == 0) {
        report.logNote = "no journal entries for " + inputs.journalUnit +
                         " (or no permission: run as root or in group systemd-journal)";
    }
    if (hidden > 0) {
        if (!report.logNote.empty()) report.logNote += "; ";
        report.logNote += std::to_string(hidden) + " line(s) hidden: they held a long number";
    }
}

}  // namespace

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
    DoctorReport report;
    report.checks.push_back(info("version", KIOSK_VERSION));
    checkUptime(inputs, report);
    checkConfig(inputs, report);
    checkProvisioning(inputs, report);
    checkDataDir(inputs, report);
    const std::unique_ptr<ReadOnlyDatabase> db = checkDatabase(inputs, report);
    checkSyncSettings(inputs, report);
    if (!db && report.find("database")->problem) {
        report.checks.push_back(info("sync backlog", "unknown (the database could not be read)"));
    } else {
        checkSyncBacklog(db.get(), report);
    }
    checkPrinter(inputs, report);
    checkCamera(inputs, report);
    collectLogTail(inputs, report);
    return report;
}

std::string formatText(const DoctorReport& report) {
    std::string out;
    std::vector<std::string> problems;
    for (const DoctorCheck& check : report.checks) {
        out += check.name + ": ";
        if (check.problem) {
            out += "PROBLEM: ";
            problems.push_back(check.name);
        }
        out += oneLine(check.value);
        if (check.problem && !check.advice.empty()) out += "; " + oneLine(check.advice);
        out += "\n";
    }
    for (const std::string& line : report.logTail)
        out += "log: " + oneLine(line) + "\n";
    if (!report.logNote.empty()) out += "log note: " + oneLine(report.logNote) + "\n";
    if (problems.empty()) {
        out += "result: all checks passed\n";
    } else {
        std::string names;
        for (const std::string& name : problems)
            names += (names.empty() ? "" : ", ") + name;
        out += "result: " + std::to_string(problems.size()) + " problem(s): " + names + "\n";
    }
    return out;
}

std::string formatJson(const DoctorReport& report) {
    // ordered_json: keys in the order a person reads them, as in the text report.
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const DoctorCheck& check : report.checks) {
        checks.push_back({{"name", check.name},
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

std::string formatUptime(double seconds) {
    const auto total = static_cast<int64_t>(seconds);
    const int64_t days = total / 86400;
    const int64_t hours = total % 86400 / 3600;
    const int64_t minutes = total % 3600 / 60;
    if (days > 0)
        return std::to_string(days) + " d " + std::to_string(hours) + " h " + std::to_string(minutes) +
               " min";
    if (hours > 0) return std::to_string(hours) + " h " + std::to_string(minutes) + " min";
    return std::to_string(minutes) + " min";
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
