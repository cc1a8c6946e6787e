// The team's figures over a period: six grouped queries over the day indexes, read in one
// snapshot. See Statistics.h for what each figure measures.
#include "kiosk/helplog/Statistics.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "kiosk/Clock.h"

namespace kiosk::helplog {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

Error badPeriod(const std::string& why) {
    return Error{"stats.bad_period", why};
}

Result<sys_days> parseLocalDay(std::string_view localDay) {
    if (auto day = kiosk::parseDay(localDay)) return *day;
    return badPeriod("\"" + std::string(localDay) + "\" is not a day; expected YYYY-MM-DD, e.g. 2026-11-23");
}

Period periodOf(sys_days from, sys_days to) {
    return Period{kiosk::formatDay(from), kiosk::formatDay(to)};
}

// Runs `body` in one read transaction: every query sees the same committed state, and in WAL
// mode a reader never holds up the queue's writers. Not BEGIN IMMEDIATE (Database::transaction),
// which would take the write lock for nothing.
Status inReadSnapshot(store::Database& db, const std::function<Status()>& body) {
    if (Status begun = db.exec("BEGIN DEFERRED"); !begun) return begun;
    Status result = body();
    if (result) result = db.exec("COMMIT");
    if (!result) (void)db.exec("ROLLBACK");
    return result;
}

// Each statement's step loop: `onRow` reads the current row.
Status forEachRow(store::Statement& statement, const std::function<void(const store::Statement&)>& onRow) {
    for (;;) {
        auto row = statement.step();
        if (!row) return row.error();
        if (!*row) return success();
        onRow(statement);
    }
}

Result<store::Statement> prepareForPeriod(store::Database& db, std::string_view sql, const Period& period) {
    auto statement = db.prepare(sql);
    if (!statement) return statement.error();
    statement->bind(1, period.fromDay).bind(2, period.toDay);
    return statement;
}

// Adds `count` to the tally named `name`; names outside the list (the schema's CHECK makes them
// impossible) are ignored rather than miscounted.
template <class Enum, std::size_t N>
void addTo(std::array<Tally<Enum>, N>& tallies, std::optional<Enum> value, int count) {
    if (!value) return;
    for (Tally<Enum>& tally : tallies) {
        if (tally.value == *value) tally.count += count;
    }
}

Status countTickets(store::Database& db, const Period& period, PeriodStatistics& figures) {
    // Covered by the ticket_line index (day, service, state, id): no table reads at all.
    auto byState = prepareForPeriod(
        db, "SELECT state, count(*) FROM ticket WHERE day BETWEEN ?1 AND ?2 GROUP BY state", period);
    if (!byState) return byState.error();
    return forEachRow(*byState, [&](const store::Statement& row) {
        addTicketsInState(figures, row.columnText(0), static_cast<int>(row.columnInt(1)));
    });
}

Status countHouseholds(store::Database& db, const Period& period, PeriodStatistics& figures) {
    // count(DISTINCT ...) skips NULL: tickets taken without a scanned card have no household.
    auto distinct = prepareForPeriod(
        db, "SELECT count(DISTINCT household_key) FROM ticket WHERE day BETWEEN ?1 AND ?2", period);
    if (!distinct) return distinct.error();
    return forEachRow(*distinct, [&](const store::Statement& row) {
        figures.households = static_cast<int>(row.columnInt(0));
    });
}

// The figures of the durations (milliseconds) one query selects as its only column.
Result<DurationFigures> durations(store::Database& db, const Period& period, std::string_view sql) {
    auto select = prepareForPeriod(db, sql, period);
    if (!select) return select.error();
    std::vector<std::int64_t> millis;
    Status read =
        forEachRow(*select, [&](const store::Statement& row) { millis.push_back(row.columnInt(0)); });
    if (!read) return read.error();
    return summarizeDurations(std::move(millis));
}

Status countHelpRecords(store::Database& db, const Period& period, PeriodStatistics& figures) {
    // One pass over help_record_by_day for all five tallies: at most 5 × 8 × 6 × 2 × 6 groups.
    auto groups =
        prepareForPeriod(db,
                         "SELECT skill, task, outcome, visit, age_band, count(*) FROM help_record "
                         "WHERE day BETWEEN ?1 AND ?2 GROUP BY skill, task, outcome, visit, age_band",
                         period);
    if (!groups) return groups.error();
    return forEachRow(*groups, [&](const store::Statement& row) {
        addHelpRecords(figures, row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3),
                       row.columnText(4), static_cast<int>(row.columnInt(5)));
    });
}

Status countRatings(store::Database& db, const Period& period, PeriodStatistics& figures) {
    auto groups = prepareForPeriod(
        db, "SELECT rating, count(*) FROM help_rating WHERE day BETWEEN ?1 AND ?2 GROUP BY rating", period);
    if (!groups) return groups.error();
    return forEachRow(*groups, [&](const store::Statement& row) {
        addRatings(figures, row.columnText(0), static_cast<int>(row.columnInt(1)));
    });
}

