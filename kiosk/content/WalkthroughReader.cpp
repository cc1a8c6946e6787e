#include "kiosk/content/WalkthroughReader.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <utility>

#include "kiosk/TomlLimits.h"
#include "kiosk/content/StepGraph.h"
#include "kiosk/content/StepReader.h"

namespace kiosk::content {

ParsedWalkthrough WalkthroughReader::read(std::string_view tomlText) {
    ParsedWalkthrough result;
    toml::table root;
    // Too large or too deep text never reaches toml++, whose recursion it would overflow.
    if (const auto refused = checkTomlLimits(tomlText)) {
        fields_.report(refused->line, "content." + refused->code, refused->message);
    } else {
#if TOML_EXCEPTIONS
        try {
            root = toml::parse(tomlText, std::string_view(fileName_));
        } catch (const toml::parse_error& error) {
            fields_.report(lineOf(error.source()), "content.malformed_toml",
                           "not valid TOML: " + std::string(error.description()));
        }
#else
        toml::parse_result parsed = toml::parse(tomlText, std::string_view(fileName_));
        if (parsed) {
            root = std::move(parsed).table();
        } else {
            fields_.report(lineOf(parsed.error().source()), "content.malformed_toml",
                           "not valid TOML: " + std::string(parsed.error().description()));
        }
#endif
    }
    if (!fields_.hasProblems()) readWalkthrough(root);

    result.problems = fields_.takeProblems();
    result.id = walkthrough_.id;
    result.idLine = idLine_;
    if (result.problems.empty()) result.walkthrough = std::move(walkthrough_);
    return result;
}

void WalkthroughReader::readWalkthrough(const toml::table& root) {
    const int rootLine = std::max(1, lineOf(root));
    const std::string where = "walkthrough";
    fields_.rejectUnknownKeys(root, {"id", "skill", "scam_warning", "title", "summary", "sources", "steps"},
                              where);

    if (const toml::node* node = fields_.required(root, "id", where, rootLine)) {
        idLine_ = lineOf(*node);
        if (auto id = fields_.readString(*node, "id")) {
            walkthrough_.id = *id;
            if (!isValidId(*id)) {
                fields_.report(idLine_, "content.bad_id",
                               "walkthrough id " + inQuotes(*id) + " must use only a-z, 0-9 and '-'");
            }
        }
    }
    if (const toml::node* node = fields_.required(root, "skill", where, rootLine)) {
        if (auto name = fields_.readString(*node, "skill")) {
            if (auto skill = skillFromName(*name)) {
                walkthrough_.skill = *skill;
            } else {
                fields_.report(lineOf(*node), "content.bad_skill",
                               "skill " + inQuotes(*name) +
                                   " is not one of the five skills (public_services, online_shopping, "
                                   "online_payment, self_protection, local_platforms)");
            }
        }
    }
    if (const toml::node* node = root.get("scam_warning")) {
        if (auto flag = fields_.readBool(*node, "scam_warning")) walkthrough_.scamWarning = *flag;
    } else {
        fields_.report(rootLine, "content.missing_key",
                       "walkthrough has no scam_warning: write scam_warning = true for VNeID and payment "
                       "walkthroughs, false otherwise");
    }
    if (auto title = fields_.readRequiredText(root, "title", where, rootLine))
        walkthrough_.title = std::move(*title);
    if (auto summary = fields_.readRequiredText(root, "summary", where, rootLine)) {
        walkthrough_.summary = std::move(*summary);
    }

    if (const toml::node* node = fields_.required(root, "sources", where, rootLine)) readSources(*node);

    const toml::node* stepsNode = fields_.required(root, "steps", where, rootLine);
    if (!stepsNode) return;
    const toml::array* steps = stepsNode->as_array();
    if (steps && steps->empty()) {
        fields_.report(lineOf(*stepsNode), "content.no_steps", "walkthrough has no steps");
        return;
    }
    if (!steps || !steps->is_array_of_tables()) {
        fields_.report(lineOf(*stepsNode), "content.wrong_type", "steps must be written as [[steps]] tables");
        return;
    }
    if (steps->size() > kMaxSteps) {
        // Refused before any step is read, so a runaway file costs one TOML parse and gives one
        // problem, not one per step.
        fields_.report(lineOf(*steps->get(kMaxSteps)), "content.too_many_steps",
                       "walkthrough has " + std::to_string(steps->size()) +
                           " steps; a walkthrough has at most " + std::to_string(kMaxSteps) +
                           ": split it into shorter walkthroughs (step " + std::to_string(kMaxSteps + 1) +
                           " starts here)");
        return;
    }
    collectStepIds(*steps);
    std::set<std::string, std::less<>> sourceIds;
    for (const Source& source : walkthrough_.sources)
        sourceIds.insert(source.id);
    StepReader stepReader(fields_, imagesDir_, stepLines_, sourceIds);
    walkthrough_.steps.reserve(steps->size());
    for (size_t i = 0; i < steps->size(); ++i) {
        walkthrough_.steps.push_back(stepReader.readStep(*steps->get(i)->as_table(), i));
    }
    // The flow is only judged on a sound graph: a missing id or a reference to an unknown
    // step would make every step before it look like a dead end, burying the real mistake.
    if (idsComplete_ && stepReader.referencesComplete()) checkFlow();
}

// [[sources]]: id, ref (a URL or a document) and checked (a TOML date, 2026-12-03).
void WalkthroughReader::readSources(const toml::node& node) {
    const toml::array* array = node.as_array();
    if (!array || !array->is_array_of_tables() || array->empty()) {
        fields_.report(
            lineOf(node), "content.wrong_type",
            "sources must be [[sources]] tables with id, ref and checked (the day you checked it)");
        return;
    }
    std::map<std::string, int> seen;
    for (size_t i = 0; i < array->size(); ++i) {
        const toml::table& item = *array->get(i)->as_table();
        Source source;
        source.sourceLine = lineOf(item);
        const std::string what = "source " + std::to_string(i + 1);
        fields_.rejectUnknownKeys(item, {"id", "ref", "checked"}, what);
        if (const toml::node* idNode = fields_.required(item, "id", what, source.sourceLine)) {
            if (auto id = fields_.readString(*idNode, what + " id")) source.id = *id;
            if (!isValidId(source.id)) {
                fields_.report(lineOf(*idNode), "content.bad_id",
                               what + " id must use only a-z, 0-9 and '-'");
            } else if (const auto first = seen.find(source.id); first != seen.end()) {
                fields_.report(lineOf(*idNode), "content.duplicate_id",
                               "source id " + inQuotes(source.id) + " is used twice (first at line " +
                                   std::to_string(first->second) + ")");
            } else {
                seen.emplace(source.id, lineOf(*idNode));
            }
        }
        if (const toml::node* refNode = fields_.required(item, "ref", what, source.sourceLine)) {
            if (auto ref = fields_.readString(*refNode, what + " ref")) source.reference = *ref;
            if (source.reference.size() < 8) {
                fields_.report(lineOf(*refNode), "content.bad_source",
                               what + " ref must name the official URL or document the steps follow");
            }
        }
        if (const toml::node* checkedNode = fields_.required(item, "checked", what, source.sourceLine)) {
            if (const auto* date = checkedNode->as_date()) {
                const toml::date& d = date->get();
                source.checked = std::chrono::year_month_day{
                    std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
            } else {
                fields_.report(lineOf(*checkedNode), "content.wrong_type",
                               what + " checked must be the date you checked it, like checked = 2026-12-03");
            }
        }
        walkthrough_.sources.push_back(std::move(source));
    }
}

// First pass: every step id with its line, so references can be checked in any order.
void WalkthroughReader::collectStepIds(const toml::array& steps) {
    for (size_t i = 0; i < steps.size(); ++i) {
        const toml::table& table = *steps.get(i)->as_table();
        const toml::node* node = table.get("id");
        const auto* id = node ? node->as_string() : nullptr;
        if (!id) {
            idsComplete_ = false;
            continue;  // readStep reports it
        }
        const std::string& name = id->get();
        if (const auto first = stepLines_.find(name); first != stepLines_.end()) {
            fields_.report(lineOf(*node), "content.duplicate_id",
                           "step id " + inQuotes(name) + " is used twice (first at line " +
                               std::to_string(first->second) + ")");
            idsComplete_ = false;
        } else {
            stepLines_.emplace(name, lineOf(*node));
        }
    }
}

void WalkthroughReader::checkFlow() {
    const std::vector<bool> reachable = reachableFromStart(walkthrough_);
    const std::vector<bool> ends = leadsToEnd(walkthrough_);
    for (size_t i = 0; i < walkthrough_.steps.size(); ++i) {
        const Step& step = walkthrough_.steps[i];
        if (!reachable[i]) {
            fields_.report(
                step.sourceLine, "content.unreachable_step",
                "step " + inQuotes(step.id) +
                    " cannot be reached from the first step (no next, choice or step before it leads "
                    "here)");
        } else if (!ends[i]) {
            fields_.report(
                step.sourceLine, "content.no_way_out",
                "step " + inQuotes(step.id) + " never reaches an end: every way from it loops back");
        }
    }
}

}  // namespace kiosk::content
