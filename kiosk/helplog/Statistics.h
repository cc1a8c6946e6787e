// The team's figures over a range of local days: tickets by state, waiting and service times,
// households, and the help log (what was helped with, how it ended, how citizens rated it).
// Read-only: never writes the database, never touches the UI. Everything comes from migrations
// 3 and 5 (`ticket`, `help_record`, `help_rating`), counted by the day the ticket belongs to.
//
// Cost: one SQL query per group of figures (six in all), each over the day index, inside one
// read transaction, so the figures agree with each other and writers are never held up (WAL).
// A month of a busy centre (a few thousand tickets) takes milliseconds; still, the UI calls it
// off the UI thread like every database call.
//
// Usage:
//   auto week = helplog::Period::thisWeek(*book.businessDay());
//   auto figures = helplog::computeStatistics(database, *week);
//   if (figures) for (const auto& [skill, count] : figures->bySkill) drawBar(skillName(skill), count);
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/store/Database.h"

namespace kiosk::helplog {

// An inclusive range of local days "YYYY-MM-DD", the days tickets belong to (queue::Ticket::day).
struct Period {
    std::string fromDay;
    std::string toDay;

    // The period of one day, of the Monday-to-Sunday week holding `localDay`, and of the calendar
    // month holding it (whole week and month, also the days still to come).
    // Errors: stats.bad_period when `localDay` is not a YYYY-MM-DD date.
    static Result<Period> today(std::string_view localDay);
    static Result<Period> thisWeek(std::string_view localDay);
    static Result<Period> thisMonth(std::string_view localDay);

    bool operator==(const Period&) const = default;
};

// Why `period` cannot be used, or nullopt: a day that is not a YYYY-MM-DD date, or a period that
// ends before it starts.
std::optional<std::string> periodProblem(const Period& period);

// How long something took over `samples` tickets; all zero when there were none.
//
// Percentiles are nearest-rank: of n times sorted ascending, the p-th percentile is the one at
// rank ceil(p/100 × n) (1-based). It is always a time that was measured, never an average of
// two; the median of an even count is the lower middle one. Times are kept in milliseconds and
// rounded to the nearest second (half a second up) at the end.
struct DurationFigures {
    int samples = 0;
    std::chrono::seconds median{0};
    std::chrono::seconds p90{0};

    bool operator==(const DurationFigures&) const = default;
};

// Nearest-rank median and p90 of `millis` (any order; negative values are not expected).
DurationFigures summarizeDurations(std::vector<std::int64_t> millis);

// How many of the period's help records or ratings had `value`.
template <class Enum>
struct Tally {
    Enum value{};
    int count = 0;

    bool operator==(const Tally&) const = default;
};

// One tally per value, every value present (zero when none), in the enum's order, so the UI can
// draw fixed bar charts.
template <class Enum, std::size_t N>
constexpr std::array<Tally<Enum>, N> zeroTallies(const std::array<Enum, N>& values) {
    std::array<Tally<Enum>, N> tallies{};
    for (std::size_t i = 0; i < N; ++i)
        tallies[i].value = values[i];
    return tallies;
}

struct PeriodStatistics {
    Period period;

    // Tickets whose day is in the period, by their state now: issued is the sum of the other four.
    int issued = 0;
    int served = 0;       // done
    int noShows = 0;      // called, nobody came (and not recalled since)
    int waiting = 0;      // not called yet (or transferred back into a line)
    int beingServed = 0;  // called, not yet done or a no-show

    // Distinct household keys among the period's tickets (tickets without a key not counted).
    int households = 0;

    // Issue to call, over tickets called exactly once (done, no-show or being served). The
    // database keeps only the latest call time, so a recalled ticket (or one called again after
    // a transfer) no longer knows its first call and is left out rather than counted too long.
    // Negative times (the clock set back meanwhile) are left out too.
    DurationFigures wait;
    // Call (the latest one: a recall restarts service) to done, over served tickets; the same
    // time help_record.service_ms keeps, but for every served ticket, logged or not.
    DurationFigures service;

    // The help log of the period's tickets; each tally sums to helpRecords.
    int helpRecords = 0;
    std::array<Tally<Skill>, kSkills.size()> bySkill = zeroTallies(kSkills);
    std::array<Tally<Task>, kTasks.size()> byTask = zeroTallies(kTasks);
    std::array<Tally<Outcome>, kOutcomes.size()> byOutcome = zeroTallies(kOutcomes);
    std::array<Tally<Visit>, kVisits.size()> byVisit = zeroTallies(kVisits);  // first vs repeat
    std::array<Tally<AgeBand>, kAgeBands.size()> byAgeBand = zeroTallies(kAgeBands);

    // Citizens' ratings of the period's tickets; byRating sums to ratings.
    int ratings = 0;
    std::array<Tally<Rating>, kRatings.size()> byRating = zeroTallies(kRatings);
};

// The figures of `period`. An empty period gives zeros everywhere.
// Errors: stats.bad_period (see periodProblem), store.*.
Result<PeriodStatistics> computeStatistics(store::Database& database, const Period& period);

// How each grouped row adds to the figures, whichever database counted it (this kiosk's SQLite
// above, or the centre's PostgreSQL, kiosk/centre/CentreHelpLog.h). Names are those of the
// schema's CHECK lists; a name outside them is ignored rather than miscounted.
void addTicketsInState(PeriodStatistics& figures, std::string_view state, int count);
void addHelpRecords(PeriodStatistics& figures, std::string_view skill, std::string_view task,
                    std::string_view outcome, std::string_view visit, std::string_view ageBand, int count);
void addRatings(PeriodStatistics& figures, std::string_view rating, int count);

}  // namespace kiosk::helplog
