#include "kiosk/content/ContentProblem.h"

namespace kiosk::content {

std::string formatProblem(const ContentProblem& problem) {
    std::string line = problem.file;
    if (problem.line > 0) line += ":" + std::to_string(problem.line);
    line += ": ";
    line += problem.message;
    return line;
}

std::string formatProblems(const std::vector<ContentProblem>& problems) {
    std::string text;
    for (const ContentProblem& problem : problems) {
        text += formatProblem(problem);
        text += '\n';
    }
    return text;
}

}  // namespace kiosk::content
