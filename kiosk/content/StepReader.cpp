#include "kiosk/content/StepReader.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <utility>

#include "kiosk/content/ContentText.h"

namespace kiosk::content {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxPhoneElements = 8;

bool startsWithPngSignature(const fs::path& path) {
    static constexpr std::array<unsigned char, 8> kSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::ifstream in(path, std::ios::binary);
    std::array<char, 8> head{};
    if (!in.read(head.data(), head.size())) return false;
    return std::equal(head.begin(), head.end(), kSignature.begin(),
                      [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; });
}

}  // namespace

Step StepReader::readStep(const toml::table& table, size_t index) {
    Step step;
    step.sourceLine = lineOf(table);
    const toml::node* idNode = table.get("id");
    if (idNode && idNode->as_string()) step.id = idNode->as_string()->get();
    const std::string where =
        step.id.empty() ? "step " + std::to_string(index + 1) : "step " + inQuotes(step.id);

    fields_.rejectUnknownKeys(table,
                              {"id", "title", "body", "checklist", "image", "phone", "choices", "warnings",
                               "sources", "action", "next", "end"},
                              where);
    if (!idNode) {
        fields_.report(step.sourceLine, "content.missing_key", where + " has no id");
    } else if (!idNode->as_string()) {
        fields_.report(lineOf(*idNode), "content.wrong_type", where + " id must be a text in quotes");
    } else if (!isValidId(step.id)) {
        fields_.report(lineOf(*idNode), "content.bad_id", where + " id must use only a-z, 0-9 and '-'");
    }

    if (auto title = fields_.readRequiredText(table, "title", where, step.sourceLine))
        step.title = std::move(*title);
    if (auto body = fields_.readRequiredText(table, "body", where, step.sourceLine)) {
        step.body = std::move(*body);
        checkBodyLength(*table.get("body"), step.body, where);
    }
    if (const toml::node* node = table.get("checklist"))
        step.checklist = fields_.readTextList(*node, where + " checklist");
    if (const toml::node* node = table.get("warnings"))
        step.warnings = fields_.readTextList(*node, where + " warnings");
    step.sources = readStepSources(table, where, step.sourceLine);
    if (const toml::node* node = table.get("image")) step.image = readImage(*node, where);
    if (const toml::node* node = table.get("phone")) {
        step.phone = readPhone(*node, where);
        if (table.get("image")) {
            fields_.report(lineOf(*node), "content.two_illustrations",
                           where + " has both an image and a phone mock-up; keep one");
        }
    }
    if (const toml::node* node = table.get("action")) {
        if (auto name = fields_.readString(*node, where + " action")) {
            if (auto action = actionFromName(*name)) {
                step.action = *action;
            } else {
                fields_.report(lineOf(*node), "content.bad_action",
                               where + " action " + inQuotes(*name) +
                                   " is not known (known: show_practice_qr, open_scanner)");
            }
        }
    }
    if (const toml::node* node = table.get("choices")) step.choices = readChoices(*node, where, step.id);
    if (const toml::node* node = table.get("next")) {
        checkReference(*node, where + " next", step.id);
        if (const auto* target = node->as_string()) step.next = target->get();
    }
    if (const toml::node* node = table.get("end")) {
        if (auto flag = fields_.readBool(*node, where + " end")) step.end = *flag;
    }

    if (table.get("choices") && (table.get("next") || step.end)) {
        fields_.report(lineOf(*table.get("choices")), "content.conflicting_moves",
                       where + " moves by its choices; remove next and end");
    } else if (table.get("next") && step.end) {
        fields_.report(lineOf(*table.get("end")), "content.conflicting_moves",
                       where + " has both next and end = true; keep one");
    }
    return step;
}

// A step's sources: a non-empty list of ids from [[sources]], so every fact can be re-checked.
std::vector<std::string> StepReader::readStepSources(const toml::table& table, const std::string& where,
                                                     int line) {
    std::vector<std::string> ids;
    const toml::node* node = table.get("sources");
    if (!node) {
        fields_.report(line, "content.no_sources",
                       where +
                           " has no sources: list the official guidance it follows, like sources = "
                           "[\"vneid-portal\"], with that id under [[sources]]");
        return ids;
    }
    const toml::array* array = node->as_array();
    if (!array || array->empty()) {
        fields_.report(lineOf(*node), "content.no_sources",
                       where + " sources must be a non-empty list of source ids, like [\"vneid-portal\"]");
        return ids;
    }
    for (size_t i = 0; i < array->size(); ++i) {
        const auto* id = array->get(i)->as_string();
        if (!id) {
            fields_.report(lineOf(*array->get(i)), "content.wrong_type",
                           where + " sources must be ids in quotes");
            continue;
        }
        if (!sourceIds_.contains(id->get())) {
            fields_.report(
                lineOf(*array->get(i)), "content.unknown_source",
                where + " names source " + inQuotes(id->get()) + ", which is not under [[sources]]");
        }
        ids.push_back(id->get());
    }
    return ids;
}

