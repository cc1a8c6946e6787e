#include "kiosk/content/GuideSlip.h"

#include <algorithm>
#include <map>
#include <set>

namespace kiosk::content {

using i18n::MessageId;

std::vector<const Step*> keySteps(const Walkthrough& walkthrough, const std::vector<std::string>& pathTaken) {
    // Where the citizen went after each step they saw (the latest time, for pages they revisited).
    std::map<std::string, std::string> wentTo;
    for (size_t i = 0; i + 1 < pathTaken.size(); ++i)
        wentTo[pathTaken[i]] = pathTaken[i + 1];

    std::vector<const Step*> steps;
    std::set<std::string> seen;
    std::optional<size_t> at = walkthrough.steps.empty() ? std::nullopt : std::optional<size_t>(0);
    // A question may be met again (a problem page leads back to it); it then takes an answer not
    // yet followed. Every other step is listed once, and meeting one again ends the list.
    for (size_t guard = 0; at && guard < 4 * walkthrough.steps.size(); ++guard) {
        const Step& step = walkthrough.steps[*at];
        const bool firstTime = seen.insert(step.id).second;
        std::optional<std::string> next;
        if (!step.choices.empty()) {
            const auto chosen = wentTo.find(step.id);
            const bool tookAChoice =
                chosen != wentTo.end() && !seen.contains(chosen->second) &&
                std::any_of(step.choices.begin(), step.choices.end(),
                            [&](const Choice& choice) { return choice.next == chosen->second; });
            if (tookAChoice) {
                next = chosen->second;
            } else {
                for (const Choice& choice : step.choices) {
                    if (!seen.contains(choice.next)) {
                        next = choice.next;
                        break;
                    }
                }
            }
        } else {
            if (!firstTime) break;
            steps.push_back(&step);
            if (step.end) break;
            if (step.next) {
                next = *step.next;
            } else if (*at + 1 < walkthrough.steps.size()) {
                next = walkthrough.steps[*at + 1].id;
            }
        }
        at = next ? walkthrough.stepIndex(*next) : std::nullopt;
    }
    return steps;
}

GuideSlip makeGuideSlip(const Walkthrough& walkthrough, const std::vector<std::string>& pathTaken,
                        const i18n::Catalogue& catalogue, i18n::Language language, const SlipCentre& centre,
                        std::string_view dateText) {
    const std::string_view code = i18n::languageCode(language);
    const auto tr = [&](MessageId id) { return catalogue.text(language, id); };
    GuideSlip slip;
    slip.centre = centre.name;
    if (!centre.openingHours.empty())
        slip.hours =
            i18n::formatMessage(tr(MessageId::WalkthroughSlipHours), {{"hours", centre.openingHours}});
    slip.title = walkthrough.title.in(code);
    slip.stepsHeading = tr(MessageId::WalkthroughSlipSteps);
    for (const Step* step : keySteps(walkthrough, pathTaken))
        slip.steps.push_back(step->title.in(code));
    slip.moreSteps = tr(MessageId::WalkthroughSlipMore);
    slip.safetyHeading = tr(MessageId::WalkthroughSlipSafety);
    slip.safetyRules = {tr(MessageId::WalkthroughSlipRuleCodes), tr(MessageId::WalkthroughSlipRuleLinks),
                        tr(MessageId::WalkthroughSlipRuleMoney)};
    slip.footer =
        i18n::formatMessage(tr(MessageId::WalkthroughSlipPrinted), {{"date", std::string(dateText)}});
    return slip;
}

}  // namespace kiosk::content
