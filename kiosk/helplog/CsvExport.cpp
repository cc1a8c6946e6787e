// Streams the help log CSV into a temp file next to the target and renames it into place. See
// CsvExport.h for the format and the columns; kiosk/Files.h writeFileAtomically for the same
// temp-fsync-rename pattern on a string held in memory.
#include "kiosk/helplog/CsvExport.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <utility>

#include "kiosk/Clock.h"
#include "kiosk/queue/Ticket.h"

namespace kiosk::helplog {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";
constexpr int kProgressEvery = 100;
// Written to the file whenever this much is buffered: a few hundred rows, one write() call.
constexpr std::size_t kFlushAt = 64 * 1024;
constexpr std::size_t kHouseholdPrefix = 10;

// What the person at the desk can do about a failed write, by the system's reason.
std::string_view whatToDo(int error) {
    switch (error) {
        case ENOSPC:
        case EFBIG:
        case EDQUOT: return "The USB stick (or disk) is full: free some space on it or use another stick";
        case EROFS:
            return "The USB stick is read-only: check the lock switch on its side, or use another stick";
        case EACCES:
        case EPERM: return "The kiosk may not write in this folder: choose another folder or stick";
        case ENOENT:
        case ENOTDIR:
            return "The folder is not there (was the USB stick removed?): plug the stick in and try again";
        case EIO:
        case ENODEV:
        case ENXIO:
            return "The USB stick stopped answering (removed or faulty): plug it in again and try again, or "
                   "use another stick";
        default: return "Check that the USB stick is plugged in, not full and not read-only, then try again";
    }
}

Error unwritable(std::string_view doing, const fs::path& path, int error) {
    return Error{"export.unwritable", "the export was not saved: cannot " + std::string(doing) + " " +
                                          path.string() + " (" + std::strerror(error) + "). " +
                                          std::string(whatToDo(error))};
}

// The temp file being written. Removed when destroyed unless it was renamed into place, so every
// way out of an export (error, cancel) leaves no .tmp behind.
class TempFile {
public:
    TempFile(fs::path temp, fs::path target) : temp_(std::move(temp)), target_(std::move(target)) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (created_ && !renamed_) ::unlink(temp_.c_str());
    }

    Status open() {
        fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        if (fd_ < 0) return unwritable("create", temp_, errno);
        created_ = true;
        return success();
    }

    Status append(std::string_view bytes) {
        buffer_.append(bytes);
        return buffer_.size() >= kFlushAt ? flush() : success();
    }

    Status flush() {
        std::size_t written = 0;
        while (written < buffer_.size()) {
            const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
            if (n < 0 && errno == EINTR) continue;
            // A write of 0 bytes is a full medium that did not say so.
            if (n <= 0) return unwritable("write", temp_, n < 0 ? errno : ENOSPC);
            written += static_cast<std::size_t>(n);
        }
        bytes_ += buffer_.size();
        buffer_.clear();
        return success();
    }

    // Flushes, fsyncs and renames over the target, then fsyncs the folder so the new name
    // survives a power cut or the stick being pulled.
    Status commit() {
        if (Status flushed = flush(); !flushed) return flushed;
        if (::fsync(fd_) != 0) return unwritable("save", temp_, errno);
        const int fd = std::exchange(fd_, -1);
        if (::close(fd) != 0) return unwritable("save", temp_, errno);
        if (::rename(temp_.c_str(), target_.c_str()) != 0) return unwritable("replace", target_, errno);
        renamed_ = true;
        const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
        const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd < 0) return success();  // some file systems cannot open a folder; the rename is done
        const int synced = ::fsync(dirFd);
        const int syncError = errno;
        ::close(dirFd);
        // EINVAL: the file system cannot sync a folder. EIO: the stick went away after the rename.
        if (synced != 0 && syncError == EIO) return unwritable("save", target_, syncError);
        return success();
    }

    std::uintmax_t bytes() const { return bytes_; }

private:
    fs::path temp_;
    fs::path target_;
    int fd_ = -1;
    bool created_ = false;
    bool renamed_ = false;
    std::string buffer_;
    std::uintmax_t bytes_ = 0;
};

