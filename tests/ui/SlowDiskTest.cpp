// A slow disk may delay a confirmation, never a frame: with every fsync slowed to 300 ms, three
// citizens take tickets; each sees "saving…" until the commit, then the number, and no two drawn
// frames are more than 100 ms apart (the kiosk's own --frame-log).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "kiosk/store/Database.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;
using testsupport::XvfbServer;

TEST(SlowDisk, NoFrameWaitsForAnFsyncAndNumbersFollowTheirCommit) {
    XvfbServer xvfb;
    ASSERT_TRUE(xvfb.ok());
    const fs::path dataDir = testsupport::freshTempDir("ui-slow-disk");
    fs::create_directories(dataDir);
    const fs::path frameLog = dataDir / "frames.log";
    const auto run = runProcess(
        {KIOSK_BINARY, "--windowed", "1280x800", "--data-dir", dataDir.string(), "--frame-log",
         frameLog.string(), "ui-script", std::string(KIOSK_UI_SCRIPTS_DIR) + "/slow-disk-tickets.txt"},
        {{"DISPLAY", xvfb.display()}, {"LD_PRELOAD", SLOW_FSYNC_SHIM}, {"SLOW_FSYNC_MS", "300"}},
        std::chrono::seconds(180));
    ASSERT_EQ(run.exitCode, 0) << run.output;

    std::ifstream in(frameLog);
    std::vector<double> frames;
    for (double ms; in >> ms;)
        frames.push_back(ms);
    ASSERT_GT(frames.size(), 100u);
    double longestGap = 0;
    for (size_t i = 1; i < frames.size(); ++i)
        longestGap = std::max(longestGap, frames[i] - frames[i - 1]);
    std::printf("slow disk: %zu frames over %.0f ms, longest gap %.1f ms\n", frames.size(),
                frames.back() - frames.front(), longestGap);
    EXPECT_LE(longestGap, 100.0) << "a frame waited for the disk";

    // The three numbers the citizens saw are the three committed tickets.
    auto database = kiosk::store::Database::openInDirectory(dataDir);
    ASSERT_TRUE(database.ok()) << database.error().message;
    auto rows = database->prepare("SELECT group_concat(letter || printf('%03d', number), ',') FROM ticket");
    ASSERT_TRUE(rows.ok() && *rows->step());
    EXPECT_EQ(rows->columnText(0), "A001,A002,A003");
}
