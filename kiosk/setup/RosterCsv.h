// The volunteer list a commune keeps in a spreadsheet, saved as CSV: one display name per line
// (first column; other columns such as phone numbers are ignored and never stored), a header
// line allowed, a UTF-8 BOM tolerated, CRLF or LF. Pure: text in, names and problems out.
//
// Usage:
//   const setup::RosterImport import = setup::parseRosterCsv(text);
//   for (const auto& problem : import.problems) show(problem);  // "Line 4: ..."
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/setup/SetupForm.h"

namespace kiosk::setup {

struct RosterImport {
    std::vector<std::string> names;      // trimmed, in file order, each once
    std::vector<SetupProblem> problems;  // per line: SetupProblemVolunteerName / ...Duplicate
};

// A file without a single name gives the problem SetupProblemCsvEmpty.
RosterImport parseRosterCsv(std::string_view text);

}  // namespace kiosk::setup
