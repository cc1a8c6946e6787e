// Kills ticket-issuing processes with SIGKILL at random moments and checks that the queue stays
// consistent and that no ticket a child had confirmed (issue() returned) is lost. A ticket
// shown to a citizen before its transaction committed would be missing here.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/queue/TicketBook.h"
#include "unit/queue/QueueTestSupport.h"

using kiosk::ManualWallClock;
using kiosk::queue::Priority;
using kiosk::queue::TicketBook;
using kiosk::store::Database;
using queue_test::ReportedTicket;

namespace {

constexpr int kKills = 500;
constexpr int kChildCannotOpen = 3;
constexpr int kChildIssueFailed = 4;
constexpr int kChildDayFull = 5;
// Written by a child once its database is open, so most kills can be aimed at issuing.
constexpr std::string_view kReady = "ready\n";
constexpr std::string_view kKeyPrefix = "kill-test-child-";  // in every confirmed ticket's line

// The forked child: issues tickets until it is killed and writes each one to `reportFd` only
// after issue() returned. Lines are shorter than PIPE_BUF, so a kill never splits one.
[[noreturn]] void issueUntilKilled(const std::filesystem::path& dir, int reportFd, int child, unsigned seed,
                                   kiosk::WallTime at) {
    auto database = Database::openInDirectory(dir);
    if (!database) ::_exit(kChildCannotOpen);
    ManualWallClock clock(at);
    TicketBook book(*database, queue_test::testServices(), clock);
    std::minstd_rand random(seed);
    if (::write(reportFd, kReady.data(), kReady.size()) != static_cast<ssize_t>(kReady.size()))
        ::_exit(kChildIssueFailed);
    for (int issued = 0;; ++issued) {
        char key[48];
        std::snprintf(key, sizeof key, "%s%06d-ticket-%06d", kKeyPrefix.data(), child, issued);
        const char service = "ABC"[random() % 3];
        const Priority priority = random() % 4 == 0 ? Priority::SmallChild : Priority::None;
        auto ticket = book.issue(service, priority, std::string(key));
        if (!ticket) ::_exit(ticket.error().code == "queue.day_full" ? kChildDayFull : kChildIssueFailed);
        char line[160];
        const int length =
            std::snprintf(line, sizeof line, "%lld %s %c %d %s\n", static_cast<long long>(ticket->id),
                          ticket->day.c_str(), ticket->letter, ticket->number, key);
        if (::write(reportFd, line, static_cast<size_t>(length)) != length) ::_exit(kChildIssueFailed);
        clock.advance(std::chrono::seconds(7));
    }
}

// Appends what `fd` gives to `text` until `until` appears in it (empty: until end of file).
// Returns false at end of file.
bool readInto(int fd, std::string& text, std::string_view until = {}) {
    char buffer[4096];
    for (;;) {
        if (!until.empty() && text.find(until) != std::string::npos) return true;
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got > 0) {
            text.append(buffer, static_cast<size_t>(got));
        } else if (got == 0 || errno != EINTR) {
            return false;
        }
    }
}

std::vector<ReportedTicket> parseReports(const std::string& text) {
    std::vector<ReportedTicket> tickets;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line + "\n" == kReady) continue;
        std::istringstream fields(line);
        ReportedTicket ticket;
        if (fields >> ticket.id >> ticket.day >> ticket.letter >> ticket.number >> ticket.householdKey)
            tickets.push_back(ticket);
    }
    return tickets;
}

}  // namespace

TEST(TicketBookKillTest, ConfirmedTicketsSurviveSigkillAtRandomMoments) {
    const auto dir = queue_test::freshDir("kill");
    std::mt19937 random(static_cast<unsigned>(testing::UnitTest::GetInstance()->random_seed()) ^
                        static_cast<unsigned>(::getpid()));
    // One kill in five lands anywhere, opening and migrating included. The others wait until the
    // child has opened the database, or until it confirmed its first ticket (so that, however
    // slow the disk, many kills hit a child in the middle of issuing), then wait a little more.
    std::discrete_distribution<int> aim({20, 30, 50});
    std::uniform_int_distribution<int> anywhereMicros(0, 20000);
    std::uniform_int_distribution<int> issuingMicros(0, 8000);
    const auto started = std::chrono::steady_clock::now();
    const auto giveUp = started + std::chrono::seconds(55);

    std::string reports;
    int kills = 0;
    int childrenThatConfirmed = 0;
    for (int round = 0; kills < kKills && std::chrono::steady_clock::now() < giveUp; ++round) {
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        // A new local day every 4 children keeps each day's numbers below 999 and exercises the
        // day change while processes die.
        const auto at = queue_test::vietnamTime(1, 8, 0) + std::chrono::days(round / 4);
        const unsigned seed = static_cast<unsigned>(random());
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(pipeFds[0]);
            issueUntilKilled(dir, pipeFds[1], round, seed, at);
        }
        ::close(pipeFds[1]);
        std::string text;
        switch (aim(random)) {
            case 0: ::usleep(static_cast<useconds_t>(anywhereMicros(random))); break;
            case 1:
                readInto(pipeFds[0], text, kReady);
                ::usleep(static_cast<useconds_t>(issuingMicros(random)));
                break;
            default:
                readInto(pipeFds[0], text, kKeyPrefix);
                ::usleep(static_cast<useconds_t>(issuingMicros(random)));
                break;
        }
        ::kill(child, SIGKILL);
        readInto(pipeFds[0], text);
        ::close(pipeFds[0]);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
            ++kills;
        } else {
            ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == kChildDayFull)
                << "child stopped by itself with status " << status << " (3: cannot open, 4: issue failed)";
        }
        const auto confirmedNow = parseReports(text);
        if (!confirmedNow.empty()) ++childrenThatConfirmed;
        reports += text;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const std::vector<ReportedTicket> confirmed = parseReports(reports);
    std::printf("%d SIGKILLs in %.1f s; %d children confirmed %zu tickets before dying\n", kills, seconds,
                childrenThatConfirmed, confirmed.size());
    ASSERT_GE(kills, kKills) << "too slow: only " << kills << " kills in " << seconds << " s";
    // Enough kills must land while tickets are being issued, or the test proves little.
    EXPECT_GE(childrenThatConfirmed, kKills / 3);

    auto database = Database::openInDirectory(dir);
    ASSERT_TRUE(database.ok()) << database.error().message;
    const auto problems = queue_test::queueProblems(*database, confirmed);
    for (const std::string& problem : problems)
        ADD_FAILURE() << problem;
    EXPECT_TRUE(problems.empty());
}

