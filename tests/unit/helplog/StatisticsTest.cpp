// The team's figures: periods, nearest-rank percentiles, and every figure on known synthetic data.
#include "kiosk/helplog/Statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "unit/helplog/StatsTestSupport.h"

using kiosk::helplog::AgeBand;
using kiosk::helplog::computeStatistics;
using kiosk::helplog::DurationFigures;
using kiosk::helplog::HelpEntry;
using kiosk::helplog::Outcome;
using kiosk::helplog::Period;
using kiosk::helplog::PeriodStatistics;
using kiosk::helplog::Rating;
using kiosk::helplog::Skill;
using kiosk::helplog::summarizeDurations;
using kiosk::helplog::Task;
using kiosk::helplog::Visit;
using kiosk::queue::Ticket;
using stats_test::countsOf;
using stats_test::householdKey;
using stats_test::vietnamTime;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

Period period(std::string from, std::string to) {
    return Period{std::move(from), std::move(to)};
}

Period expectPeriod(const kiosk::Result<Period>& result) {
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? *result : Period{};
}

constexpr year_month_day nov(int day) {
    return year(2026) / November / day;
}

class StatisticsTest : public stats_test::HelpLogFixture {
protected:
    PeriodStatistics figures(const Period& of) {
        auto computed = computeStatistics(*database_, of);
        EXPECT_TRUE(computed.ok()) << computed.error().message;
        return computed.ok() ? *computed : PeriodStatistics{};
    }
};

}  // namespace

// ----- Periods -----------------------------------------------------------------------------------

TEST(Period, TodayIsTheDayItself) {
    EXPECT_EQ(expectPeriod(Period::today("2026-11-23")), period("2026-11-23", "2026-11-23"));
}

TEST(Period, WeekRunsMondayToSunday) {
    const Period week = period("2026-11-23", "2026-11-29");
    EXPECT_EQ(expectPeriod(Period::thisWeek("2026-11-23")), week) << "a Monday starts its week";
    EXPECT_EQ(expectPeriod(Period::thisWeek("2026-11-26")), week);
    EXPECT_EQ(expectPeriod(Period::thisWeek("2026-11-29")), week) << "a Sunday ends its week";
    EXPECT_EQ(expectPeriod(Period::thisWeek("2026-11-30")), period("2026-11-30", "2026-12-06"));
}

TEST(Period, WeekCrossesMonthAndYearEnds) {
    EXPECT_EQ(expectPeriod(Period::thisWeek("2026-12-31")), period("2026-12-28", "2027-01-03"));
    EXPECT_EQ(expectPeriod(Period::thisWeek("2027-01-03")), period("2026-12-28", "2027-01-03"));
    EXPECT_EQ(expectPeriod(Period::thisWeek("2026-10-01")), period("2026-09-28", "2026-10-04"));
}

TEST(Period, MonthRunsFromTheFirstToTheLastDay) {
    EXPECT_EQ(expectPeriod(Period::thisMonth("2026-11-01")), period("2026-11-01", "2026-11-30"));
    EXPECT_EQ(expectPeriod(Period::thisMonth("2026-11-30")), period("2026-11-01", "2026-11-30"));
    EXPECT_EQ(expectPeriod(Period::thisMonth("2026-12-31")), period("2026-12-01", "2026-12-31"));
    EXPECT_EQ(expectPeriod(Period::thisMonth("2027-02-14")), period("2027-02-01", "2027-02-28"));
    EXPECT_EQ(expectPeriod(Period::thisMonth("2028-02-14")), period("2028-02-01", "2028-02-29"));
}

TEST(Period, RefusesWhatIsNotADay) {
    for (const char* text : {"", "2026-13-01", "2026-02-29", "23/11/2026", "2026-11-23 "}) {
        for (const auto& result : {Period::today(text), Period::thisWeek(text), Period::thisMonth(text)}) {
            ASSERT_FALSE(result.ok()) << text;
            EXPECT_EQ(result.error().code, "stats.bad_period");
        }
    }
}

TEST(Period, ProblemNamesABadDayOrABackwardPeriod) {
    EXPECT_EQ(kiosk::helplog::periodProblem(period("2026-11-23", "2026-11-23")), std::nullopt);
    EXPECT_EQ(kiosk::helplog::periodProblem(period("2026-12-28", "2027-01-03")), std::nullopt);
    const auto backward = kiosk::helplog::periodProblem(period("2026-11-24", "2026-11-23"));
    ASSERT_TRUE(backward.has_value());
    EXPECT_NE(backward->find("before it starts"), std::string::npos) << *backward;
    const auto notADay = kiosk::helplog::periodProblem(period("2026-11-23", "yesterday"));
    ASSERT_TRUE(notADay.has_value());
    EXPECT_NE(notADay->find("\"yesterday\""), std::string::npos) << *notADay;
}

