#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/Process.h"

#ifndef KIOSK_ASSETS_DIR
#error "KIOSK_ASSETS_DIR must be defined"
#endif

namespace fs = std::filesystem;
using testsupport::runProcess;

namespace {

int lineCount(const std::string& text) {
    int lines = 0;
    for (char c : text)
        lines += c == '\n';
    return lines;
}

}  // namespace

TEST(CommandLine, HelpListsTheContractOptions) {
    const auto run = runProcess({KIOSK_BINARY, "--help"});
    EXPECT_EQ(run.exitCode, 0);
    for (const char* option : {"--data-dir", "--config", "--windowed", "--camera", "--lang", "ui-script"}) {
        EXPECT_NE(run.output.find(option), std::string::npos) << option;
    }
}

TEST(CommandLine, BadWindowSizeIsExitTwoWithOneLine) {
    const auto run = runProcess({KIOSK_BINARY, "--windowed", "big"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
    EXPECT_NE(run.output.find("WIDTHxHEIGHT"), std::string::npos) << run.output;
}

TEST(CommandLine, UnknownLanguageIsExitTwo) {
    const auto run = runProcess({KIOSK_BINARY, "--lang", "fr"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
}

TEST(CommandLine, UntrustedConfigIsRefusedWithFileAndLine) {
    const fs::path file = testsupport::freshTempDir("typo") / "typo.toml";
    std::ofstream(file) << "[kiosk]\nid = \"k1\"\ncomune_name = \"Xã A\"\n";
    const auto run = runProcess({KIOSK_BINARY, "--config", file.string()}, {{"DISPLAY", ":0"}});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
    EXPECT_NE(run.output.find(file.string() + ":3: unknown key 'kiosk.comune_name'"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("will not start"), std::string::npos) << run.output;
}

// Issue #16 item 11: a bad --config was exit 1 (a failure) for these commands, not 2 (bad input).
TEST(CommandLine, UntrustedConfigIsExitTwoForTheDataCommandsToo) {
    const fs::path dir = testsupport::freshTempDir("typo-commands");
    const fs::path file = dir / "typo.toml";
    std::ofstream(file) << "[kiosk]\nid = \"k1\"\ncomune_name = \"Xã A\"\n";
    const std::vector<std::vector<std::string>> commands = {
        {"status"},
        {"volunteers", "list"},
        {"export", "--from", "2026-01-01", "--to", "2026-01-31", (dir / "out.csv").string()},
        {"sync", "requeue"}};
    for (const auto& command : commands) {
        std::vector<std::string> argv = {KIOSK_BINARY, "--config", file.string(), "--data-dir",
                                         (dir / "data").string()};
        argv.insert(argv.end(), command.begin(), command.end());
        const auto run = runProcess(argv);
        EXPECT_EQ(run.exitCode, 2) << command[0] << ": " << run.output;
        EXPECT_NE(run.output.find("unknown key 'kiosk.comune_name'"), std::string::npos) << run.output;
    }
    EXPECT_FALSE(fs::exists(dir / "data")) << "nothing is created on a config the kiosk cannot trust";
}

TEST(CommandLine, NoDisplayGivesOneLineWithXvfbRun) {
    const auto run =
        runProcess({KIOSK_BINARY, "--data-dir", testsupport::freshTempDir("nodisplay").string()}, {},
                   std::chrono::seconds(30), {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
    EXPECT_NE(run.output.find("xvfb-run"), std::string::npos) << run.output;
}

TEST(ContentCheck, ShippedWalkthroughsAreFine) {
    const auto run =
        runProcess({KIOSK_BINARY, "content", "check", std::string(KIOSK_ASSETS_DIR) + "/content"});
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("is fine"), std::string::npos) << run.output;
}

TEST(ContentCheck, SourcesOlderThanTwelveMonthsAreWarningsNotProblems) {
    const std::string content = std::string(KIOSK_ASSETS_DIR) + "/content";
    const auto fresh = runProcess({KIOSK_BINARY, "content", "check", "--as-of", "2026-12-03", content});
    EXPECT_EQ(fresh.exitCode, 0) << fresh.output;
    EXPECT_EQ(fresh.output.find("warning:"), std::string::npos) << fresh.output;

    const auto later = runProcess({KIOSK_BINARY, "content", "check", "--as-of", "2028-01-01", content});
    EXPECT_EQ(later.exitCode, 0) << later.output;
    EXPECT_NE(later.output.find("warning: vneid-level1.toml:"), std::string::npos) << later.output;
    EXPECT_NE(later.output.find("was last checked on 2026-12-03, more than 12 months before 2028-01-01"),
              std::string::npos)
        << later.output;
    EXPECT_NE(later.output.find("is fine"), std::string::npos) << later.output;

    const auto bad = runProcess({KIOSK_BINARY, "content", "check", "--as-of", "next week", content});
    EXPECT_EQ(bad.exitCode, 2) << bad.output;
    EXPECT_EQ(lineCount(bad.output), 1) << bad.output;
}

TEST(ContentCheck, BrokenFilesAreListedAsFileLineWithStatusTwo) {
    const auto run =
        runProcess({KIOSK_BINARY, "content", "check", std::string(KIOSK_TEST_DATA_DIR) + "/content/library"});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    EXPECT_NE(run.output.find("beta.toml:2: walkthrough id \"alpha\" is already used by alpha.toml"),
              std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("gamma.toml:3: not valid TOML"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("2 problem(s)"), std::string::npos) << run.output;
}

TEST(ContentCheck, MissingFolderIsStatusTwo) {
    const auto run = runProcess({KIOSK_BINARY, "content", "check", "/nonexistent/content"});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    EXPECT_EQ(lineCount(run.output), 1) << run.output;
}

// Issue #16 item 11: `ui-script /dev/zero` read 2 GB, and --config and content files had no cap
// either. One bounded reader (kiosk/Files.h) refuses devices, pipes and files over the cap, exit 2.
TEST(CommandLine, ConfigScriptAndContentFilesAreReadWithASizeCapAndOnlyWhenRegular) {
    const fs::path dir = testsupport::freshTempDir("bounded-read");
    const fs::path huge = dir / "huge.toml";
    std::ofstream(huge).close();
    fs::resize_file(huge, 3ull << 30);  // 3 GB, sparse: costs nothing to make
    const fs::path fifo = dir / "fifo.txt";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"ui-script", "/dev/zero"}, "not a regular file"},
        {{"ui-script", fifo.string()}, "not a regular file"},
        {{"ui-script", huge.string()}, "larger than"},
        {{"--config", "/dev/zero", "status"}, "not a regular file"},
        {{"--config", huge.string(), "status"}, "larger than"},
    };
    for (const auto& [args, expected] : cases) {
        std::vector<std::string> argv = {KIOSK_BINARY, "--data-dir", (dir / "data").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto run = runProcess(argv, {{"DISPLAY", ":0"}}, std::chrono::seconds(20));
        EXPECT_FALSE(run.timedOut) << args[0] << " " << args[1];
        EXPECT_EQ(run.exitCode, 2) << args[0] << " " << args[1] << ": " << run.output;
        EXPECT_NE(run.output.find(expected), std::string::npos) << run.output;
    }
    // A content folder with one such file: that file is refused, the check says so, status 2.
    const fs::path content = dir / "content";
    fs::create_directories(content);
    fs::rename(huge, content / "huge.toml");
    const auto check =
        runProcess({KIOSK_BINARY, "content", "check", content.string()}, {}, std::chrono::seconds(20));
    EXPECT_FALSE(check.timedOut);
    EXPECT_EQ(check.exitCode, 2) << check.output;
    EXPECT_NE(check.output.find("larger than"), std::string::npos) << check.output;
}

// Issue #16 item 11: on read-only storage `status` and `export` refused to run (the database was
// opened for writing and migrated). Root ignores permissions, so as root the commands run as
// nobody (setpriv, util-linux).
TEST(CommandLine, StatusAndExportRunOnReadOnlyStorage) {
    const fs::path dir = testsupport::freshTempDir("read-only-storage");
    const fs::path data = dir / "data";
    const auto status = runProcess({KIOSK_BINARY, "--data-dir", data.string(), "status"});
    ASSERT_EQ(status.exitCode, 0) << "creates the database: " << status.output;
    const fs::path out = dir / "out";
    fs::create_directories(out);
    fs::permissions(out, fs::perms::all);
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(data / "kiosk.sqlite3",
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(data, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    std::vector<std::string> asReader;
    if (::geteuid() == 0) asReader = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
    const auto run = [&](std::vector<std::string> command) {
        std::vector<std::string> argv = asReader;
        argv.insert(argv.end(), {KIOSK_BINARY, "--data-dir", data.string()});
        argv.insert(argv.end(), command.begin(), command.end());
        return runProcess(argv);
    };
    const auto refusedWrite = run({"volunteers", "add", "Lan"});
    EXPECT_NE(refusedWrite.exitCode, 0) << "the storage really is read-only: " << refusedWrite.output;
    const auto readStatus = run({"status"});
    EXPECT_EQ(readStatus.exitCode, 0) << readStatus.output;
    const auto exported =
        run({"export", "--from", "2026-01-01", "--to", "2026-01-31", (out / "help.csv").string()});
    EXPECT_EQ(exported.exitCode, 0) << exported.output;
    EXPECT_TRUE(fs::exists(out / "help.csv"));
    fs::permissions(data, fs::perms::owner_all);
}

// Issue #15: the centre's kiosks share one household pepper, made once by the technician.
TEST(CommandLine, CentreNewPepperMakesOneAndNeverReplacesIt) {
    const fs::path dir = testsupport::freshTempDir("centre-pepper");
    const fs::path file = dir / "centre.key";
    const auto made = runProcess({KIOSK_BINARY, "centre", "new-pepper", file.string()});
    ASSERT_EQ(made.exitCode, 0) << made.output;
    EXPECT_NE(made.output.find("household_pepper = \"" + file.string() + "\""), std::string::npos)
        << made.output;
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0600u);
    EXPECT_EQ(info.st_size, 32);
    const auto bytesOf = [](const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    };
    const std::string before = bytesOf(file);

    const auto again = runProcess({KIOSK_BINARY, "centre", "new-pepper", file.string()});
    EXPECT_EQ(again.exitCode, 2) << again.output;
    EXPECT_NE(again.output.find("never overwritten"), std::string::npos) << again.output;
    EXPECT_EQ(bytesOf(file), before);
}
