// libFuzzer target for the volunteer roster CSV (parseRosterCsv). It checks that every name kept
// is trimmed, on one line, unique and acceptable as a volunteer name, that there is at most one
// name or problem per line, and that an import with no name always says why.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/setup/RosterCsv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::setup;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const RosterImport import = parseRosterCsv(text);

    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    FUZZ_EXPECT(import.names.size() + import.problems.size() <= std::max<std::size_t>(lines, 1));
    std::set<std::string> seen;
    for (const std::string& name : import.names) {
        FUZZ_EXPECT(!name.empty());
        FUZZ_EXPECT(name.front() != ' ' && name.back() != ' ' && name.front() != '\t' && name.back() != '\t');
        FUZZ_EXPECT(name.find('\n') == std::string::npos && name.find('\r') == std::string::npos);
        FUZZ_EXPECT(isAcceptableVolunteerName(name));
        FUZZ_EXPECT(seen.insert(name).second);
    }
    if (import.names.empty()) FUZZ_EXPECT(!import.problems.empty());
    for (const SetupProblem& problem : import.problems)
        FUZZ_EXPECT(problem.field == "roster");
    return 0;
}