// See Statistics.cpp: one snapshot for the count and the rows, without the write lock.
Status inReadSnapshot(store::Database& db, const std::function<Status()>& body) {
    if (Status begun = db.exec("BEGIN DEFERRED"); !begun) return begun;
    Status result = body();
    if (result) result = db.exec("COMMIT");
    if (!result) (void)db.exec("ROLLBACK");
    return result;
}

std::string roundedSeconds(std::int64_t millis) {
    // Rounded like Statistics.h: to the nearest second, half a second up.
    return std::to_string((millis + 500) / 1000);
}

std::string localTimeOfDay(std::int64_t utcMillis, std::chrono::minutes utcOffset) {
    using namespace std::chrono;
    const sys_time<milliseconds> local = sys_time<milliseconds>(milliseconds(utcMillis)) + utcOffset;
    const hh_mm_ss time(floor<minutes>(local - floor<days>(local)));
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()));
    return text;
}

constexpr std::string_view kSelectRows =
    "SELECT t.day, t.letter, t.number, t.service, t.priority, t.origin, t.issued_at_ms, t.calls, "
    "t.called_at_ms, t.done_at_ms, t.state, r.skill, r.task, r.outcome, r.visit, r.age_band, g.rating, "
    "t.household_key, r.note "
    "FROM ticket t "
    "LEFT JOIN help_record r ON r.ticket_id = t.id "
    "LEFT JOIN help_rating g ON g.ticket_id = t.id "
    "WHERE t.day BETWEEN ?1 AND ?2 ORDER BY t.day, t.id";

// The current row of kSelectRows.
HelpCsvRow rowOf(const store::Statement& row) {
    const auto text = [&](int column) { return row.columnText(column); };
    HelpCsvRow ticket;
    ticket.day = text(0);
    ticket.letter = text(1).front();
    ticket.number = static_cast<int>(row.columnInt(2));
    ticket.service = text(3);
    ticket.priority = text(4);
    ticket.origin = text(5);
    ticket.issuedAtMs = row.columnInt(6);
    ticket.calls = static_cast<int>(row.columnInt(7));
    ticket.calledAtMs = row.columnOptionalInt(8);
    ticket.doneAtMs = row.columnOptionalInt(9);
    ticket.state = text(10);
    ticket.skill = text(11);
    ticket.task = text(12);
    ticket.outcome = text(13);
    ticket.visit = text(14);
    ticket.ageBand = text(15);
    ticket.rating = text(16);
    ticket.householdKey = text(17);
    ticket.note = text(18);
    return ticket;
}

std::string csvLine(const HelpCsvRow& row, std::chrono::minutes utcOffset) {
    queue::Ticket ticket;
    ticket.letter = row.letter;
    ticket.number = row.number;
    std::string wait;
    if (row.calls == 1 && row.calledAtMs && *row.calledAtMs >= row.issuedAtMs)
        wait = roundedSeconds(*row.calledAtMs - row.issuedAtMs);
    std::string service;
    if (row.state == "done" && row.calledAtMs && row.doneAtMs && *row.doneAtMs >= *row.calledAtMs)
        service = roundedSeconds(*row.doneAtMs - *row.calledAtMs);
    std::string household = row.householdKey;
    if (household.size() > kHouseholdPrefix) household.resize(kHouseholdPrefix);

    const std::string cells[] = {
        row.day,                                    // day
        ticket.label(),                             // ticket
        row.service,                                // service
        row.priority,                               // priority
        row.origin,                                 // origin
        localTimeOfDay(row.issuedAtMs, utcOffset),  // issued_at
        wait,                                       // wait_s
        service,                                    // service_s
        row.state,                                  // state
        row.skill,                                  // skill
        row.task,                                   // task
        row.outcome,                                // outcome
        row.visit,                                  // visit
        row.ageBand,                                // age_band
        row.rating,                                 // rating
        household,                                  // household
        row.note,                                   // note
    };
    static_assert(std::size(cells) == kHelpCsvColumns.size());
    std::string line;
    for (std::size_t i = 0; i < std::size(cells); ++i) {
        if (i > 0) line += ',';
        line += csvField(cells[i]);
    }
    line += kLineEnd;
    return line;
}

