// Runs a helper program the diagnostics need (journalctl, tar) with an explicit argv: no shell,
// so nothing in a path or an option is ever interpreted. stdin and stderr are /dev/null; stdout
// is captured up to a limit; a program that outlives its time limit is killed.
// posix_spawn, not fork: safe to call from a process that already runs threads (the UI).
//
// Usage:
//   auto run = diag::runProgram({"/usr/bin/journalctl", "-n", "20"}, std::chrono::seconds(5));
//   if (run && run->exitCode == 0) use(run->output);
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"

namespace kiosk::diag {

struct ProgramRun {
    int exitCode = -1;      // -1: killed by a signal or the time limit
    bool timedOut = false;  // killed because it ran longer than the limit
    std::string output;     // stdout, at most the requested number of bytes
};

// argv[0] must be a path to the program (no PATH search). Error diag.cannot_run when it cannot
// be started at all.
Result<ProgramRun> runProgram(const std::vector<std::string>& argv, std::chrono::milliseconds limit,
                              std::size_t maxOutputBytes = 1 << 20);

// The first of `candidates` that is an executable file, e.g. {"/usr/bin/tar", "/bin/tar"}.
std::optional<std::filesystem::path> findProgram(const std::vector<std::filesystem::path>& candidates);

}  // namespace kiosk::diag
