// Kills processes that are saving "Get help" with SIGKILL at random moments: afterwards every
// help request has its ticket and every help ticket its request (one transaction), and every
// request a child had confirmed is stored.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "kiosk/service/StoredJourney.h"
#include "support/TempDatabase.h"
#include "unit/service/ServiceTestSupport.h"

namespace {

constexpr int kKills = 150;

[[noreturn]] void askForHelpUntilKilled(const std::filesystem::path& dir, int reportFd, int child) {
    auto database = kiosk::store::Database::openInDirectory(dir);
    if (!database) ::_exit(3);
    auto room = service_test::roomOver(std::move(database).value());
    for (int asked = 0;; ++asked) {
        const std::string place = "kill/child-" + std::to_string(child) + "/help-" + std::to_string(asked);
        auto saved =
            kiosk::service::saveHelpRequest(room->db, {place, kiosk::i18n::Language::Vi, {}}, "kiosk-1");
        if (!saved) ::_exit(4);
        const std::string line = place + "\n";
        if (::write(reportFd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(4);
    }
}

std::set<std::string> column(kiosk::store::Database& database, const std::string& sql) {
    std::set<std::string> values;
    auto rows = database.prepare(sql);
    EXPECT_TRUE(rows.ok());
    while (rows.ok() && *rows->step())
        values.insert(rows->columnText(0));
    return values;
}

}  // namespace

TEST(GetHelpKillTest, RequestAndItsEventAreSavedTogetherOrNotAtAll) {
    const auto dir = test_support::freshDir("help-kill", "child");
    std::mt19937 random(static_cast<unsigned>(::getpid()));
    std::uniform_int_distribution<int> micros(0, 15000);
    std::string reports;
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    int kills = 0;
    for (int child = 0; kills < kKills && std::chrono::steady_clock::now() < giveUp; ++child) {
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(pipeFds[0]);
            askForHelpUntilKilled(dir, pipeFds[1], child);
        }
        ::close(pipeFds[1]);
        // A slow build (sanitizers, a loaded machine) may need longer than the window to reach its
        // first commit: until one is confirmed, each child lives a little longer than the last.
        const int patience = reports.empty() ? std::min(child, 200) * 500 : 0;
        std::this_thread::sleep_for(std::chrono::microseconds(2000 + micros(random) + patience));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        char buffer[4096];
        for (ssize_t got; (got = ::read(pipeFds[0], buffer, sizeof buffer)) != 0;) {
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) break;
            reports.append(buffer, static_cast<size_t>(got));
        }
        ::close(pipeFds[0]);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "child " << child << " stopped by itself: " << WEXITSTATUS(status);
        ++kills;
    }
    auto database = kiosk::store::Database::openInDirectory(dir);
    ASSERT_TRUE(database.ok()) << database.error().message;
    const auto requests = column(*database, "SELECT place FROM help_request");
    const auto announced =
        column(*database, "SELECT payload ->> 'place' FROM outbox WHERE kind = 'help.requested'");
    EXPECT_EQ(requests, announced) << "a help request without its outbox event, or the reverse";
    std::istringstream lines(reports);
    int confirmed = 0;
    for (std::string place; std::getline(lines, place); ++confirmed)
        EXPECT_TRUE(requests.contains(place)) << "confirmed but lost: " << place;
    std::printf("get-help kill test: %d kills, %d confirmed, %zu stored\n", kills, confirmed,
                requests.size());
    EXPECT_GE(kills, 50);
    EXPECT_GT(confirmed, 0);
}
