#include "kiosk/diag/ProgramRun.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace kiosk::diag {

namespace {

struct SpawnActions {
    posix_spawn_file_actions_t actions;
    SpawnActions() { posix_spawn_file_actions_init(&actions); }
    ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
    SpawnActions(const SpawnActions&) = delete;
    SpawnActions& operator=(const SpawnActions&) = delete;
};

}  // namespace

Result<ProgramRun> runProgram(const std::vector<std::string>& argv, std::chrono::milliseconds limit,
                              std::size_t maxOutputBytes) {
    if (argv.empty()) return Error{"diag.cannot_run", "no program to run"};
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        return Error{"diag.cannot_run", "cannot run " + argv[0] + ": " + std::strerror(errno)};
    }
    SpawnActions spawn;
    // The pipe is O_CLOEXEC; the child gets a plain copy of its write end as stdout.
    posix_spawn_file_actions_addopen(&spawn.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&spawn.actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&spawn.actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, argv[0].c_str(), &spawn.actions, nullptr, args.data(), environ);
    ::close(pipeFds[1]);
    if (spawned != 0) {
        ::close(pipeFds[0]);
        return Error{"diag.cannot_run", "cannot run " + argv[0] + ": " + std::strerror(spawned)};
    }

    ProgramRun run;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            run.timedOut = true;
            ::kill(pid, SIGKILL);
            break;
        }
        pollfd fd{pipeFds[0], POLLIN, 0};
        const int ready = ::poll(&fd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        const ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        // Keep reading past the limit so the child never blocks on a full pipe.
        const std::size_t room = maxOutputBytes - std::min(maxOutputBytes, run.output.size());
        run.output.append(buffer, std::min(room, static_cast<std::size_t>(n)));
    }
    ::close(pipeFds[0]);
    // A child that closed stdout may still run: it gets the rest of the time limit, no more.
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, run.timedOut ? 0 : WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) return run;
        if (done == 0 && std::chrono::steady_clock::now() >= deadline) {
            run.timedOut = true;
            ::kill(pid, SIGKILL);
        } else if (done == 0) {
            ::usleep(10'000);
        }
    }
    if (!run.timedOut && WIFEXITED(status)) run.exitCode = WEXITSTATUS(status);
    return run;
}

std::optional<std::filesystem::path> findProgram(const std::vector<std::filesystem::path>& candidates) {
    for (const auto& candidate : candidates) {
        std::error_code ignored;
        if (std::filesystem::is_regular_file(candidate, ignored) && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

}  // namespace kiosk::diag
