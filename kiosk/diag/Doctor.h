// `commune-kiosk doctor`: what a technician on the phone with a commune needs to know first.
// Collects version, uptime, config source, provisioning, data directory, disk free, database
// size, quick_check and schema, sync backlog and last error, printer, camera device, the centre's
// shared household pepper (centre mode: present, 0600, the right size) and the
// tail of the kiosk's journal, as `name: value` checks, each a problem or not.
//
// Every word is the catalogue's, in the kiosk's language (or `doctor --lang`): a commune's
// technician reads Vietnamese; check names stay stable codes ("printer") for scripts and JSON.
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
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/i18n/Catalogue.h"

namespace kiosk::diag {

struct DoctorInputs {
    std::string configSource;            // the file the config was read from; empty: none
    std::optional<Error> configProblem;  // it could not be loaded: `config` is defaults
    config::KioskConfig config;
    std::optional<std::filesystem::path> configFile;  // its provisioning record sits beside it
    std::filesystem::path dataDir;
    std::string camera;  // the camera source the kiosk would use: /dev/videoN, a file or a folder
    std::optional<std::filesystem::path> journalctl;  // nullopt: "no journal"
    std::string journalUnit = "commune-kiosk";
    std::filesystem::path procUptime = "/proc/uptime";
    std::chrono::milliseconds printerTimeout{2000};  // tcp: printers are tried this long
    std::uint64_t lowDiskBytes = 200ull << 20;       // less free space than this is a problem
    // The report's words, in `language`; a refused sync token is named in both languages, for
    // whoever is on the phone. Null (the assets could not be found): each text is its catalogue
    // key with its values, still enough to diagnose from.
    const i18n::Catalogue* catalogue = nullptr;
    i18n::Language language = i18n::kDefaultLanguage;
};

// The doctor's words in one language.
class DoctorWording {
public:
    DoctorWording(const i18n::Catalogue* catalogue, i18n::Language language)
        : catalogue_(catalogue), language_(language) {}

    std::string operator()(i18n::MessageId id, const std::map<std::string, std::string>& values = {}) const;
    // What a check is called on screen and in the text report: "Máy in" for "printer".
    std::string label(std::string_view checkName) const;

private:
    const i18n::Catalogue* catalogue_;
    i18n::Language language_;
};

struct DoctorCheck {
    std::string name;   // "printer": a stable code, the same in every language
    std::string value;  // "/dev/usb/lp0: not found"
    bool problem = false;
    std::string advice;  // for a problem: what to do next
    std::string label;   // the name in the report's language ("Máy in"); empty: the name
};

// The report's own words around the checks (formatText), in its language.
struct DoctorReportWords {
    std::string problem;       // "PROBLEM"
    std::string log;           // "log"
    std::string logNote;       // "log note"
    std::string result;        // "result"
    std::string allPassed;     // "all checks passed"
    std::string problemCount;  // "{count} problem(s): {names}"
};

struct DoctorReport {
    std::vector<DoctorCheck> checks;
    std::vector<std::string> logTail;  // the journal's last lines, already filtered
    std::string logNote;               // "no journal", "2 lines hidden: ...", ...
    std::optional<int> schemaVersion;  // of the database, when it could be read
    std::int64_t rejectedEvents = 0;   // parked by the server; the screen offers to requeue them
    DoctorReportWords words;

    bool healthy() const;
    const DoctorCheck* find(std::string_view name) const;
};

DoctorReport runDoctor(const DoctorInputs& inputs);

// One `label: value` per line; problems read `label: PROBLEM: value; advice`; then `log: ...`
// lines and a last `result:` line (each word in the report's language).
std::string formatText(const DoctorReport& report);
// {"healthy":..,"checks":[{"name","label","value","problem","advice"}],"log":[..],"log_note":..,
//  "schema_version":n|null}
std::string formatJson(const DoctorReport& report);

// Removes the lines holding a long number (kiosk/PersonalData.h); returns how many were removed.
std::size_t dropLinesWithLongNumbers(std::vector<std::string>& lines);
// A server URL without what could be secret in it: user:password@ and ?query are replaced.
std::string urlWithoutSecrets(const std::string& url);
// "3 d 4 h 5 min", "12 min" ("3 ngày 4 giờ 5 phút").
std::string formatUptime(double seconds, const DoctorWording& say);
// "1.5 GiB", "300 MiB", "12 KiB", "80 B".
std::string formatBytes(std::uint64_t bytes);

}  // namespace kiosk::diag
