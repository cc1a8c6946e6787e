// The help log of the whole commune centre on PostgreSQL: every desk's help records and every
// citizen's rating land in the centre's tables (migration 5), so the figures a volunteer opens at
// any desk count the help of every desk. The centre's twin of the lone kiosk's
// kiosk/helplog/HelpLog.h and Statistics.h, with the same entries, rules, errors and figures.
//
// The volunteer roster stays on each desk (its own SQLite file, with the PINs): a record keeps
// the desk's number, its terminal id and the volunteer's id there, never a name. Nothing
// personal is stored: the free-text note is refused when it looks like it carries a number, an
// e-mail address or a phone number, as on the lone kiosk.
//
// Each call is one statement or one read-only snapshot; not thread-safe, like the connection.
//
// Usage:
//   centre::CentreHelpLog log(connection);
//   log.record(ticketUuid, entry, {.desk = 2, .terminal = "desk-2"});
//   log.rate(ticketUuid, helplog::Rating::Satisfied);
//   auto figures = log.statistics(*helplog::Period::thisWeek(today));
//   auto sheet = log.exportCsv(figures->period, usbFolder / "help.csv", {});
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/helplog/CsvExport.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/Statistics.h"

namespace kiosk::centre {

// Where a help record was written.
struct HelpDesk {
    int desk = 1;
    std::string terminal;  // the desk's terminal id, as `centre status` lists it
};

class CentreHelpLog {
public:
    // `connection` must outlive the log.
    explicit CentreHelpLog(PgConnection& connection);

    // Logs the help given for the done ticket `ticketUuid` (entry.ticket is ignored: the desk's
    // own number for it). The day and service time (call to done) are the ticket's.
    // Errors: helplog.unknown_ticket, helplog.ticket_not_done, helplog.already_logged,
    // helplog.note_personal_data, centre.*.
    Status record(std::string_view ticketUuid, const helplog::HelpEntry& entry, const HelpDesk& at);
    // The citizen's rating of a done ticket, once. Errors: helplog.unknown_ticket,
    // helplog.ticket_not_done, helplog.already_rated, centre.*.
    Status rate(std::string_view ticketUuid, helplog::Rating rating);

    // The centre's figures of `period`, as helplog::computeStatistics counts a lone kiosk's, all
    // read in one snapshot. Errors: stats.bad_period, centre.*.
    Result<helplog::PeriodStatistics> statistics(const helplog::Period& period);
    // The centre's tickets of `period` with their help records and ratings as the help log CSV
    // (kiosk/helplog/CsvExport.h: same columns, same file rules), read in one snapshot a page of
    // rows at a time, so a month of a busy centre never sits in memory. Errors: export.*, centre.*.
    Result<helplog::ExportSummary> exportCsv(const helplog::Period& period,
                                             const std::filesystem::path& target,
                                             const std::function<bool(int done, int total)>& progress);

private:
    PgConnection& connection_;
};

}  // namespace kiosk::centre
