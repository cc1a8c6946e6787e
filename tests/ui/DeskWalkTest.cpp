// `commune-kiosk desk` in a real window under Xvfb, at 1920x1080 and 1280x800: on the local
// SQLite queue (no [centre]), and in centre mode with a PostgreSQL of its own, where a ticket
// issued on the command line (`queue issue --config`) appears at the desk through NOTIFY, and a
// server stopped under it is shown as offline while the desk keeps answering; its help record,
// rating and figures are the centre's.
// Screenshots land in the build tree.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <thread>

#include "kiosk/Files.h"
#include "kiosk/centre/PgConnection.h"
#include "support/LogTime.h"
#include "support/PostgresCluster.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::logTime;
using testsupport::runProcess;
using namespace std::chrono_literals;

namespace {

class DeskWalk : public testing::TestWithParam<std::string> {
protected:
    // A desk config with the volunteer "Lan" (PIN 481592) in its data directory.
    void prepare(const std::string& name, const std::string& extraConfig) {
        dir_ = testsupport::freshTempDir(name + "-" + GetParam());
        config_ = dir_ / "desk.toml";
        std::ofstream(config_) << "[kiosk]\nid = \"desk-terminal\"\ncommune_name = \"Xã An Minh\"\n"
                               << extraConfig;
        const auto added = runProcess(
            {"/bin/sh", "-c",
             "echo 481592 | \"$0\" --config \"$1\" --data-dir \"$2\" volunteers add Lan --pin-stdin",
             KIOSK_BINARY, config_.string(), (dir_ / "data").string()});
        ASSERT_EQ(added.exitCode, 0) << added.output;
    }

    testsupport::ProcessResult command(const std::vector<std::string>& args) {
        std::vector<std::string> argv{KIOSK_BINARY, "--config", config_.string(), "--data-dir",
                                      (dir_ / "data").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return runProcess(argv, {}, 60s);
    }

    std::future<testsupport::ProcessResult> startDesk(const testsupport::XvfbServer& xvfb,
                                                      const fs::path& shots, const std::string& script) {
        return std::async(std::launch::async, [this, display = std::string(xvfb.display()), shots, script] {
            return runProcess(
                {KIOSK_BINARY, "--config", config_.string(), "--data-dir", (dir_ / "data").string(),
                 "--windowed", GetParam(), "--usb-dir", dir_.string(), "desk", "--screenshots",
                 shots.string(), "--ui-script", std::string(KIOSK_UI_SCRIPTS_DIR) + "/" + script},
                {{"DISPLAY", display}, {"SDL_AUDIODRIVER", "dummy"}, {"TZ", "UTC"}}, 120s);
        });
    }

    fs::path shotsDir() const {
        const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / GetParam();
        fs::create_directories(shots);
        return shots;
    }

    fs::path dir_;
    fs::path config_;
};

}  // namespace

TEST_P(DeskWalk, OnTheLocalQueueCallsAndServesTheNextTicket) {
    prepare("desk-local", "[desk]\nnumber = 2\n");
    const auto issued = command({"queue", "issue", "--service", "A"});
    ASSERT_EQ(issued.exitCode, 0) << issued.output;

    testsupport::XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start";
    auto desk = startDesk(xvfb, shotsDir(), "desk-local.txt");
    const auto run = desk.get();
    ASSERT_FALSE(run.timedOut) << run.output;
    ASSERT_EQ(run.exitCode, 0) << run.output;

    // The desk served A001 on the kiosk's book: nobody is left to call.
    const auto next = command({"queue", "call-next", "--desk", "9"});
    ASSERT_EQ(next.exitCode, 0) << next.output;
    EXPECT_TRUE(nlohmann::json::parse(next.output).value("empty", false)) << next.output;
}

TEST_P(DeskWalk, InCentreModeATicketIssuedElsewhereAppearsAndIsServed) {
    if (auto why = testsupport::PostgresCluster::unavailableReason()) GTEST_SKIP() << *why;
    testsupport::PostgresCluster cluster;
    ASSERT_EQ(cluster.start(), std::nullopt);
    ASSERT_EQ(cluster.createDatabase("centre"), std::nullopt);
    prepare("desk-centre", "[desk]\nnumber = 3\nservices = [\"A\"]\n[centre]\ndatabase = \"" +
                               cluster.connectionUri("centre") + "\"\n");
    ASSERT_EQ(command({"centre", "init"}).exitCode, 0);
    for (const char* service : {"A", "B"})
        ASSERT_EQ(command({"queue", "issue", "--service", service}).exitCode, 0);

    testsupport::XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start";
    const fs::path shots = shotsDir();
    const fs::path ready = shots / "desk-centre-queue.png";
    const fs::path served = shots / "desk-centre-form.png";
    fs::remove(ready);
    fs::remove(served);
    fs::remove(shots / "desk-centre-statistics.png");
    auto desk = startDesk(xvfb, shots, "desk-centre.txt");
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!fs::exists(ready) && std::chrono::steady_clock::now() < deadline &&
           desk.wait_for(50ms) != std::future_status::ready) {
    }
    if (!fs::exists(ready)) {
        const auto run = desk.get();
        FAIL() << "the desk never showed its queue:\n" << run.output;
    }
    std::this_thread::sleep_for(300ms);  // the screenshot step is over; the script waits for A002
    const auto issueStarted = std::chrono::system_clock::now();
    const auto issued = command({"queue", "issue", "--service", "A"});
    const auto issuedAt = std::chrono::system_clock::now();
    ASSERT_EQ(issued.exitCode, 0) << issued.output;
    EXPECT_EQ(nlohmann::json::parse(issued.output)["number"], "A002");