void StepReader::checkReference(const toml::node& node, const std::string& what,
                                const std::string& fromStep) {
    const auto* target = node.as_string();
    if (!target) {
        referencesComplete_ = false;
        fields_.report(lineOf(node), "content.wrong_type", what + " must be a step id in quotes");
        return;
    }
    if (!stepLines_.contains(target->get())) {
        referencesComplete_ = false;
        fields_.report(lineOf(node), "content.unknown_step",
                       what + " goes to unknown step " + inQuotes(target->get()));
    } else if (target->get() == fromStep) {
        fields_.report(lineOf(node), "content.self_reference", what + " goes to the same step again");
    }
}

void StepReader::checkBodyLength(const toml::node& bodyNode, const Text& body, const std::string& where) {
    for (const auto& [code, text] : {std::pair{"vi", &body.vi}, std::pair{"en", &body.en}}) {
        const int sentences = countSentences(*text);
        if (sentences <= kMaxBodySentences) continue;
        const toml::node* value = bodyNode.as_table() ? bodyNode.as_table()->get(code) : nullptr;
        fields_.report(value ? lineOf(*value) : lineOf(bodyNode), "content.body_too_long",
                       where + " body (" + code + ") has " + std::to_string(sentences) +
                           " sentences; keep it to " + std::to_string(kMaxBodySentences) +
                           " (one idea per screen)");
    }
}

std::optional<std::string> StepReader::readImage(const toml::node& node, const std::string& where) {
    auto name = fields_.readString(node, where + " image");
    if (!name) return std::nullopt;
    const fs::path relative(*name);
    const bool escapes =
        std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == ".."; });
    if (name->empty() || relative.is_absolute() || escapes || relative.extension() != ".png") {
        fields_.report(lineOf(node), "content.bad_image",
                       where + " image " + inQuotes(*name) + " must be a .png path inside the images folder");
        return std::nullopt;
    }
    if (imagesDir_.empty()) return name;
    const fs::path full = imagesDir_ / relative;
    std::error_code error;
    if (!fs::is_regular_file(full, error)) {
        fields_.report(lineOf(node), "content.missing_image",
                       where + " image " + inQuotes(*name) + " not found at " + full.string());
        return std::nullopt;
    }
    if (!startsWithPngSignature(full)) {
        fields_.report(lineOf(node), "content.bad_image",
                       where + " image " + full.string() + " is not a PNG file");
        return std::nullopt;
    }
    return name;
}

