// One thing wrong in a walkthrough file, located by file and line, and the one-line form in
// which `commune-kiosk content check DIR` and the start-up log print it:
//   vneid-level1.toml:42: step "nfc" choice "yes" goes to unknown step "scan-chip"
#pragma once

#include <string>
#include <vector>

namespace kiosk::content {

struct ContentProblem {
    std::string file;     // file name inside the content folder (or the folder, for folder problems)
    int line = 0;         // 1-based; 0 when the problem belongs to the whole file
    std::string code;     // stable name, e.g. "content.unknown_step"
    std::string message;  // what is wrong and, where it is not obvious, what to write instead

    bool operator==(const ContentProblem&) const = default;
};

// "file:line: message", or "file: message" when there is no line.
std::string formatProblem(const ContentProblem& problem);

// One formatted line per problem, each ending in '\n'.
std::string formatProblems(const std::vector<ContentProblem>& problems);

}  // namespace kiosk::content
