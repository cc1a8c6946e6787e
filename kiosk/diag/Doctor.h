// `commune-kiosk doctor`: what a technician on the phone with a commune needs to know first.
// Collects version, uptime, config source, provisioning, data directory, disk free, database
// size, quick_check and schema, sync backlog and last error, printer, camera device and the
// tail of the kiosk's journal, as `name: value` checks, each a problem or not.
//
// Read-only: it never creates, migrates or locks the database (SQLite read-only connection),
// never opens the pepper file and never prints the sync token. It shows no personal data: the
// sources hold none by design, and journal lines holding a run of 9 or more digits (an ID or
// a phone number someone logged by mistake) are dropped, digits in the sync error masked.
//
// Usage:
//   diag::DoctorInputs inputs{.configSource = ..., .config = ..., .dataDir = ..., .camera = ...};
//   const diag::DoctorReport report = diag::runDoctor(inputs);
//   std::fputs(diag::formatText(report).c_str(), stdout);    // or formatJson(report)
//   return report.healthy() ? 0 : 1;
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/i18n/Catalogue.h"

namespace kiosk::diag {

struct DoctorInputs {
    std::string configSource = "built-in defaults";  // the file the config was read from
    std::optional<Error> configProblem;              // it could not be loaded: `config` is defaults
    config::KioskConfig config;
    std::optional<std::filesystem::path> configFile;  // its provisioning record sits beside it
    std::filesystem::path dataDir;
    std::string camera;  // the camera source the kiosk would use: /dev/videoN, a file or a folder
    std::optional<std::filesystem::path> journalctl;  // nullopt: "no journal"
    std::string journalUnit = "commune-kiosk";
    std::filesystem::path procUptime = "/proc/uptime";
    std::chrono::milliseconds printerTimeout{2000};  // tcp: printers are tried this long
    std::uint64_t lowDiskBytes = 200ull << 20;       // less free space than this is a problem
    // Problems the technician must act on are worded by the catalogue: first in `language`, then
    // in the other one, for whoever is on the phone. Null: English only.
    const i18n::Catalogue* catalogue = nullptr;
    i18n::Language language = i18n::kDefaultLanguage;
};

struct DoctorCheck {
    std::string name;   // "printer"
    std::string value;  // "/dev/usb/lp0: not found"
    bool problem = false;
    std::string advice;  // for a problem: what to do next
};

struct DoctorReport {
    std::vector<DoctorCheck> checks;
    std::vector<std::string> logTail;  // the journal's last lines, already filtered
    std::string logNote;               // "no journal", "2 lines hidden: ...", ...
    std::optional<int> schemaVersion;  // of the database, when it could be read
    std::int64_t rejectedEvents = 0;   // parked by the server; the screen offers to requeue them

    bool healthy() const;
    const DoctorCheck* find(std::string_view name) const;
};

DoctorReport runDoctor(const DoctorInputs& inputs);

// One `name: value` per line; problems read `name: PROBLEM: value; advice`; then `log: ...`
// lines and a last `result:` line.
std::string formatText(const DoctorReport& report);
// {"healthy":..,"checks":[{"name","value","problem","advice"}],"log":[..],"log_note":..,
//  "schema_version":n|null}
std::string formatJson(const DoctorReport& report);

// Removes the lines holding a long number (kiosk/PersonalData.h); returns how many were removed.
std::size_t dropLinesWithLongNumbers(std::vector<std::string>& lines);
// A server URL without what could be secret in it: user:password@ and ?query are replaced.
std::string urlWithoutSecrets(const std::string& url);
// "3 d 4 h 5 min", "12 min".
std::string formatUptime(double seconds);
// "1.5 GiB", "300 MiB", "12 KiB", "80 B".
std::string formatBytes(std::uint64_t bytes);

}  // namespace kiosk::diag
