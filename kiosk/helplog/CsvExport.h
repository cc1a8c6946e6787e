// The help log as a spreadsheet for the team leader and the province: one CSV row per ticket of
// a period, with its help record and rating when it has them. Read-only on the database; writes
// only the target file. Made for Excel and LibreOffice opening it from a USB stick:
//   - UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and every
//     Vietnamese letter with an accent turns into two or three wrong ones;
//   - RFC 4180: every line ends with CRLF; a cell holding , " CR or LF is quoted, " doubled;
//   - CSV injection guard: a cell starting with = + - @ (or tab, CR) gets a leading ', so a note
//     or origin like "=HYPERLINK(...)" shows as text instead of running as a formula;
//   - the file appears whole or not at all: rows stream into <target>.tmp in the same folder
//     (the whole file is never held in memory), then fsync, rename over the target, fsync of
//     the folder, so pulling the stick mid-export leaves the old file or none, never half of one.
//
// Columns, in this order, with these header names (stable: add new ones at the end, never
// rename; spreadsheets and scripts at the province read them by name):
//   day        local day the ticket belongs to, YYYY-MM-DD
//   ticket     the number on the slip, e.g. A001
//   service    the line it was in last (differs from the ticket's letter after a transfer)
//   priority   none | aged_75_plus | disability | pregnant | small_child
//   origin     where "Get help" was pressed; empty for the ticket screen
//   issued_at  local time HH:MM the ticket was taken
//   wait_s     issue to call in seconds, only for tickets called exactly once (as Statistics.h
//              measures it: the database keeps only the latest call); else empty
//   service_s  call to done in seconds for served tickets; else empty
//   state      waiting | called | no_show | done
//   skill, task, outcome, visit, age_band   the help record (HelpLog.h names); empty when none
//   rating     satisfied | neutral | needs_improvement; empty when not rated
//   household  the first 10 characters of the household key; empty when none
//   note       the help record's note
//
// Why only 10 characters of the household key: the sheet leaves the kiosk (USB stick, e-mail),
// so it carries the least that still lets its reader see repeat visits of one household within
// the sheet (40 bits: two of 10,000 households share a prefix with a chance of about 1 in
// 20,000). The full key is what the kiosk and its sync payloads use; a prefix cannot be joined
// with those records, and like the key it reveals no ID number without the kiosk's pepper.
//
// Usage (off the UI thread: it reads the database and writes a USB stick):
//   auto written = helplog::exportHelpCsv(database, *helplog::Period::thisMonth(day),
//                                         usbFolder / "help-2026-11.csv",
//                                         [&](int done, int total) { return !cancelPressed; });
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/helplog/Statistics.h"
#include "kiosk/store/Database.h"

namespace kiosk::helplog {

// Vietnam's offset from UTC all year round (no summer time): the kiosk's local time.
inline constexpr std::chrono::minutes kVietnamUtcOffset = std::chrono::hours(7);

// The header row, in column order: in Vietnamese, for the commune and district staff who open
// the file in a spreadsheet. The cells keep their stable codes (vneid_level1, done, ...), which
// the province's import and the JSON events share.
inline constexpr std::array<std::string_view, 17> kHelpCsvColumns = {
    "ngày",           "số",          "dịch vụ", "ưu tiên",     "nơi gọi hỗ trợ", "giờ lấy số", "chờ (giây)",
    "phục vụ (giây)", "trạng thái",  "kỹ năng", "việc đã làm", "kết quả",        "lần đến",    "độ tuổi",
    "đánh giá",       "hộ gia đình", "ghi chú"};

struct ExportSummary {
    std::filesystem::path file;  // the target, now complete
    int rows = 0;                // tickets written, not counting the header
    std::uintmax_t bytes = 0;    // file size, byte order mark included
};

// One cell as it is written: the injection guard first, then RFC 4180 quoting when needed.
// "a,b" → "\"a,b\"", "say \"hi\"" → "\"say \"\"hi\"\"\"", "=1+1" → "'=1+1", "" → "".
std::string csvField(std::string_view text);

// One ticket of the sheet with its help record and rating (empty strings when it has none), as
// either database reads it: this kiosk's SQLite below, or the centre's PostgreSQL
// (kiosk/centre/CentreHelpLog.h).
struct HelpCsvRow {
    std::string day;
    char letter = 'A';
    int number = 0;
    std::string service;
    std::string priority;
    std::string origin;
    std::int64_t issuedAtMs = 0;  // UTC milliseconds
    int calls = 0;
    std::optional<std::int64_t> calledAtMs;  // the latest call
    std::optional<std::int64_t> doneAtMs;
    std::string state;
    std::string skill;
    std::string task;
    std::string outcome;
    std::string visit;
    std::string ageBand;
    std::string rating;
    std::string householdKey;  // the full key; the sheet keeps its first 10 characters
    std::string note;
};

// Where a reader hands the sheet's rows, in order, inside its read snapshot: first how many
// there will be, then each row. Errors: export.cancelled, export.unwritable.
class HelpCsvSink {
public:
    virtual ~HelpCsvSink() = default;
    virtual Status begin(int total) = 0;
    virtual Status add(const HelpCsvRow& row) = 0;
};

// The file side of every export: the checks on `target`, the temp file, header, rows, progress
// and the rename into place, around `read`, which fills the sink from its database. Errors: those
// of `read`, export.not_a_file, export.unwritable, export.cancelled.
Result<ExportSummary> writeHelpCsv(const std::filesystem::path& target,
                                   const std::function<Status(HelpCsvSink&)>& read,
                                   const std::function<bool(int done, int total)>& progress,
                                   std::chrono::minutes utcOffset = kVietnamUtcOffset);

// Writes the tickets of `period` (ordered by day, then issue order) to `target`, replacing it
// if it exists. `progress` (may be empty) is called with (rows written, rows in all) before the
// first row, after every 100th and after the last; returning false cancels: the temp file is
// removed and an existing target is left as it was. `utcOffset` turns issue times into local
// HH:MM. Errors: export.bad_period, export.unwritable (what to do about the stick: full,
// read-only, removed), export.cancelled, store.*.
Result<ExportSummary> exportHelpCsv(store::Database& database, const Period& period,
                                    const std::filesystem::path& target,
                                    const std::function<bool(int done, int total)>& progress,
                                    std::chrono::minutes utcOffset = kVietnamUtcOffset);

}  // namespace kiosk::helplog
