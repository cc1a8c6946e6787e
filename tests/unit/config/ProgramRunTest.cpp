#include "kiosk/diag/ProgramRun.h"

#include <gtest/gtest.h>

using kiosk::diag::findProgram;
using kiosk::diag::runProgram;

TEST(ProgramRun, CapturesStdoutAndExitStatus) {
    auto run = runProgram({"/bin/sh", "-c", "echo hello; echo oops >&2; exit 3"}, std::chrono::seconds(10));
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_EQ(run->output, "hello\n");  // stderr goes to /dev/null
    EXPECT_EQ(run->exitCode, 3);
    EXPECT_FALSE(run->timedOut);
}

TEST(ProgramRun, ArgumentsAreNeverInterpretedByAShell) {
    auto run = runProgram({"/bin/echo", "$HOME; rm -rf /"}, std::chrono::seconds(10));
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->output, "$HOME; rm -rf /\n");
}

TEST(ProgramRun, KillsAProgramThatRunsTooLong) {
    const auto start = std::chrono::steady_clock::now();
    auto run = runProgram({"/bin/sleep", "30"}, std::chrono::milliseconds(200));
    ASSERT_TRUE(run.ok());
    EXPECT_TRUE(run->timedOut);
    EXPECT_EQ(run->exitCode, -1);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(ProgramRun, KillsAProgramThatClosedStdoutButKeepsRunning) {
    auto run = runProgram({"/bin/sh", "-c", "exec >&-; sleep 30"}, std::chrono::milliseconds(300));
    ASSERT_TRUE(run.ok());
    EXPECT_TRUE(run->timedOut);
}

TEST(ProgramRun, KeepsOnlyTheFirstBytesOfALongOutput) {
    auto run = runProgram({"/bin/sh", "-c", "yes | head -c 100000"}, std::chrono::seconds(10), 10);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->output, "y\ny\ny\ny\ny\n");
    EXPECT_EQ(run->exitCode, 0);
}

TEST(ProgramRun, MissingProgramIsAnError) {
    auto run = runProgram({"/nonexistent/journalctl"}, std::chrono::seconds(1));
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(run.error().code, "diag.cannot_run");
}

TEST(ProgramRun, FindProgramTakesTheFirstExecutableFile) {
    EXPECT_EQ(findProgram({"/nonexistent/tar", "/bin", "/bin/sh"}), std::filesystem::path("/bin/sh"));
    EXPECT_FALSE(findProgram({"/nonexistent/tar"}).has_value());
}
