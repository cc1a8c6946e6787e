// Runs a program for a test: arguments, extra environment, a time limit, and its exit status
// and output captured, so tests can assert on what a person would see on the terminal.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace testsupport {

struct ProcessResult {
    int exitCode = -1;  // -1 if killed by a signal or the time limit
    bool timedOut = false;
    std::string output;  // stdout and stderr, interleaved
};

ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         std::chrono::seconds limit = std::chrono::seconds(120),
                         const std::vector<std::string>& unsetEnv = {});

// A new, empty directory for one test: unique to this process, so runs of the suite from
// different build trees or in parallel never share a database or a file.
std::filesystem::path freshTempDir(const std::string& name);

// An Xvfb server on a free display for as long as the object lives.
class XvfbServer {
public:
    explicit XvfbServer(const std::string& screen = "1920x1080x24");
    ~XvfbServer();
    XvfbServer(const XvfbServer&) = delete;
    XvfbServer& operator=(const XvfbServer&) = delete;

    bool ok() const { return pid_ > 0 && !display_.empty(); }
    const std::string& display() const { return display_; }  // ":N"

private:
    int pid_ = -1;
    std::string display_;
};

}  // namespace testsupport