    // Desk 3 served A001 on the centre (its help-log form is up): the next call anywhere in line
    // A is A002, and B001 still waits.
    while (!fs::exists(served) && std::chrono::steady_clock::now() < deadline + 60s &&
           desk.wait_for(50ms) != std::future_status::ready) {
    }
    if (!fs::exists(served)) {
        const auto run = desk.get();
        FAIL() << "the desk never served A001:\n" << run.output;
    }
    const auto nextA = command({"queue", "call-next", "--desk", "9", "--services", "A"});
    ASSERT_EQ(nextA.exitCode, 0) << nextA.output;
    EXPECT_EQ(nlohmann::json::parse(nextA.output)["number"], "A002") << nextA.output;
    const auto nextB = command({"queue", "call-next", "--desk", "9", "--services", "B"});
    ASSERT_EQ(nextB.exitCode, 0) << nextB.output;
    EXPECT_EQ(nlohmann::json::parse(nextB.output)["number"], "B001") << nextB.output;

    // The help record and the citizen's rating were written to the centre, by desk 3.
    const fs::path figures = shots / "desk-centre-statistics.png";
    while (!fs::exists(figures) && std::chrono::steady_clock::now() < deadline + 120s &&
           desk.wait_for(50ms) != std::future_status::ready) {
    }
    if (!fs::exists(figures)) {
        const auto run = desk.get();
        FAIL() << "the desk never showed the centre's figures:\n" << run.output;
    }
    {
        auto centre = kiosk::centre::PgConnection::open(cluster.connectionString("centre"));
        ASSERT_TRUE(centre.ok()) << centre.error().message;
        auto logged = centre->query(
            "SELECT t.letter || t.number, h.desk, h.task, (SELECT count(*) FROM help_rating) "
            "FROM help_record h JOIN ticket t ON t.id = h.ticket");
        ASSERT_TRUE(logged.ok()) << logged.error().message;
        ASSERT_EQ(logged->count(), 1);
        EXPECT_EQ(logged->text(0, 0), "A1");
        EXPECT_EQ(logged->integer(0, 1), 3);
        EXPECT_EQ(logged->text(0, 2), "vneid_level1");
        EXPECT_EQ(logged->integer(0, 3), 1);
    }
    // The sheet exported at the desk is the centre's: A001 with desk 3's help record.
    std::string sheet;
    for (const auto& entry : fs::directory_iterator(dir_)) {
        if (entry.path().extension() == ".csv") sheet = kiosk::readTextFile(entry.path()).value();
    }
    EXPECT_NE(sheet.find("A001,A,none,"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("vneid_level1"), std::string::npos) << sheet;

    // The server goes away: the script expects the desk to say it is offline and still answer.
    ASSERT_EQ(cluster.stopImmediately(), std::nullopt);
    const auto run = desk.get();
    ASSERT_FALSE(run.timedOut) << run.output;
    ASSERT_EQ(run.exitCode, 0) << run.output;

    // The desk logs each change of its waiting list; the first that lists A002, against the command.
    std::smatch shown;
    static const std::regex kShown(
        R"((\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \S+ desk: waiting list now [^\n]*A002)");
    ASSERT_TRUE(std::regex_search(run.output, shown, kShown)) << run.output;
    const auto shownAt = logTime(shown[1].str());
    ASSERT_TRUE(shownAt);
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(*shownAt - issuedAt);
    const auto sinceStart = std::chrono::duration_cast<std::chrono::milliseconds>(*shownAt - issueStarted);
    std::printf("desk listed A002: %lld ms after `queue issue` returned, %lld ms after it started\n",
                static_cast<long long>(latency.count()), static_cast<long long>(sinceStart.count()));
    EXPECT_LE(latency, 500ms) << run.output;
    EXPECT_GE(sinceStart, 0ms) << run.output;
}

// After a power cut the desk PCs often boot before the centre's server: the desk must open, say the
// centre is unreachable, and join it by itself when it comes up.
TEST_P(DeskWalk, StartedBeforeTheCentreItSaysSoAndJoinsWhenTheServerComesUp) {
    if (auto why = testsupport::PostgresCluster::unavailableReason()) GTEST_SKIP() << *why;
    testsupport::PostgresCluster cluster;
    ASSERT_EQ(cluster.start(), std::nullopt);
    ASSERT_EQ(cluster.createDatabase("centre"), std::nullopt);
    prepare("desk-late", "[desk]\nnumber = 3\nservices = [\"A\"]\n[centre]\ndatabase = \"" +
                             cluster.connectionUri("centre") + "\"\n");
    ASSERT_EQ(command({"centre", "init"}).exitCode, 0);
    ASSERT_EQ(command({"queue", "issue", "--service", "A"}).exitCode, 0);
    ASSERT_EQ(cluster.stopImmediately(), std::nullopt);

    testsupport::XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start";
    const fs::path shots = shotsDir();
    const fs::path offline = shots / "desk-centre-late-offline.png";
    fs::remove(offline);
    auto desk = startDesk(xvfb, shots, "desk-centre-late.txt");
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!fs::exists(offline) && std::chrono::steady_clock::now() < deadline &&
           desk.wait_for(50ms) != std::future_status::ready) {
    }
    if (!fs::exists(offline)) {
        const auto run = desk.get();
        FAIL() << "the desk never said the centre was unreachable:\n" << run.output;
    }
    ASSERT_EQ(cluster.startAgain(), std::nullopt);
    const auto run = desk.get();
    ASSERT_FALSE(run.timedOut) << run.output;
    ASSERT_EQ(run.exitCode, 0) << run.output;

    // The desk called A001 on the centre once it was back: nothing else waits in line A.
    const auto next = command({"queue", "call-next", "--desk", "9", "--services", "A"});
    ASSERT_EQ(next.exitCode, 0) << next.output;
    EXPECT_TRUE(nlohmann::json::parse(next.output).value("empty", false)) << next.output;
}

INSTANTIATE_TEST_SUITE_P(Sizes, DeskWalk, testing::Values("1920x1080", "1280x800"));