// Header, rows and progress into the temp file.
class FileSink final : public HelpCsvSink {
public:
    FileSink(TempFile& file, const std::function<bool(int, int)>& progress, std::chrono::minutes utcOffset)
        : file_(file), progress_(progress), utcOffset_(utcOffset) {}

    Status begin(int total) override {
        total_ = total;
        if (!keepGoing()) return cancelled();
        std::string header(kByteOrderMark);
        for (std::size_t i = 0; i < kHelpCsvColumns.size(); ++i) {
            if (i > 0) header += ',';
            header += kHelpCsvColumns[i];
        }
        header += kLineEnd;
        return file_.append(header);
    }

    Status add(const HelpCsvRow& row) override {
        if (Status appended = file_.append(csvLine(row, utcOffset_)); !appended) return appended;
        ++rows_;
        if ((rows_ % kProgressEvery == 0 || rows_ == total_) && !keepGoing()) return cancelled();
        return success();
    }

    int rows() const { return rows_; }

private:
    bool keepGoing() const { return !progress_ || progress_(rows_, total_); }
    static Error cancelled() {
        return Error{"export.cancelled", "the export was cancelled; no file was written"};
    }

    TempFile& file_;
    const std::function<bool(int, int)>& progress_;
    std::chrono::minutes utcOffset_;
    int total_ = 0;
    int rows_ = 0;
};

}  // namespace

std::string csvField(std::string_view text) {
    std::string cell;
    // OWASP's list: a leading = + - @ makes Excel and LibreOffice read a formula; tab and CR too.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
        cell += '\'';
    }
    cell += text;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

Result<ExportSummary> writeHelpCsv(const fs::path& target, const std::function<Status(HelpCsvSink&)>& read,
                                   const std::function<bool(int done, int total)>& progress,
                                   std::chrono::minutes utcOffset) {
    // Only a file is ever replaced: renaming over /dev/sda or a folder's entry would "succeed".
    std::error_code statError;
    const auto existing = fs::symlink_status(target, statError);
    if (!statError && fs::exists(existing) && !fs::is_regular_file(existing)) {
        return Error{"export.not_a_file", "the export was not saved: " + target.string() +
                                              " exists and is not a regular file; choose a file name"};
    }
    // Create the file first: a read-only or missing stick is reported before any database work.
    TempFile file(target.string() + ".tmp", target);
    if (Status opened = file.open(); !opened) return opened.error();
    FileSink sink(file, progress, utcOffset);
    if (Status written = read(sink); !written) return written.error();
    if (Status committed = file.commit(); !committed) return committed.error();
    return ExportSummary{target, sink.rows(), file.bytes()};
}

Result<ExportSummary> exportHelpCsv(store::Database& database, const Period& period, const fs::path& target,
                                    const std::function<bool(int done, int total)>& progress,
                                    std::chrono::minutes utcOffset) {
    if (auto problem = periodProblem(period)) return Error{"export.bad_period", *problem};
    return writeHelpCsv(
        target,
        [&](HelpCsvSink& sink) {
            return inReadSnapshot(database, [&]() -> Status {
                auto count = database.prepare("SELECT count(*) FROM ticket WHERE day BETWEEN ?1 AND ?2");
                if (!count) return count.error();
                count->bind(1, period.fromDay).bind(2, period.toDay);
                if (auto counted = count->step(); !counted) return counted.error();
                if (Status begun = sink.begin(static_cast<int>(count->columnInt(0))); !begun) return begun;
                auto select = database.prepare(kSelectRows);
                if (!select) return select.error();
                select->bind(1, period.fromDay).bind(2, period.toDay);
                for (;;) {
                    auto row = select->step();
                    if (!row) return row.error();
                    if (!*row) return success();
                    if (Status added = sink.add(rowOf(*select)); !added) return added;
                }
            });
        },
        progress, utcOffset);
}

}  // namespace kiosk::helplog
