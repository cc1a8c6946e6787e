// A commune centre as three processes on one Xvfb, over a PostgreSQL of its own: a citizen kiosk,
// volunteer desk 2 and the now-serving board, each the real binary running a UI script. A ticket
// taken at the kiosk appears at the desk through NOTIFY; the desk's call is on the board within
// half a second and is spoken (the board's WAV through the speech module's file output holds a
// chime and a voice). Latencies come from the processes' own logs, on one machine clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>

#include "devices/speech/WavFile.h"
#include "support/LogTime.h"
#include "support/Loudness.h"
#include "support/PostgresCluster.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::logTime;
using testsupport::rms;
using testsupport::runProcess;
using namespace std::chrono_literals;

namespace {

constexpr const char* kSize = "1280x800";

class CentreWalk : public testing::Test {
protected:
    void SetUp() override {
        if (auto why = testsupport::PostgresCluster::unavailableReason()) GTEST_SKIP() << *why;
        ASSERT_EQ(cluster_.start(), std::nullopt);
        ASSERT_EQ(cluster_.createDatabase("centre"), std::nullopt);
        dir_ = testsupport::freshTempDir("centre-walk");
        const std::string centre = "[centre]\ndatabase = \"" + cluster_.connectionUri("centre") + "\"\n";
        writeConfig("kiosk", "[kiosk]\nid = \"kiosk-1\"\ncommune_name = \"Xã An Minh\"\n" + centre);
        writeConfig("desk",
                    "[kiosk]\nid = \"desk-2\"\ncommune_name = \"Xã An Minh\"\n[desk]\nnumber = 2\n"
                    "services = [\"A\"]\n" +
                        centre);
        writeConfig("board", "[kiosk]\nid = \"board-1\"\n" + centre);
        ASSERT_EQ(command("kiosk", {"centre", "init"}).exitCode, 0);
        const auto added = runProcess(
            {"/bin/sh", "-c",
             "echo 481592 | \"$0\" --config \"$1\" --data-dir \"$2\" volunteers add Lan --pin-stdin",
             KIOSK_BINARY, config("desk").string(), data("desk").string()});
        ASSERT_EQ(added.exitCode, 0) << added.output;
    }

    void writeConfig(const std::string& role, const std::string& text) {
        fs::create_directories(data(role));
        std::ofstream(config(role)) << text;
    }
    fs::path config(const std::string& role) const { return dir_ / (role + ".toml"); }
    fs::path data(const std::string& role) const { return dir_ / (role + "-data"); }

