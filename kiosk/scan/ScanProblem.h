// Pure: no I/O. A named problem found while understanding a scanned payload. The code is a stable
// snake_case name that screens translate and tests match on; the message is plain English for
// logs and the command line. Messages never quote personal data (IDs, names, dates of birth).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::scan {

enum class Severity {
    warning,  // worth telling the citizen, the payload is still usable
    error,    // the payload must not be trusted
};

struct ScanProblem {
    std::string code;
    Severity severity = Severity::error;
    std::string message;
};

inline std::string_view severityName(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

// A parsed value together with every problem found while checking it. Parsers always return a
// value (possibly partly filled) so a screen can show what was understood next to what is wrong.
template <class T>
struct Checked {
    T value{};
    std::vector<ScanProblem> problems;

    bool valid() const {
        return std::none_of(problems.begin(), problems.end(),
                            [](const ScanProblem& p) { return p.severity == Severity::error; });
    }
    bool has(std::string_view code) const {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const ScanProblem& p) { return p.code == code; });
    }
    void add(std::string code, Severity severity, std::string message) {
        problems.push_back({std::move(code), severity, std::move(message)});
    }
};

}  // namespace kiosk::scan