// ----- Percentiles -------------------------------------------------------------------------------

TEST(SummarizeDurations, UsesNearestRank) {
    struct Case {
        std::vector<std::int64_t> millis;
        DurationFigures expected;
    };
    const auto secondsList = [](int from, int to) {
        std::vector<std::int64_t> list;
        for (int s = to; s >= from; --s)  // unsorted on purpose
            list.push_back(s * 1000);
        return list;
    };
    const std::vector<Case> cases = {
        {{}, {0, 0s, 0s}},
        {{7000}, {1, 7s, 7s}},
        {{3000, 1000}, {2, 1s, 3s}},          // even count: the lower middle, no average
        {secondsList(1, 10), {10, 5s, 9s}},   // rank ceil(9.0) = 9, not 10
        {secondsList(1, 11), {11, 6s, 10s}},  // ranks ceil(5.5) = 6, ceil(9.9) = 10
        {secondsList(1, 100), {100, 50s, 90s}},
        {{1499, 1500, 2500}, {3, 2s, 3s}},  // to the nearest second, half up
        {{0, 0, 0, 600'000}, {4, 0s, 600s}},
    };
    for (const Case& c : cases) {
        const DurationFigures got = summarizeDurations(c.millis);
        EXPECT_EQ(got.samples, c.expected.samples);
        EXPECT_EQ(got.median, c.expected.median) << "of " << c.millis.size();
        EXPECT_EQ(got.p90, c.expected.p90) << "of " << c.millis.size();
    }
}

// ----- Figures -----------------------------------------------------------------------------------

TEST_F(StatisticsTest, EmptyPeriodGivesZeros) {
    serve(1min, 1min);  // on 2026-11-23, outside the period
    const PeriodStatistics empty = figures(period("2026-12-01", "2026-12-31"));
    EXPECT_EQ(empty.period, period("2026-12-01", "2026-12-31"));
    EXPECT_EQ(empty.issued + empty.served + empty.noShows + empty.waiting + empty.beingServed, 0);
    EXPECT_EQ(empty.households, 0);
    EXPECT_EQ(empty.wait, (DurationFigures{0, 0s, 0s}));
    EXPECT_EQ(empty.service, (DurationFigures{0, 0s, 0s}));
    EXPECT_EQ(empty.helpRecords, 0);
    EXPECT_EQ(empty.ratings, 0);
    EXPECT_EQ(countsOf(empty.bySkill), std::vector<int>(5, 0));
    EXPECT_EQ(countsOf(empty.byTask), std::vector<int>(8, 0));
    EXPECT_EQ(countsOf(empty.byOutcome), std::vector<int>(6, 0));
    EXPECT_EQ(countsOf(empty.byVisit), std::vector<int>(2, 0));
    EXPECT_EQ(countsOf(empty.byAgeBand), std::vector<int>(6, 0));
    EXPECT_EQ(countsOf(empty.byRating), std::vector<int>(3, 0));
    // Every value is there, in enum order, for fixed bar charts.
    for (std::size_t i = 0; i < kiosk::helplog::kTasks.size(); ++i)
        EXPECT_EQ(empty.byTask[i].value, kiosk::helplog::kTasks[i]);
    for (std::size_t i = 0; i < kiosk::helplog::kSkills.size(); ++i)
        EXPECT_EQ(empty.bySkill[i].value, kiosk::helplog::kSkills[i]);
    EXPECT_EQ(empty.byRating.back().value, Rating::NeedsImprovement);
}

TEST_F(StatisticsTest, RefusesABadPeriod) {
    auto computed = computeStatistics(*database_, period("2026-11-30", "2026-11-01"));
    ASSERT_FALSE(computed.ok());
    EXPECT_EQ(computed.error().code, "stats.bad_period");
}

// A week of a few hundred synthetic tickets whose times are known exactly:
//   - 270 tickets called exactly once (240 served, 20 no-shows, 10 still being served) waited a
//     shuffled 1, 2, ..., 270 seconds: median = rank 135 → 135 s, p90 = rank 243 → 243 s;
//   - 6 more were recalled after a 5000 s first wait and are left out of the wait;
//   - the 246 served ones (240 + 6 recalled) took a shuffled 2, 4, ..., 492 seconds from their
//     latest call: median = rank 123 → 246 s, p90 = rank ceil(221.4) = 222 → 444 s;
//   - 8 wait in line C, never called;
//   - tickets the day before and the day after the week, with 9000 s times, must not count.
TEST_F(StatisticsTest, KnownWeekGivesExactFigures) {
    enum class Kind { Served, NoShow, BeingServed, Recalled, Waiting };
    std::vector<Kind> plan;
    plan.insert(plan.end(), 240, Kind::Served);
    plan.insert(plan.end(), 20, Kind::NoShow);
    plan.insert(plan.end(), 10, Kind::BeingServed);
    plan.insert(plan.end(), 6, Kind::Recalled);
    plan.insert(plan.end(), 8, Kind::Waiting);
    // Spread the kinds over the days: the order of the plan is shuffled by a fixed stride.
    std::vector<Kind> shuffled;
    for (std::size_t i = 0; i < plan.size(); ++i)
        shuffled.push_back(plan[(i * 97) % plan.size()]);  // 97 is prime to 284
    ASSERT_EQ(shuffled.size(), 284u);

    int nextWait = 0;     // the n-th once-called ticket waits (n * 151 mod 270) + 1 seconds
    int nextService = 0;  // the n-th served ticket takes 2 × ((n * 97 mod 246) + 1) seconds
    const auto waitOf = [&] { return seconds((nextWait++ * 151) % 270 + 1); };
    const auto serviceOf = [&] { return seconds(2 * ((nextService++ * 97) % 246 + 1)); };

    std::vector<Ticket> served;
    for (int day = 0; day < 7; ++day) {
        clock_.set(vietnamTime(nov(23 + day), 7, 0));
        for (std::size_t i = static_cast<std::size_t>(day); i < shuffled.size(); i += 7) {
            // The first 100 tickets of the plan carry one of 40 household keys.
            std::optional<std::string> household;
            if (i < 100) household = householdKey(static_cast<int>(i % 40));
            const Kind kind = shuffled[i];
            const Ticket ticket =
                issue(kind == Kind::Waiting ? 'C' : 'A', kiosk::queue::Priority::None, household);
            if (kind == Kind::Waiting) continue;
            clock_.advance(kind == Kind::Recalled ? seconds(5000) : waitOf());
            call(ticket);
            if (kind == Kind::BeingServed) continue;
            if (kind == Kind::NoShow) {
                ASSERT_TRUE(book_->noShow(ticket.id).ok());
                continue;
            }
            if (kind == Kind::Recalled) {
                ASSERT_TRUE(book_->noShow(ticket.id).ok());
                clock_.advance(2min);
                ASSERT_TRUE(book_->recall(ticket.id, "desk-1").ok());
            }
            clock_.advance(serviceOf());
            served.push_back(done(ticket));
        }
        ASSERT_EQ(clock_.localDay(clock_.now()), kiosk::formatDay(sys_days(nov(23 + day))))
            << "the day's tickets ran past midnight; the plan needs fewer per day";
    }
    ASSERT_EQ(nextWait, 270);
    ASSERT_EQ(nextService, 246);
    ASSERT_EQ(served.size(), 246u);

    // 60 help records and 25 ratings with known tallies.
    for (int j = 0; j < 60; ++j) {
        HelpEntry entry = entryFor(served[static_cast<std::size_t>(j)]);
        entry.skill = j < 30 ? Skill::PublicServices : j < 50 ? Skill::OnlinePayment : Skill::SelfProtection;
        entry.task =
            std::array{Task::VneidLevel1, Task::VneidActivation, Task::ScamAdvice, Task::Other}[j % 4];
        entry.outcome = j < 50 ? Outcome::Done : j < 56 ? Outcome::ReferredBank : Outcome::NeedsDevice;
        entry.visit = j % 3 == 0 ? Visit::Repeat : Visit::First;
        entry.ageBand = j < 10 ? AgeBand::From75 : AgeBand::From60To74;
        record(entry);
        if (j < 25)
            rate(served[static_cast<std::size_t>(j)], j % 5 == 0   ? Rating::NeedsImprovement
                                                      : j % 5 == 1 ? Rating::Neutral
                                                                   : Rating::Satisfied);
    }

    // Outside the week on both sides: slow, logged, rated, with a household of their own.
    for (const int day : {22, 30}) {
        clock_.set(vietnamTime(nov(day), 9, 0));
        for (int i = 0; i < 3; ++i) {
            const Ticket outside = serve(9000s, 9000s, 'B', householdKey(999));
            HelpEntry entry = entryFor(outside);
            entry.skill = Skill::LocalPlatforms;
            record(entry);
            rate(outside, Rating::Neutral);
        }
    }

    const PeriodStatistics week = figures(expectPeriod(Period::thisWeek("2026-11-26")));
    EXPECT_EQ(week.issued, 284);
    EXPECT_EQ(week.served, 246);
    EXPECT_EQ(week.noShows, 20);
    EXPECT_EQ(week.beingServed, 10);
    EXPECT_EQ(week.waiting, 8);
    EXPECT_EQ(week.households, 40);
    EXPECT_EQ(week.wait, (DurationFigures{270, 135s, 243s}));
    EXPECT_EQ(week.service, (DurationFigures{246, 246s, 444s}));
    EXPECT_EQ(week.helpRecords, 60);
    EXPECT_EQ(countsOf(week.bySkill), (std::vector<int>{30, 0, 20, 10, 0}));
    EXPECT_EQ(countsOf(week.byTask), (std::vector<int>{15, 0, 15, 0, 0, 0, 15, 15}));
    EXPECT_EQ(countsOf(week.byOutcome), (std::vector<int>{50, 0, 0, 6, 0, 4}));
    EXPECT_EQ(countsOf(week.byVisit), (std::vector<int>{40, 20}));
    EXPECT_EQ(countsOf(week.byAgeBand), (std::vector<int>{0, 0, 0, 50, 10, 0}));
    EXPECT_EQ(week.ratings, 25);
    EXPECT_EQ(countsOf(week.byRating), (std::vector<int>{15, 5, 5}));

    // One day of it: Monday holds plan tickets 0, 7, 14, ...
    const PeriodStatistics monday = figures(expectPeriod(Period::today("2026-11-23")));
    EXPECT_EQ(monday.issued, 41);
    // The month holds the week and both outside days.
    const PeriodStatistics month = figures(expectPeriod(Period::thisMonth("2026-11-26")));
    EXPECT_EQ(month.issued, 290);
    EXPECT_EQ(month.households, 41);
    EXPECT_EQ(month.helpRecords, 66);
    EXPECT_EQ(month.bySkill.back().count, 6);
    EXPECT_EQ(month.wait.samples, 276);
    EXPECT_EQ(month.wait.p90, 249s) << "the 6 slow ones take the top ranks; rank 249 of 276 is still 249 s";
}

TEST_F(StatisticsTest, TicketsCountOnTheirLocalDayAcrossWeekMonthAndYearEnds) {
    // Late evening local time is still the same day, though UTC is already 7 hours behind.
    const auto ticketAt = [&](year_month_day date, int hour, int minute) {
        clock_.set(vietnamTime(date, hour, minute));
        serve(1min, 1min);
    };
    ticketAt(nov(29), 23, 50);  // Sunday, last of the week
    ticketAt(nov(30), 0, 10);   // Monday, next week, last of the month
    ticketAt(year(2026) / December / 1, 8, 0);
    ticketAt(year(2026) / December / 31, 23, 55);
    ticketAt(year(2027) / January / 1, 0, 5);

    const auto issuedIn = [&](const kiosk::Result<Period>& of) { return figures(expectPeriod(of)).issued; };
    EXPECT_EQ(issuedIn(Period::thisWeek("2026-11-29")), 1);
    EXPECT_EQ(issuedIn(Period::thisWeek("2026-11-30")), 2);  // 30 Nov and 1 Dec
    EXPECT_EQ(issuedIn(Period::thisMonth("2026-11-15")), 2);
    EXPECT_EQ(issuedIn(Period::thisMonth("2026-12-31")), 2);
    EXPECT_EQ(issuedIn(Period::thisWeek("2026-12-31")), 2);  // 28 Dec - 3 Jan spans the year end
    EXPECT_EQ(issuedIn(Period::thisMonth("2027-01-31")), 1);
    EXPECT_EQ(issuedIn(Period::today("2026-12-31")), 1);
    EXPECT_EQ(figures(period("2026-11-01", "2027-01-31")).served, 5);
}

TEST_F(StatisticsTest, RecalledAndTransferredTicketsAreLeftOutOfTheWait) {
    const Ticket once = issue('A');
    clock_.advance(40s);
    call(once);
    clock_.advance(1min);
    done(once);

    const Ticket transferred = issue('A');
    clock_.advance(10s);
    call(transferred);
    ASSERT_TRUE(book_->transfer(transferred.id, 'B').ok());  // back in a line, call time cleared
    clock_.advance(30min);
    auto again = book_->callNext("desk-2", "B");
    ASSERT_TRUE(again.ok() && again->has_value());

    const PeriodStatistics day = figures(expectPeriod(Period::today("2026-11-23")));
    EXPECT_EQ(day.wait, (DurationFigures{1, 40s, 40s}));
    EXPECT_EQ(day.beingServed, 1);
}