// Nearest rank: the value at 1-based rank ceil(percent × n / 100), in integers so 90 % of 10 is
// exactly rank 9 (floating point would give 9.000000000000002 and round up to 10).
std::int64_t nearestRank(const std::vector<std::int64_t>& sorted, int percent) {
    const std::size_t n = sorted.size();
    const std::size_t rank = (static_cast<std::size_t>(percent) * n + 99) / 100;
    return sorted[std::clamp<std::size_t>(rank, 1, n) - 1];
}

std::chrono::seconds roundToSeconds(std::int64_t millis) {
    return std::chrono::seconds((millis + 500) / 1000);
}

}  // namespace

Result<Period> Period::today(std::string_view localDay) {
    auto day = parseLocalDay(localDay);
    if (!day) return day.error();
    return periodOf(*day, *day);
}

Result<Period> Period::thisWeek(std::string_view localDay) {
    auto day = parseLocalDay(localDay);
    if (!day) return day.error();
    // ISO weekday: Monday 1 ... Sunday 7, so a Sunday belongs to the week that began six days before.
    const sys_days monday = *day - days(std::chrono::weekday(*day).iso_encoding() - 1);
    return periodOf(monday, monday + days(6));
}

Result<Period> Period::thisMonth(std::string_view localDay) {
    auto day = parseLocalDay(localDay);
    if (!day) return day.error();
    const std::chrono::year_month_day date(*day);
    const std::chrono::year_month month = date.year() / date.month();
    return periodOf(sys_days(month / 1), sys_days(month / std::chrono::last));
}

std::optional<std::string> periodProblem(const Period& period) {
    const auto notADay = [](const std::string& text) {
        return "\"" + text + "\" is not a day; choose the days again (YYYY-MM-DD, e.g. 2026-11-23)";
    };
    const auto from = kiosk::parseDay(period.fromDay);
    if (!from) return notADay(period.fromDay);
    const auto to = kiosk::parseDay(period.toDay);
    if (!to) return notADay(period.toDay);
    if (*from > *to) {
        return "the period ends (" + period.toDay + ") before it starts (" + period.fromDay +
               "); choose the first day, then the last";
    }
    return std::nullopt;
}

DurationFigures summarizeDurations(std::vector<std::int64_t> millis) {
    DurationFigures figures;
    if (millis.empty()) return figures;
    std::ranges::sort(millis);
    figures.samples = static_cast<int>(millis.size());
    figures.median = roundToSeconds(nearestRank(millis, 50));
    figures.p90 = roundToSeconds(nearestRank(millis, 90));
    return figures;
}

Result<PeriodStatistics> computeStatistics(store::Database& database, const Period& period) {
    if (auto problem = periodProblem(period)) return badPeriod(*problem);
    PeriodStatistics figures;
    figures.period = period;
    Status read = inReadSnapshot(database, [&]() -> Status {
        if (Status status = countTickets(database, period, figures); !status) return status;
        if (Status status = countHouseholds(database, period, figures); !status) return status;
        // calls = 1: called_at_ms is then the first and only call (see PeriodStatistics::wait).
        auto wait =
            durations(database, period,
                      "SELECT called_at_ms - issued_at_ms AS ms FROM ticket WHERE day BETWEEN ?1 AND ?2 "
                      "AND calls = 1 AND called_at_ms IS NOT NULL AND ms >= 0");
        if (!wait) return wait.error();
        figures.wait = *wait;
        auto service =
            durations(database, period,
                      "SELECT done_at_ms - called_at_ms AS ms FROM ticket WHERE day BETWEEN ?1 AND "
                      "?2 AND state = 'done' AND called_at_ms IS NOT NULL AND ms >= 0");
        if (!service) return service.error();
        figures.service = *service;
        if (Status status = countHelpRecords(database, period, figures); !status) return status;
        return countRatings(database, period, figures);
    });
    if (!read) return read.error();
    return figures;
}

void addTicketsInState(PeriodStatistics& figures, std::string_view state, int count) {
    const auto known = queue::stateFromName(state);
    if (!known) return;
    figures.issued += count;
    switch (*known) {
        case queue::TicketState::Waiting: figures.waiting += count; break;
        case queue::TicketState::Called: figures.beingServed += count; break;
        case queue::TicketState::NoShow: figures.noShows += count; break;
        case queue::TicketState::Done: figures.served += count; break;
    }
}

void addHelpRecords(PeriodStatistics& figures, std::string_view skill, std::string_view task,
                    std::string_view outcome, std::string_view visit, std::string_view ageBand, int count) {
    figures.helpRecords += count;
    addTo(figures.bySkill, content::skillFromName(skill), count);
    addTo(figures.byTask, taskFromName(task), count);
    addTo(figures.byOutcome, outcomeFromName(outcome), count);
    addTo(figures.byVisit, visitFromName(visit), count);
    addTo(figures.byAgeBand, ageBandFromName(ageBand), count);
}

void addRatings(PeriodStatistics& figures, std::string_view rating, int count) {
    figures.ratings += count;
    addTo(figures.byRating, ratingFromName(rating), count);
}

}  // namespace kiosk::helplog