// The check above must be able to fail: it finds a lost confirmed ticket, a number confirmed to
// two citizens, and a gap.
TEST(TicketBookKillTest, ConsistencyCheckFindsLostReusedAndMissingNumbers) {
    auto database = Database::openInDirectory(queue_test::freshDir("check"));
    ASSERT_TRUE(database.ok()) << database.error().message;
    ManualWallClock clock(queue_test::vietnamTime(23, 9, 0));
    TicketBook book(*database, queue_test::testServices(), clock);
    auto a1 = book.issue('A');
    auto a2 = book.issue('A');
    ASSERT_TRUE(a1.ok() && a2.ok());
    const ReportedTicket stored{a1->id, a1->day, 'A', 1, ""};
    EXPECT_TRUE(queue_test::queueProblems(*database, {stored}).empty());

    // Confirmed to a citizen but not in the database (as if issue() returned before COMMIT).
    const ReportedTicket lost{a2->id + 1, a2->day, 'A', 3, ""};
    const auto missing = queue_test::queueProblems(*database, {stored, lost});
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_NE(missing[0].find("A003 of 2026-11-23"), std::string::npos) << missing[0];

    // The same number, row id and day confirmed to two citizens: only the household key differs.
    const ReportedTicket first{a1->id, a1->day, 'A', 1, "first-citizen-household"};
    const ReportedTicket second{a1->id, a1->day, 'A', 1, "second-citizen-household"};
    const auto twice = queue_test::queueProblems(*database, {first, second});
    ASSERT_EQ(twice.size(), 3u);  // twice, and neither key is the stored (empty) one
    EXPECT_NE(twice[1].find("A001 of 2026-11-23 was confirmed twice"), std::string::npos) << twice[1];
    EXPECT_NE(twice[2].find("A001 of 2026-11-23 (id 1) is not stored"), std::string::npos) << twice[2];

    ASSERT_TRUE(database
                    ->exec("INSERT INTO ticket(day, letter, number, service, priority, state, issued_at_ms) "
                           "VALUES('2026-11-23', 'A', 4, 'A', 'none', 'waiting', 0)")
                    .ok());
    const auto gap = queue_test::queueProblems(*database, {});
    ASSERT_EQ(gap.size(), 1u);
    EXPECT_NE(gap[0].find("expected number 3, found 4"), std::string::npos) << gap[0];
}

// Two processes on one file (the kiosk and, say, a desk tool) take turns through BEGIN
// IMMEDIATE; numbering stays gap-free and no number is handed out twice.
TEST(TicketBookProcesses, IssuingAtTheSameTimeNeverShareANumber) {
    const auto dir = queue_test::freshDir("concurrent");
    { ASSERT_TRUE(Database::openInDirectory(dir).ok()); }  // migrate once, before the race
    constexpr int kChildren = 3;
    constexpr int kTicketsEach = 60;
    std::vector<std::pair<pid_t, int>> children;
    for (int i = 0; i < kChildren; ++i) {
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(pipeFds[0]);
            auto database = Database::openInDirectory(dir);
            if (!database) ::_exit(kChildCannotOpen);
            ManualWallClock clock(queue_test::vietnamTime(23, 9, 0));
            TicketBook book(*database, queue_test::testServices(), clock);
            for (int issued = 0; issued < kTicketsEach; ++issued) {
                char key[48];
                std::snprintf(key, sizeof key, "%s%06d-ticket-%06d", kKeyPrefix.data(), i, issued);
                auto ticket = book.issue("AB"[issued % 2], Priority::None, std::string(key));
                if (!ticket) ::_exit(kChildIssueFailed);
                char line[160];
                const int length =
                    std::snprintf(line, sizeof line, "%lld %s %c %d %s\n", static_cast<long long>(ticket->id),
                                  ticket->day.c_str(), ticket->letter, ticket->number, key);
                if (::write(pipeFds[1], line, static_cast<size_t>(length)) != length)
                    ::_exit(kChildIssueFailed);
            }
            ::_exit(0);
        }
        ::close(pipeFds[1]);
        children.emplace_back(child, pipeFds[0]);
    }
    std::string reports;
    for (const auto& [child, fd] : children) {
        readInto(fd, reports);
        ::close(fd);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
    }
    const auto confirmed = parseReports(reports);
    EXPECT_EQ(confirmed.size(), static_cast<size_t>(kChildren * kTicketsEach));
    auto database = Database::openInDirectory(dir);
    ASSERT_TRUE(database.ok()) << database.error().message;
    const auto problems = queue_test::queueProblems(*database, confirmed);
    for (const std::string& problem : problems)
        ADD_FAILURE() << problem;
    auto count = database->prepare("SELECT max(number) FROM ticket WHERE letter = 'A'");
    ASSERT_TRUE(count.ok() && count->step().ok());
    EXPECT_EQ(count->columnInt(0), kChildren * kTicketsEach / 2);
}
