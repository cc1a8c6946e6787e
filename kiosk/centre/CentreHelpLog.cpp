#include "kiosk/centre/CentreHelpLog.h"

#include <cstdint>
#include <vector>

#include "kiosk/content/Walkthrough.h"
#include "kiosk/queue/Ticket.h"

namespace kiosk::centre {

namespace {

using helplog::PeriodStatistics;

// What a help record or rating statement found: the ticket's state and label, and whether the
// row was written (ON CONFLICT DO NOTHING: false when one was there already).
struct Written {
    std::string state;
    std::string label;
    bool inserted = false;
};

// Reads the one answer row of a write below; nullopt when the ticket does not exist.
Result<std::optional<Written>> writtenFrom(Result<PgRows> rows) {
    if (!rows) return rows.error();
    if (rows->count() == 0) return std::optional<Written>();
    queue::Ticket ticket;
    ticket.letter = rows->text(0, 1).front();
    ticket.number = static_cast<int>(rows->integer(0, 2));
    return std::optional<Written>(Written{rows->text(0, 0), ticket.label(), rows->integer(0, 3) > 0});
}

Error unknownTicket() {
    return Error{"helplog.unknown_ticket",
                 "the ticket is not in the centre's queue; refresh the list and choose the ticket again"};
}

Result<helplog::DurationFigures> durations(PgConnection& connection, std::string_view sql,
                                           const std::vector<PgParam>& days) {
    auto rows = connection.query(sql, days);
    if (!rows) return rows.error();
    std::vector<std::int64_t> millis;
    millis.reserve(static_cast<size_t>(rows->count()));
    for (int row = 0; row < rows->count(); ++row)
        millis.push_back(rows->integer(row, 0));
    return helplog::summarizeDurations(std::move(millis));
}

}  // namespace

CentreHelpLog::CentreHelpLog(PgConnection& connection) : connection_(connection) {}

Status CentreHelpLog::record(std::string_view ticketUuid, const helplog::HelpEntry& entry,
                             const HelpDesk& at) {
    if (auto problem = helplog::noteProblem(entry.note)) return Error{"helplog.note_personal_data", *problem};
    // One statement: the ticket's state decides, and the primary key makes a second record of
    // the same ticket (two desks, or a retry after a lost answer) write nothing.
    auto written = writtenFrom(connection_.query(
        "WITH helped AS (SELECT id, day, status, letter, number, called_at, done_at FROM ticket "
        "                WHERE id = $1::uuid), "
        "logged AS (INSERT INTO help_record (ticket, day, desk, terminal, volunteer_id, skill, task, "
        "                                    outcome, visit, age_band, note, service_ms) "
        "           SELECT id, day, $2::integer, $3, $4::bigint, $5, $6, $7, $8, $9, $10, "
        "                  CASE WHEN done_at >= called_at "
        "                       THEN (extract(epoch FROM done_at - called_at) * 1000)::bigint END "
        "           FROM helped WHERE status = 'done' "
        "           ON CONFLICT (ticket) DO NOTHING RETURNING ticket) "
        "SELECT status, letter, number, (SELECT count(*) FROM logged) FROM helped",
        {std::string(ticketUuid), std::to_string(at.desk), at.terminal, std::to_string(entry.volunteer),
         std::string(content::skillName(entry.skill)), std::string(helplog::taskName(entry.task)),
         std::string(helplog::outcomeName(entry.outcome)), std::string(helplog::visitName(entry.visit)),
         std::string(helplog::ageBandName(entry.ageBand)), entry.note}));
    if (!written) return written.error();
    if (!*written) return unknownTicket();
    const Written& ticket = **written;
    if (ticket.state != queue::stateName(queue::TicketState::Done))
        return helplog::ticketNotDone(ticket.label, ticket.state, "log the help");
    if (!ticket.inserted) {
        return Error{"helplog.already_logged", "the help for ticket " + ticket.label +
                                                   " was already logged; nothing was changed. Choose the "
                                                   "next ticket"};
    }
    return success();
}

Status CentreHelpLog::rate(std::string_view ticketUuid, helplog::Rating rating) {
    auto written = writtenFrom(connection_.query(
        "WITH helped AS (SELECT id, day, status, letter, number FROM ticket WHERE id = $1::uuid), "
        "rated AS (INSERT INTO help_rating (ticket, day, rating) "
        "          SELECT id, day, $2 FROM helped WHERE status = 'done' "
        "          ON CONFLICT (ticket) DO NOTHING RETURNING ticket) "
        "SELECT status, letter, number, (SELECT count(*) FROM rated) FROM helped",
        {std::string(ticketUuid), std::string(helplog::ratingName(rating))}));
    if (!written) return written.error();
    if (!*written) return unknownTicket();
    const Written& ticket = **written;
    if (ticket.state != queue::stateName(queue::TicketState::Done))
        return helplog::ticketNotDone(ticket.label, ticket.state, "a rating can be given");
    if (!ticket.inserted) {
        return Error{"helplog.already_rated",
                     "ticket " + ticket.label + " was already rated; the first rating is kept"};
    }
    return success();
}

Result<PeriodStatistics> CentreHelpLog::statistics(const helplog::Period& period) {
    if (auto problem = helplog::periodProblem(period)) return Error{"stats.bad_period", *problem};
    const std::vector<PgParam> days = {period.fromDay, period.toDay};
    PeriodStatistics figures;
    figures.period = period;
    // One snapshot, so the figures agree with each other while desks keep writing.
    Status read = connection_.transaction([&]() -> Status {
        if (Status snapshot = connection_.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            !snapshot)
            return snapshot;
        auto byState = connection_.query(
            "SELECT status, count(*) FROM ticket WHERE day BETWEEN $1::date AND $2::date GROUP BY status",
            days);
        if (!byState) return byState.error();
        for (int row = 0; row < byState->count(); ++row)
            helplog::addTicketsInState(figures, byState->text(row, 0),
                                       static_cast<int>(byState->integer(row, 1)));

        auto households = connection_.query(
            "SELECT count(DISTINCT household_key) FROM ticket WHERE day BETWEEN $1::date AND $2::date", days);
        if (!households) return households.error();
        figures.households = static_cast<int>(households->integer(0, 0));

        // calls = 1: called_at is then the first and only call (helplog::PeriodStatistics::wait).
        auto wait = durations(connection_,
                              "SELECT (extract(epoch FROM called_at - issued_at) * 1000)::bigint FROM ticket "
                              "WHERE day BETWEEN $1::date AND $2::date AND calls = 1 "
                              "AND called_at IS NOT NULL AND called_at >= issued_at",
                              days);
        if (!wait) return wait.error();
        figures.wait = *wait;
        auto service =
            durations(connection_,
                      "SELECT (extract(epoch FROM done_at - called_at) * 1000)::bigint FROM ticket "
                      "WHERE day BETWEEN $1::date AND $2::date AND status = 'done' "
                      "AND called_at IS NOT NULL AND done_at >= called_at",
                      days);
        if (!service) return service.error();
        figures.service = *service;

        auto help = connection_.query(
            "SELECT skill, task, outcome, visit, age_band, count(*) FROM help_record "
            "WHERE day BETWEEN $1::date AND $2::date GROUP BY skill, task, outcome, visit, age_band",
            days);
        if (!help) return help.error();
        for (int row = 0; row < help->count(); ++row) {
            helplog::addHelpRecords(figures, help->text(row, 0), help->text(row, 1), help->text(row, 2),
                                    help->text(row, 3), help->text(row, 4),
                                    static_cast<int>(help->integer(row, 5)));
        }

        auto ratings = connection_.query(
            "SELECT rating, count(*) FROM help_rating WHERE day BETWEEN $1::date AND $2::date GROUP BY "
            "rating",
            days);
        if (!ratings) return ratings.error();
        for (int row = 0; row < ratings->count(); ++row)
            helplog::addRatings(figures, ratings->text(row, 0), static_cast<int>(ratings->integer(row, 1)));
        return success();
    });
    if (!read) return read.error();
    return figures;
}

Result<helplog::ExportSummary> CentreHelpLog::exportCsv(
    const helplog::Period& period, const std::filesystem::path& target,
    const std::function<bool(int done, int total)>& progress) {
    if (auto problem = helplog::periodProblem(period)) return Error{"export.bad_period", *problem};
    // Pages of rows after the last one written, by (day, issue order), all in one snapshot: the
    // rows of a page arrive whole from libpq, so a page bounds the memory an export takes.
    constexpr int kPageRows = 500;
    return helplog::writeHelpCsv(
        target,
        [&](helplog::HelpCsvSink& sink) {
            return connection_.transaction([&]() -> Status {
                if (Status snapshot =
                        connection_.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    !snapshot)
                    return snapshot;
                auto count =
                    connection_.query("SELECT count(*) FROM ticket WHERE day BETWEEN $1::date AND $2::date",
                                      {period.fromDay, period.toDay});
                if (!count) return count.error();
                if (Status begun = sink.begin(static_cast<int>(count->integer(0, 0))); !begun) return begun;
                std::string afterDay = "0001-01-01";
                std::string afterOrder = "0";
                for (;;) {
                    auto page = connection_.query(
                        "SELECT t.day::text, t.letter, t.number, t.service, t.priority, t.origin, "
                        "       (extract(epoch FROM t.issued_at) * 1000)::bigint, t.calls, "
                        "       (extract(epoch FROM t.called_at) * 1000)::bigint, "
                        "       (extract(epoch FROM t.done_at) * 1000)::bigint, t.status, "
                        "       coalesce(r.skill, ''), coalesce(r.task, ''), coalesce(r.outcome, ''), "
                        "       coalesce(r.visit, ''), coalesce(r.age_band, ''), coalesce(g.rating, ''), "
                        "       coalesce(t.household_key, ''), coalesce(r.note, ''), t.issue_order "
                        "FROM ticket t "
                        "LEFT JOIN help_record r ON r.ticket = t.id "
                        "LEFT JOIN help_rating g ON g.ticket = t.id "
                        "WHERE t.day BETWEEN $1::date AND $2::date "
                        "  AND (t.day, t.issue_order) > ($3::date, $4::bigint) "
                        "ORDER BY t.day, t.issue_order LIMIT " +
                            std::to_string(kPageRows),
                        {period.fromDay, period.toDay, afterDay, afterOrder});
                    if (!page) return page.error();
                    for (int row = 0; row < page->count(); ++row) {
                        helplog::HelpCsvRow ticket;
                        ticket.day = page->text(row, 0);
                        ticket.letter = page->text(row, 1).front();
                        ticket.number = static_cast<int>(page->integer(row, 2));
                        ticket.service = page->text(row, 3);
                        ticket.priority = page->text(row, 4);
                        ticket.origin = page->text(row, 5);
                        ticket.issuedAtMs = page->integer(row, 6);
                        ticket.calls = static_cast<int>(page->integer(row, 7));
                        ticket.calledAtMs = page->optionalInteger(row, 8);
                        ticket.doneAtMs = page->optionalInteger(row, 9);
                        ticket.state = page->text(row, 10);
                        ticket.skill = page->text(row, 11);
                        ticket.task = page->text(row, 12);
                        ticket.outcome = page->text(row, 13);
                        ticket.visit = page->text(row, 14);
                        ticket.ageBand = page->text(row, 15);
                        ticket.rating = page->text(row, 16);
                        ticket.householdKey = page->text(row, 17);
                        ticket.note = page->text(row, 18);
                        if (Status added = sink.add(ticket); !added) return added;
                    }
                    if (page->count() < kPageRows) return success();
                    afterDay = page->text(page->count() - 1, 0);
                    afterOrder = page->text(page->count() - 1, 19);
                }
            });
        },
        progress);
}

}  // namespace kiosk::centre
