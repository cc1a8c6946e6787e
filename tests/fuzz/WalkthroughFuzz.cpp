// libFuzzer target for the walkthrough loader (parseWalkthrough, images not looked up). It checks
// that a walkthrough is returned exactly when there is no problem, that problems name the file and
// come in line order, and that an accepted walkthrough can be walked: every step is reachable,
// every move lands on a step, and a citizen always taking the first choice finishes or loops
// without the session breaking.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/content/ContentLoader.h"
#include "kiosk/content/StepGraph.h"
#include "kiosk/content/WalkthroughSession.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::content;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ParsedWalkthrough parsed = parseWalkthrough(text, "fuzz.toml", {});

    FUZZ_EXPECT(parsed.walkthrough.has_value() == parsed.problems.empty());
    FUZZ_EXPECT(
        std::is_sorted(parsed.problems.begin(), parsed.problems.end(),
                       [](const ContentProblem& a, const ContentProblem& b) { return a.line < b.line; }));
    for (const ContentProblem& problem : parsed.problems) {
        FUZZ_EXPECT(problem.file == "fuzz.toml");
        FUZZ_EXPECT(problem.code.starts_with("content.") && !problem.message.empty());
        FUZZ_EXPECT(problem.line >= 0);
    }
    if (!parsed.walkthrough) return 0;

    const Walkthrough& walkthrough = *parsed.walkthrough;
    FUZZ_EXPECT(!walkthrough.steps.empty());
    FUZZ_EXPECT(walkthrough.id == parsed.id);
    std::set<std::string> ids;
    for (const Step& step : walkthrough.steps) {
        FUZZ_EXPECT(ids.insert(step.id).second);
        FUZZ_EXPECT(!step.title.vi.empty() && !step.title.en.empty());
        FUZZ_EXPECT(!(step.image && step.phone));
        if (step.next) FUZZ_EXPECT(walkthrough.findStep(*step.next) != nullptr);
        for (const Choice& choice : step.choices)
            FUZZ_EXPECT(walkthrough.findStep(choice.next) != nullptr);
    }
    const auto reachable = reachableFromStart(walkthrough);
    const auto ends = leadsToEnd(walkthrough);
    FUZZ_EXPECT(std::all_of(reachable.begin(), reachable.end(), [](bool b) { return b; }));
    FUZZ_EXPECT(std::all_of(ends.begin(), ends.end(), [](bool b) { return b; }));

    WalkthroughSession session(walkthrough);
    for (std::size_t moves = 0; moves < 2 * walkthrough.steps.size() + 2 && !session.finished(); ++moves) {
        const Step& step = session.current();
        if (!step.choices.empty()) {
            FUZZ_EXPECT(session.choose(step.choices.front().id));
        } else {
            FUZZ_EXPECT(session.canGoNext());
            FUZZ_EXPECT(session.next());
        }
        FUZZ_EXPECT(session.finished() || session.currentIndex() < walkthrough.steps.size());
    }
    while (session.canGoBack())
        FUZZ_EXPECT(session.back());
    FUZZ_EXPECT(session.currentIndex() == 0);
    return 0;
}