    testsupport::ProcessResult command(const std::string& role, const std::vector<std::string>& args) {
        std::vector<std::string> argv{KIOSK_BINARY, "--config", config(role).string(), "--data-dir",
                                      data(role).string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return runProcess(argv, {}, 60s);
    }

    // One terminal's window on the shared display, running its script to the end.
    std::future<testsupport::ProcessResult> start(const testsupport::XvfbServer& xvfb,
                                                  const std::string& role,
                                                  std::vector<std::string> roleArgs) {
        std::vector<std::string> argv{KIOSK_BINARY, "--config",          config(role).string(),
                                      "--data-dir", data(role).string(), "--windowed",
                                      kSize};
        argv.insert(argv.end(), roleArgs.begin(), roleArgs.end());
        return std::async(std::launch::async, [argv, display = std::string(xvfb.display())] {
            return runProcess(argv, {{"DISPLAY", display}, {"SDL_AUDIODRIVER", "dummy"}, {"TZ", "UTC"}},
                              180s);
        });
    }

    testsupport::PostgresCluster cluster_;
    fs::path dir_;
};

// The time of the first log line matching `pattern` (its first group is the timestamp).
std::optional<std::chrono::system_clock::time_point> loggedAt(const std::string& output,
                                                              const std::string& what) {
    std::smatch found;
    const std::regex line(R"((\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \S+ )" + what);
    if (!std::regex_search(output, found, line)) return std::nullopt;
    return logTime(found[1].str());
}

long long millis(std::chrono::system_clock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

TEST_F(CentreWalk, ATicketTakenAtTheKioskIsCalledAtTheDeskAndShownAndSpokenOnTheBoard) {
    // Room for three 1280x800 windows side by side, so none covers another.
    testsupport::XvfbServer xvfb("3900x820x24");
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start";
    const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / kSize;
    fs::create_directories(shots);
    const fs::path spoken = dir_ / "spoken";
    fs::create_directories(spoken);
    const std::string scripts = KIOSK_UI_SCRIPTS_DIR;

    auto board = start(xvfb, "board",
                       {"board", "--speech-out", spoken.string(), "--screenshots", shots.string(),
                        "--ui-script", scripts + "/centre-board.txt"});
    auto desk = start(xvfb, "desk",
                      {"desk", "--screenshots", shots.string(), "--ui-script", scripts + "/centre-desk.txt"});
    auto kiosk =
        start(xvfb, "kiosk", {"ui-script", "--screenshots", shots.string(), scripts + "/centre-kiosk.txt"});
    const auto kioskRun = kiosk.get();
    const auto deskRun = desk.get();
    const auto boardRun = board.get();
    ASSERT_EQ(kioskRun.exitCode, 0) << "kiosk:\n" << kioskRun.output;
    ASSERT_EQ(deskRun.exitCode, 0) << "desk:\n" << deskRun.output;
    ASSERT_EQ(boardRun.exitCode, 0) << "board:\n" << boardRun.output;

    // The kiosk's number is the centre's, and its own book stayed empty.
    const auto issued = loggedAt(kioskRun.output, "ticket A001 issued at the centre");
    ASSERT_TRUE(issued) << kioskRun.output;
    const auto listed = loggedAt(deskRun.output, "desk: waiting list now [^\\n]*A001");
    ASSERT_TRUE(listed) << deskRun.output;
    const auto called = loggedAt(deskRun.output, "desk 2: called A001 at the centre");
    ASSERT_TRUE(called) << deskRun.output;
    const auto shown = loggedAt(boardRun.output, "board: desk 2 shows A001");
    ASSERT_TRUE(shown) << boardRun.output;
    std::printf("kiosk issued A001 -> desk listed it: %lld ms; desk called it -> board showed it: %lld ms\n",
                millis(*listed - *issued), millis(*shown - *called));
    // Each side logs after its NOTIFY went out (the kiosk after also reading the ticket's place and
    // topping up its lease), so the other process may draw a little before that line; more than
    // that would mean the line matched belongs to something else.
    EXPECT_GE(*listed, *issued - 250ms);
    EXPECT_LE(*listed - *issued, 500ms) << deskRun.output;
    EXPECT_GE(*shown, *called - 250ms);
    EXPECT_LE(*shown - *called, 500ms) << boardRun.output;

    std::vector<fs::path> recorded;
    for (const auto& entry : fs::directory_iterator(spoken))
        recorded.push_back(entry.path());
    ASSERT_EQ(recorded.size(), 1u) << boardRun.output;
    EXPECT_NE(recorded.front().filename().string().find("A001-desk-2"), std::string::npos)
        << recorded.front();
    std::ifstream in(recorded.front(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto audio = devices::parseWav(bytes);
    ASSERT_TRUE(audio.ok()) << audio.error().message;
    const size_t rate = static_cast<size_t>(audio->sampleRate);
    EXPECT_GT(rms(audio->samples, 0, rate * 4 / 10), 1000) << "the chime";
    EXPECT_GT(rms(audio->samples, rate * 6 / 10, audio->samples.size()), 300) << "the voice after the chime";

    // Served once: nothing is left to call anywhere in the centre.
    const auto next = command("kiosk", {"queue", "call-next", "--desk", "9"});
    ASSERT_EQ(next.exitCode, 0) << next.output;
    EXPECT_NE(next.output.find("\"empty\":true"), std::string::npos) << next.output;
    EXPECT_EQ(fs::exists(data("kiosk") / "kiosk.sqlite3"), true);
}

TEST_F(CentreWalk, ACutOffKioskStillGivesANumberAndSendsTheCitizenToADesk) {
    testsupport::XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok()) << "Xvfb did not start";
    const fs::path shots = fs::path(KIOSK_SCREENSHOT_DIR) / kSize;
    fs::create_directories(shots);
    const std::string scripts = KIOSK_UI_SCRIPTS_DIR;
    const auto leased =
        start(xvfb, "kiosk",
              {"ui-script", "--screenshots", shots.string(), scripts + "/centre-kiosk-lease.txt"})
            .get();
    ASSERT_EQ(leased.exitCode, 0) << leased.output;
    const auto status = command("kiosk", {"centre", "status"});
    ASSERT_EQ(status.exitCode, 0) << status.output;
    EXPECT_NE(status.output.find("kiosk-1"), std::string::npos) << status.output;

    ASSERT_EQ(cluster_.stopImmediately(), std::nullopt);
    const auto offline =
        start(xvfb, "kiosk",
              {"ui-script", "--screenshots", shots.string(), scripts + "/centre-kiosk-offline.txt"})
            .get();
    EXPECT_EQ(offline.exitCode, 0) << offline.output;
    EXPECT_NE(offline.output.find("ticket A9990 issued from this kiosk's leased numbers"), std::string::npos)
        << offline.output;
}