std::optional<PhoneMockup> StepReader::readPhone(const toml::node& node, const std::string& step) {
    const std::string where = step + " phone";
    const toml::table* table = node.as_table();
    if (!table) {
        fields_.report(lineOf(node), "content.wrong_type", where + " must be a table ([steps.phone])");
        return std::nullopt;
    }
    fields_.rejectUnknownKeys(*table, {"title", "elements"}, where);
    PhoneMockup phone;
    bool complete = true;
    if (auto title = fields_.readRequiredText(*table, "title", where, lineOf(node))) {
        phone.title = std::move(*title);
    } else {
        complete = false;
    }
    const toml::node* elementsNode = fields_.required(*table, "elements", where, lineOf(node));
    if (!elementsNode) return std::nullopt;
    const toml::array* elements = elementsNode->as_array();
    if (!elements || !elements->is_array_of_tables() || elements->empty()) {
        fields_.report(
            lineOf(*elementsNode), "content.wrong_type",
            where +
                " elements must be a non-empty list like [ { kind = \"button\", label = { vi = \"...\", "
                "en = \"...\" } } ]");
        return std::nullopt;
    }
    if (elements->size() > kMaxPhoneElements) {
        fields_.report(lineOf(*elementsNode), "content.too_many_elements",
                       where + " has " + std::to_string(elements->size()) + " elements; show at most " +
                           std::to_string(kMaxPhoneElements) + " so it stays readable");
    }
    int taps = 0;
    for (size_t i = 0; i < elements->size(); ++i) {
        const toml::table& item = *elements->get(i)->as_table();
        const std::string what = where + " element " + std::to_string(i + 1);
        fields_.rejectUnknownKeys(item, {"kind", "label", "tap"}, what);
        PhoneElement element;
        if (const toml::node* kindNode = fields_.required(item, "kind", what, lineOf(item))) {
            if (auto name = fields_.readString(*kindNode, what + " kind")) {
                if (auto kind = phoneElementKindFromName(*name)) {
                    element.kind = *kind;
                } else {
                    fields_.report(lineOf(*kindNode), "content.bad_element_kind",
                                   what + " kind " + inQuotes(*name) + " is not one of button, field, text");
                    complete = false;
                }
            }
        } else {
            complete = false;
        }
        if (auto label = fields_.readRequiredText(item, "label", what, lineOf(item))) {
            element.label = std::move(*label);
        } else {
            complete = false;
        }
        if (const toml::node* tapNode = item.get("tap")) {
            if (auto tap = fields_.readBool(*tapNode, what + " tap")) element.tap = *tap;
            if (element.tap && element.kind == PhoneElementKind::Text) {
                fields_.report(lineOf(*tapNode), "content.bad_tap",
                               what + " is plain text; only a button or field can be tapped");
            }
            if (element.tap && ++taps == 2) {
                fields_.report(lineOf(*tapNode), "content.bad_tap",
                               where + " marks more than one element to tap");
            }
        }
        phone.elements.push_back(std::move(element));
    }
    if (!complete) return std::nullopt;
    return phone;
}

std::vector<Choice> StepReader::readChoices(const toml::node& node, const std::string& where,
                                            const std::string& stepId) {
    std::vector<Choice> choices;
    const toml::array* array = node.as_array();
    if (!array || !array->is_array_of_tables()) {
        fields_.report(
            lineOf(node), "content.wrong_type",
            where +
                " choices must be a list like [ { id = \"yes\", label = { vi = \"...\", en = \"...\" }, "
                "next = \"step-id\" } ]");
        return choices;
    }
    if (array->size() < 2) {
        fields_.report(lineOf(node), "content.too_few_choices",
                       where + " asks a question with fewer than two choices");
    }
    std::map<std::string, int> seen;
    for (size_t i = 0; i < array->size(); ++i) {
        const toml::table& item = *array->get(i)->as_table();
        Choice choice;
        const toml::node* idNode = item.get("id");
        if (idNode && idNode->as_string()) choice.id = idNode->as_string()->get();
        const std::string what =
            where + " choice " + (choice.id.empty() ? std::to_string(i + 1) : inQuotes(choice.id));
        fields_.rejectUnknownKeys(item, {"id", "label", "next", "help"}, what);
        if (!idNode) {
            fields_.report(lineOf(item), "content.missing_key", what + " has no id");
        } else if (!idNode->as_string()) {
            fields_.report(lineOf(*idNode), "content.wrong_type", what + " id must be a text in quotes");
        } else if (!isValidId(choice.id)) {
            fields_.report(lineOf(*idNode), "content.bad_id", what + " id must use only a-z, 0-9 and '-'");
        } else if (const auto first = seen.find(choice.id); first != seen.end()) {
            fields_.report(lineOf(*idNode), "content.duplicate_id",
                           what + " is used twice (first at line " + std::to_string(first->second) + ")");
        } else {
            seen.emplace(choice.id, lineOf(*idNode));
        }
        if (auto label = fields_.readRequiredText(item, "label", what, lineOf(item)))
            choice.label = std::move(*label);
        if (const toml::node* next = fields_.required(item, "next", what, lineOf(item))) {
            checkReference(*next, what, stepId);
            if (const auto* target = next->as_string()) choice.next = target->get();
        } else {
            referencesComplete_ = false;
        }
        if (const toml::node* help = item.get("help")) {
            const auto* value = help->as_string();
            if (value && value->get() == "urgent") {
                choice.urgentHelp = true;
            } else {
                fields_.report(lineOf(*help), "content.bad_help",
                               what + " help must be \"urgent\" (it calls a volunteer at once)");
            }
        }
        choices.push_back(std::move(choice));
    }
    return choices;
}
}  // namespace kiosk::content
