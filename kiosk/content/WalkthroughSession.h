// One citizen going through one walkthrough: which step they are on, how they got there, and
// what each button does. Pure and small: the UI draws current(), warnings() and progress(),
// and calls next(), choose(), back() and requestHelp() when the citizen touches a button.
//
//   WalkthroughSession session(walkthrough);       // statistics.recordStarted(walkthrough.id)
//   each frame:  draw session.current(), session.warnings(), session.progress()
//                if current().choices is empty: one big "Next" button (label it "Finish" when
//                  session.onFinalStep()), else one button per choice → session.choose(choice.id)
//                "Back" when session.canGoBack() → session.back()
//                "I'm stuck — get help" → record session.requestHelp() with the ticket
//   when session.finished(): show the "well done" screen; Back still returns to the last step
//   when the citizen leaves or the idle timer wipes the session: statistics.recordEnd(session)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/Walkthrough.h"

namespace kiosk::content {

// What "I'm stuck — get help" hands to the caller: where the citizen was, nothing about who.
struct HelpRequest {
    std::string walkthroughId;
    std::string stepId;

    // "walkthrough:vneid-level1/nfc", for tagging a help ticket with where it came from.
    std::string place() const;
    bool operator==(const HelpRequest&) const = default;
};

// Progress dots along the path actually taken. `position` is the 1-based number of the current
// step on that path (Back lowers it); `total` is `position` plus the longest way still ahead
// (see longestRemaining in StepGraph.h), so choosing a shorter branch shrinks the total and a
// plain Next never makes it grow. Once finished, position == total.
struct Progress {
    int position = 1;
    int total = 1;
    bool operator==(const Progress&) const = default;
};

class WalkthroughSession {
public:
    // Keeps its own copy of the walkthrough, so the session stays valid whatever happens to the
    // library it came from. The walkthrough must have at least one step (the loader ensures it).
    explicit WalkthroughSession(Walkthrough walkthrough);

    const Walkthrough& walkthrough() const { return walkthrough_; }
    const Step& current() const { return walkthrough_.steps[current_]; }
    size_t currentIndex() const { return current_; }

    // The scam warning (when the walkthrough asks for it) and then the step's own warnings.
    std::vector<Text> warnings() const { return warningsFor(walkthrough_, current()); }

    // "Next" is for steps without choices; on a final step it finishes the walkthrough.
    bool canGoNext() const;
    bool onFinalStep() const;
    bool next();

    // Answers the current step's question; false (and nothing changes) for an unknown choice.
    bool choose(std::string_view choiceId);

    // Back returns along the path taken, so after a branch it returns to the question.
    // From the finished state it returns to the last step.
    bool canGoBack() const { return finished_ || !history_.empty(); }
    bool back();

    // Starts again from the first step.
    void restart();

    bool finished() const { return finished_; }
    Progress progress() const;
    HelpRequest requestHelp() const { return HelpRequest{walkthrough_.id, current().id}; }

    // Step ids from the first step to the current one, in order (for tests and the printout).
    std::vector<std::string> pathTaken() const;

private:
    void moveTo(size_t index);

    Walkthrough walkthrough_;
    std::vector<int> remaining_;   // longestRemaining(walkthrough_)
    std::vector<size_t> history_;  // steps before the current one, most recent last
    size_t current_ = 0;
    bool finished_ = false;
};

}  // namespace kiosk::content
