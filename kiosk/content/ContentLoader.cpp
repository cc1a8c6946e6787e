#include "kiosk/content/ContentLoader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"
#include "kiosk/content/StepGraph.h"

namespace kiosk::content {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxPhoneElements = 8;

int lineOf(const toml::source_region& region) {
    return static_cast<int>(region.begin.line);
}
int lineOf(const toml::node& node) {
    return lineOf(node.source());
}

bool isValidId(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string inQuotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

std::string joined(std::initializer_list<std::string_view> names) {
    std::string text;
    for (const std::string_view name : names) {
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

// The characters the kiosk font is built with (ui/Theme.cpp bakes ImGui's Vietnamese ranges
// plus this punctuation). Anything else would show as "?" on screen, so it is refused here.
// Combining accents are not in the set on purpose: Vietnamese must be written precomposed (NFC).
constexpr std::array<std::pair<char32_t, char32_t>, 14> kDrawableRanges{{
    {0x0020, 0x007E},  // ASCII
    {0x00A0, 0x00FF},  // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý
    {0x0102, 0x0103},  // Ă ă
    {0x0110, 0x0111},  // Đ đ
    {0x0128, 0x0129},  // Ĩ ĩ
    {0x0168, 0x0169},  // Ũ ũ
    {0x01A0, 0x01A1},  // Ơ ơ
    {0x01AF, 0x01B0},  // Ư ư
    {0x1EA0, 0x1EF9},  // Vietnamese letters with two marks: ạ ả ấ ... ỹ
    {0x2010, 0x2027},  // dashes, curly quotes, bullet, ellipsis
    {0x2030, 0x205E},  // per mille, primes, angle quotes
    {0x20AB, 0x20AB},  // ₫
    {0x2190, 0x2193},  // arrows
    {0x000A, 0x000A},  // line break
}};

bool isDrawable(char32_t codePoint) {
    return std::any_of(kDrawableRanges.begin(), kDrawableRanges.end(), [&](const auto& range) {
        return codePoint >= range.first && codePoint <= range.second;
    });
}

// The first code point the kiosk cannot draw. toml++ has already refused invalid UTF-8.
std::optional<char32_t> firstUndrawable(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t codePoint = length == 1   ? lead
                             : length == 2 ? lead & 0x1F
                             : length == 3 ? lead & 0x0F
                                           : lead & 0x07;
        for (size_t k = 1; k < length && i + k < text.size(); ++k) {
            codePoint = (codePoint << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        if (!isDrawable(codePoint)) return codePoint;
        i += length;
    }
    return std::nullopt;
}

std::string codePointName(char32_t codePoint) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(codePoint));
    return buffer;
}

bool startsWithPngSignature(const fs::path& path) {
    static constexpr std::array<unsigned char, 8> kSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::ifstream in(path, std::ios::binary);
    std::array<char, 8> head{};
    if (!in.read(head.data(), head.size())) return false;
    return std::equal(head.begin(), head.end(), kSignature.begin(),
                      [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; });
}

// Reads one walkthrough file, collecting every problem instead of stopping at the first, so an
// author fixes a file in one round.
class WalkthroughReader {
public:
    WalkthroughReader(std::string fileName, fs::path imagesDir)
        : fileName_(std::move(fileName)), imagesDir_(std::move(imagesDir)) {}

    ParsedWalkthrough read(std::string_view tomlText) {
        ParsedWalkthrough result;
        toml::table root;
        // Too large or too deep text never reaches toml++, whose recursion it would overflow.
        if (const auto refused = checkTomlLimits(tomlText)) {
            report(refused->line, "content." + refused->code, refused->message);
        } else {
#if TOML_EXCEPTIONS
            try {
                root = toml::parse(tomlText, std::string_view(fileName_));
            } catch (const toml::parse_error& error) {
                report(lineOf(error.source()), "content.malformed_toml",
                       "not valid TOML: " + std::string(error.description()));
            }
#else
            toml::parse_result parsed = toml::parse(tomlText, std::string_view(fileName_));
            if (parsed) {
                root = std::move(parsed).table();
            } else {
                report(lineOf(parsed.error().source()), "content.malformed_toml",
                       "not valid TOML: " + std::string(parsed.error().description()));
            }
#endif
        }
        if (problems_.empty()) readWalkthrough(root);

        std::stable_sort(problems_.begin(), problems_.end(),
                         [](const ContentProblem& a, const ContentProblem& b) { return a.line < b.line; });
        result.problems = std::move(problems_);
        result.id = walkthrough_.id;
        result.idLine = idLine_;
        if (result.problems.empty()) result.walkthrough = std::move(walkthrough_);
        return result;
    }

private:
    void report(int line, std::string code, std::string message) {
        problems_.push_back(ContentProblem{fileName_, line, std::move(code), std::move(message)});
    }

    // --- generic readers -------------------------------------------------------------------

    void rejectUnknownKeys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                           const std::string& where) {
        for (auto&& [key, node] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
            report(lineOf(key.source()), "content.unknown_key",
                   "unknown key " + inQuotes(key.str()) + " in " + where + " (allowed: " + joined(allowed) +
                       ")");
        }
    }

    const toml::node* required(const toml::table& table, std::string_view key, const std::string& where,
                               int whereLine) {
        const toml::node* node = table.get(key);
        if (!node) report(whereLine, "content.missing_key", where + " has no " + std::string(key));
        return node;
    }

    std::optional<std::string> readString(const toml::node& node, const std::string& what) {
        if (const auto* value = node.as_string()) return value->get();
        report(lineOf(node), "content.wrong_type", what + " must be a text in quotes");
        return std::nullopt;
    }

    std::optional<Text> readText(const toml::node& node, const std::string& what) {
        const toml::table* table = node.as_table();
        if (!table) {
            report(lineOf(node), "content.wrong_type",
                   what + " must have both languages, like { vi = \"...\", en = \"...\" }");
            return std::nullopt;
        }
        rejectUnknownKeys(*table, {"vi", "en"}, what);
        Text text;
        bool complete = true;
        const auto readLanguage = [&](std::string_view code, std::string_view language, std::string& out) {
            const toml::node* value = table->get(code);
            if (!value) {
                report(lineOf(node), "content.missing_text",
                       what + " has no " + std::string(language) + " text (" + std::string(code) + ")");
                complete = false;
            } else if (const auto* string = value->as_string(); !string) {
                report(lineOf(*value), "content.wrong_type",
                       what + " " + std::string(code) + " must be a text in quotes");
                complete = false;
            } else if (string->get().empty()) {
                report(lineOf(*value), "content.missing_text",
                       what + " has an empty " + std::string(language) + " text (" + std::string(code) + ")");
                complete = false;
            } else if (const auto bad = firstUndrawable(string->get())) {
                report(lineOf(*value), "content.undrawable_character",
                       what + " (" + std::string(code) + ") has the character " + codePointName(*bad) +
                           " that the kiosk font cannot show; write Vietnamese letters precomposed (NFC) and "
                           "use only common punctuation");
                complete = false;
            } else {
                out = string->get();
            }
        };
        readLanguage("vi", "Vietnamese", text.vi);
        readLanguage("en", "English", text.en);
        if (!complete) return std::nullopt;
        return text;
    }

    std::optional<Text> readRequiredText(const toml::table& table, std::string_view key,
                                         const std::string& where, int whereLine) {
        const toml::node* node = required(table, key, where, whereLine);
        if (!node) return std::nullopt;
        return readText(*node, where + " " + std::string(key));
    }

    std::vector<Text> readTextList(const toml::node& node, const std::string& what) {
        std::vector<Text> texts;
        const toml::array* array = node.as_array();
        if (!array) {
            report(lineOf(node), "content.wrong_type",
                   what + " must be a list like [ { vi = \"...\", en = \"...\" } ]");
            return texts;
        }
        for (size_t i = 0; i < array->size(); ++i) {
            if (auto text = readText(*array->get(i), what + " item " + std::to_string(i + 1))) {
                texts.push_back(std::move(*text));
            }
        }
        return texts;
    }

    std::optional<bool> readBool(const toml::node& node, const std::string& what) {
        if (const auto* value = node.as_boolean()) return value->get();
        report(lineOf(node), "content.wrong_type", what + " must be true or false");
        return std::nullopt;
    }

    // --- the walkthrough -------------------------------------------------------------------

    void readWalkthrough(const toml::table& root) {
        const int rootLine = std::max(1, lineOf(root));
        const std::string where = "walkthrough";
        rejectUnknownKeys(root, {"id", "skill", "scam_warning", "title", "summary", "sources", "steps"},
                          where);

        if (const toml::node* node = required(root, "id", where, rootLine)) {
            idLine_ = lineOf(*node);
            if (auto id = readString(*node, "id")) {
                walkthrough_.id = *id;
                if (!isValidId(*id)) {
                    report(idLine_, "content.bad_id",
                           "walkthrough id " + inQuotes(*id) + " must use only a-z, 0-9 and '-'");
                }
            }
        }
        if (const toml::node* node = required(root, "skill", where, rootLine)) {
            if (auto name = readString(*node, "skill")) {
                if (auto skill = skillFromName(*name)) {
                    walkthrough_.skill = *skill;
                } else {
                    report(lineOf(*node), "content.bad_skill",
                           "skill " + inQuotes(*name) +
                               " is not one of the five skills (public_services, online_shopping, "
                               "online_payment, self_protection, local_platforms)");
                }
            }
        }
        if (const toml::node* node = root.get("scam_warning")) {
            if (auto flag = readBool(*node, "scam_warning")) walkthrough_.scamWarning = *flag;
        } else {
            report(rootLine, "content.missing_key",
                   "walkthrough has no scam_warning: write scam_warning = true for VNeID and payment "
                   "walkthroughs, false otherwise");
        }
        if (auto title = readRequiredText(root, "title", where, rootLine))
            walkthrough_.title = std::move(*title);
        if (auto summary = readRequiredText(root, "summary", where, rootLine)) {
            walkthrough_.summary = std::move(*summary);
        }

        if (const toml::node* node = required(root, "sources", where, rootLine)) readSources(*node);

        const toml::node* stepsNode = required(root, "steps", where, rootLine);
        if (!stepsNode) return;
        const toml::array* steps = stepsNode->as_array();
        if (steps && steps->empty()) {
            report(lineOf(*stepsNode), "content.no_steps", "walkthrough has no steps");
            return;
        }
        if (!steps || !steps->is_array_of_tables()) {
            report(lineOf(*stepsNode), "content.wrong_type", "steps must be written as [[steps]] tables");
            return;
        }
        collectStepIds(*steps);
        for (size_t i = 0; i < steps->size(); ++i) {
            walkthrough_.steps.push_back(readStep(*steps->get(i)->as_table(), i));
        }
        // The flow is only judged on a sound graph: a missing id or a reference to an unknown
        // step would make every step before it look like a dead end, burying the real mistake.
        if (idsComplete_ && referencesComplete_) checkFlow();
    }

    // [[sources]]: id, ref (a URL or a document) and checked (a TOML date, 2026-12-03).
    void readSources(const toml::node& node) {
        const toml::array* array = node.as_array();
        if (!array || !array->is_array_of_tables() || array->empty()) {
            report(lineOf(node), "content.wrong_type",
                   "sources must be [[sources]] tables with id, ref and checked (the day you checked it)");
            return;
        }
        std::map<std::string, int> seen;
        for (size_t i = 0; i < array->size(); ++i) {
            const toml::table& item = *array->get(i)->as_table();
            Source source;
            source.sourceLine = lineOf(item);
            const std::string what = "source " + std::to_string(i + 1);
            rejectUnknownKeys(item, {"id", "ref", "checked"}, what);
            if (const toml::node* idNode = required(item, "id", what, source.sourceLine)) {
                if (auto id = readString(*idNode, what + " id")) source.id = *id;
                if (!isValidId(source.id)) {
                    report(lineOf(*idNode), "content.bad_id", what + " id must use only a-z, 0-9 and '-'");
                } else if (const auto first = seen.find(source.id); first != seen.end()) {
                    report(lineOf(*idNode), "content.duplicate_id",
                           "source id " + inQuotes(source.id) + " is used twice (first at line " +
                               std::to_string(first->second) + ")");
                } else {
                    seen.emplace(source.id, lineOf(*idNode));
                }
            }
            if (const toml::node* refNode = required(item, "ref", what, source.sourceLine)) {
                if (auto ref = readString(*refNode, what + " ref")) source.reference = *ref;
                if (source.reference.size() < 8) {
                    report(lineOf(*refNode), "content.bad_source",
                           what + " ref must name the official URL or document the steps follow");
                }
            }
            if (const toml::node* checkedNode = required(item, "checked", what, source.sourceLine)) {
                if (const auto* date = checkedNode->as_date()) {
                    const toml::date& d = date->get();
                    source.checked = std::chrono::year_month_day{
                        std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
                } else {
                    report(lineOf(*checkedNode), "content.wrong_type",
                           what + " checked must be the date you checked it, like checked = 2026-12-03");
                }
            }
            walkthrough_.sources.push_back(std::move(source));
        }
    }

    // A step's sources: a non-empty list of ids from [[sources]], so every fact can be re-checked.
    std::vector<std::string> readStepSources(const toml::table& table, const std::string& where, int line) {
        std::vector<std::string> ids;
        const toml::node* node = table.get("sources");
        if (!node) {
            report(line, "content.no_sources",
                   where +
                       " has no sources: list the official guidance it follows, like sources = "
                       "[\"vneid-portal\"], with that id under [[sources]]");
            return ids;
        }
        const toml::array* array = node->as_array();
        if (!array || array->empty()) {
            report(lineOf(*node), "content.no_sources",
                   where + " sources must be a non-empty list of source ids, like [\"vneid-portal\"]");
            return ids;
        }
        for (size_t i = 0; i < array->size(); ++i) {
            const auto* id = array->get(i)->as_string();
            if (!id) {
                report(lineOf(*array->get(i)), "content.wrong_type",
                       where + " sources must be ids in quotes");
                continue;
            }
            if (!walkthrough_.findSource(id->get())) {
                report(lineOf(*array->get(i)), "content.unknown_source",
                       where + " names source " + inQuotes(id->get()) + ", which is not under [[sources]]");
            }
            ids.push_back(id->get());
        }
        return ids;
    }

    // First pass: every step id with its line, so references can be checked in any order.
    void collectStepIds(const toml::array& steps) {
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
                report(lineOf(*node), "content.duplicate_id",
                       "step id " + inQuotes(name) + " is used twice (first at line " +
                           std::to_string(first->second) + ")");
                idsComplete_ = false;
            } else {
                stepLines_.emplace(name, lineOf(*node));
            }
        }
    }

    void checkReference(const toml::node& node, const std::string& what, const std::string& fromStep) {
        const auto* target = node.as_string();
        if (!target) {
            referencesComplete_ = false;
            report(lineOf(node), "content.wrong_type", what + " must be a step id in quotes");
            return;
        }
        if (!stepLines_.contains(target->get())) {
            referencesComplete_ = false;
            report(lineOf(node), "content.unknown_step",
                   what + " goes to unknown step " + inQuotes(target->get()));
        } else if (target->get() == fromStep) {
            report(lineOf(node), "content.self_reference", what + " goes to the same step again");
        }
    }

    Step readStep(const toml::table& table, size_t index) {
        Step step;
        step.sourceLine = lineOf(table);
        const toml::node* idNode = table.get("id");
        if (idNode && idNode->as_string()) step.id = idNode->as_string()->get();
        const std::string where =
            step.id.empty() ? "step " + std::to_string(index + 1) : "step " + inQuotes(step.id);

        rejectUnknownKeys(table,
                          {"id", "title", "body", "checklist", "image", "phone", "choices", "warnings",
                           "sources", "action", "next", "end"},
                          where);
        if (!idNode) {
            report(step.sourceLine, "content.missing_key", where + " has no id");
        } else if (!idNode->as_string()) {
            report(lineOf(*idNode), "content.wrong_type", where + " id must be a text in quotes");
        } else if (!isValidId(step.id)) {
            report(lineOf(*idNode), "content.bad_id", where + " id must use only a-z, 0-9 and '-'");
        }

        if (auto title = readRequiredText(table, "title", where, step.sourceLine))
            step.title = std::move(*title);
        if (auto body = readRequiredText(table, "body", where, step.sourceLine)) {
            step.body = std::move(*body);
            checkBodyLength(*table.get("body"), step.body, where);
        }
        if (const toml::node* node = table.get("checklist"))
            step.checklist = readTextList(*node, where + " checklist");
        if (const toml::node* node = table.get("warnings"))
            step.warnings = readTextList(*node, where + " warnings");
        step.sources = readStepSources(table, where, step.sourceLine);
        if (const toml::node* node = table.get("image")) step.image = readImage(*node, where);
        if (const toml::node* node = table.get("phone")) {
            step.phone = readPhone(*node, where);
            if (table.get("image")) {
                report(lineOf(*node), "content.two_illustrations",
                       where + " has both an image and a phone mock-up; keep one");
            }
        }
        if (const toml::node* node = table.get("action")) {
            if (auto name = readString(*node, where + " action")) {
                if (auto action = actionFromName(*name)) {
                    step.action = *action;
                } else {
                    report(lineOf(*node), "content.bad_action",
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
            if (auto flag = readBool(*node, where + " end")) step.end = *flag;
        }

        if (table.get("choices") && (table.get("next") || step.end)) {
            report(lineOf(*table.get("choices")), "content.conflicting_moves",
                   where + " moves by its choices; remove next and end");
        } else if (table.get("next") && step.end) {
            report(lineOf(*table.get("end")), "content.conflicting_moves",
                   where + " has both next and end = true; keep one");
        }
        return step;
    }

    void checkBodyLength(const toml::node& bodyNode, const Text& body, const std::string& where) {
        for (const auto& [code, text] : {std::pair{"vi", &body.vi}, std::pair{"en", &body.en}}) {
            const int sentences = countSentences(*text);
            if (sentences <= kMaxBodySentences) continue;
            const toml::node* value = bodyNode.as_table() ? bodyNode.as_table()->get(code) : nullptr;
            report(value ? lineOf(*value) : lineOf(bodyNode), "content.body_too_long",
                   where + " body (" + code + ") has " + std::to_string(sentences) +
                       " sentences; keep it to " + std::to_string(kMaxBodySentences) +
                       " (one idea per screen)");
        }
    }

    std::optional<std::string> readImage(const toml::node& node, const std::string& where) {
        auto name = readString(node, where + " image");
        if (!name) return std::nullopt;
        const fs::path relative(*name);
        const bool escapes =
            std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == ".."; });
        if (name->empty() || relative.is_absolute() || escapes || relative.extension() != ".png") {
            report(lineOf(node), "content.bad_image",
                   where + " image " + inQuotes(*name) + " must be a .png path inside the images folder");
            return std::nullopt;
        }
        if (imagesDir_.empty()) return name;
        const fs::path full = imagesDir_ / relative;
        std::error_code error;
        if (!fs::is_regular_file(full, error)) {
            report(lineOf(node), "content.missing_image",
                   where + " image " + inQuotes(*name) + " not found at " + full.string());
            return std::nullopt;
        }
        if (!startsWithPngSignature(full)) {
            report(lineOf(node), "content.bad_image",
                   where + " image " + full.string() + " is not a PNG file");
            return std::nullopt;
        }
        return name;
    }

    std::optional<PhoneMockup> readPhone(const toml::node& node, const std::string& step) {
        const std::string where = step + " phone";
        const toml::table* table = node.as_table();
        if (!table) {
            report(lineOf(node), "content.wrong_type", where + " must be a table ([steps.phone])");
            return std::nullopt;
        }
        rejectUnknownKeys(*table, {"title", "elements"}, where);
        PhoneMockup phone;
        bool complete = true;
        if (auto title = readRequiredText(*table, "title", where, lineOf(node))) {
            phone.title = std::move(*title);
        } else {
            complete = false;
        }
        const toml::node* elementsNode = required(*table, "elements", where, lineOf(node));
        if (!elementsNode) return std::nullopt;
        const toml::array* elements = elementsNode->as_array();
        if (!elements || !elements->is_array_of_tables() || elements->empty()) {
            report(
                lineOf(*elementsNode), "content.wrong_type",
                where +
                    " elements must be a non-empty list like [ { kind = \"button\", label = { vi = \"...\", "
                    "en = \"...\" } } ]");
            return std::nullopt;
        }
        if (elements->size() > kMaxPhoneElements) {
            report(lineOf(*elementsNode), "content.too_many_elements",
                   where + " has " + std::to_string(elements->size()) + " elements; show at most " +
                       std::to_string(kMaxPhoneElements) + " so it stays readable");
        }
        int taps = 0;
        for (size_t i = 0; i < elements->size(); ++i) {
            const toml::table& item = *elements->get(i)->as_table();
            const std::string what = where + " element " + std::to_string(i + 1);
            rejectUnknownKeys(item, {"kind", "label", "tap"}, what);
            PhoneElement element;
            if (const toml::node* kindNode = required(item, "kind", what, lineOf(item))) {
                if (auto name = readString(*kindNode, what + " kind")) {
                    if (auto kind = phoneElementKindFromName(*name)) {
                        element.kind = *kind;
                    } else {
                        report(lineOf(*kindNode), "content.bad_element_kind",
                               what + " kind " + inQuotes(*name) + " is not one of button, field, text");
                        complete = false;
                    }
                }
            } else {
                complete = false;
            }
            if (auto label = readRequiredText(item, "label", what, lineOf(item))) {
                element.label = std::move(*label);
            } else {
                complete = false;
            }
            if (const toml::node* tapNode = item.get("tap")) {
                if (auto tap = readBool(*tapNode, what + " tap")) element.tap = *tap;
                if (element.tap && element.kind == PhoneElementKind::Text) {
                    report(lineOf(*tapNode), "content.bad_tap",
                           what + " is plain text; only a button or field can be tapped");
                }
                if (element.tap && ++taps == 2) {
                    report(lineOf(*tapNode), "content.bad_tap",
                           where + " marks more than one element to tap");
                }
            }
            phone.elements.push_back(std::move(element));
        }
        if (!complete) return std::nullopt;
        return phone;
    }

    std::vector<Choice> readChoices(const toml::node& node, const std::string& where,
                                    const std::string& stepId) {
        std::vector<Choice> choices;
        const toml::array* array = node.as_array();
        if (!array || !array->is_array_of_tables()) {
            report(
                lineOf(node), "content.wrong_type",
                where +
                    " choices must be a list like [ { id = \"yes\", label = { vi = \"...\", en = \"...\" }, "
                    "next = \"step-id\" } ]");
            return choices;
        }
        if (array->size() < 2) {
            report(lineOf(node), "content.too_few_choices",
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
            rejectUnknownKeys(item, {"id", "label", "next"}, what);
            if (!idNode) {
                report(lineOf(item), "content.missing_key", what + " has no id");
            } else if (!idNode->as_string()) {
                report(lineOf(*idNode), "content.wrong_type", what + " id must be a text in quotes");
            } else if (!isValidId(choice.id)) {
                report(lineOf(*idNode), "content.bad_id", what + " id must use only a-z, 0-9 and '-'");
            } else if (const auto first = seen.find(choice.id); first != seen.end()) {
                report(lineOf(*idNode), "content.duplicate_id",
                       what + " is used twice (first at line " + std::to_string(first->second) + ")");
            } else {
                seen.emplace(choice.id, lineOf(*idNode));
            }
            if (auto label = readRequiredText(item, "label", what, lineOf(item)))
                choice.label = std::move(*label);
            if (const toml::node* next = required(item, "next", what, lineOf(item))) {
                checkReference(*next, what, stepId);
                if (const auto* target = next->as_string()) choice.next = target->get();
            } else {
                referencesComplete_ = false;
            }
            choices.push_back(std::move(choice));
        }
        return choices;
    }

    // --- the flow as a whole -----------------------------------------------------------------

    void checkFlow() {
        const std::vector<bool> reachable = reachableFromStart(walkthrough_);
        const std::vector<bool> ends = leadsToEnd(walkthrough_);
        for (size_t i = 0; i < walkthrough_.steps.size(); ++i) {
            const Step& step = walkthrough_.steps[i];
            if (!reachable[i]) {
                report(step.sourceLine, "content.unreachable_step",
                       "step " + inQuotes(step.id) +
                           " cannot be reached from the first step (no next, choice or step before it leads "
                           "here)");
            } else if (!ends[i]) {
                report(step.sourceLine, "content.no_way_out",
                       "step " + inQuotes(step.id) + " never reaches an end: every way from it loops back");
            }
        }
    }

    std::string fileName_;
    fs::path imagesDir_;
    Walkthrough walkthrough_;
    int idLine_ = 0;
    std::map<std::string, int> stepLines_;
    bool idsComplete_ = true;
    bool referencesComplete_ = true;
    std::vector<ContentProblem> problems_;
};

}  // namespace

ParsedWalkthrough parseWalkthrough(std::string_view tomlText, const std::string& fileName,
                                   const fs::path& imagesDir) {
    ParsedWalkthrough parsed = WalkthroughReader(fileName, imagesDir).read(tomlText);
    if (parsed.walkthrough) parsed.walkthrough->file = fileName;
    return parsed;
}

ContentLibrary loadContentDir(const fs::path& contentDir, const fs::path& imagesDir) {
    ContentLibrary library;
    std::error_code error;
    if (!fs::is_directory(contentDir, error)) {
        library.problems.push_back(ContentProblem{contentDir.string(), 0, "content.no_folder",
                                                  "content folder not found or not readable"});
        return library;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(contentDir, error), end; !error && it != end; it.increment(error)) {
        std::error_code typeError;  // a dangling link or a vanished file: skip it, keep listing
        if (it->path().extension() == ".toml" && it->is_regular_file(typeError)) files.push_back(it->path());
    }
    if (error) {
        library.problems.push_back(ContentProblem{contentDir.string(), 0, "content.no_folder",
                                                  "cannot list the content folder: " + error.message()});
    }
    std::sort(files.begin(), files.end());

    std::map<std::string, std::string> idOwners;  // walkthrough id → file that declared it first
    for (const fs::path& path : files) {
        const std::string fileName = path.filename().string();
        Result<std::string> text = readTextFile(path);
        if (!text) {
            library.problems.push_back(
                ContentProblem{fileName, 0, "content.unreadable", text.error().message});
            continue;
        }
        ParsedWalkthrough parsed = parseWalkthrough(*text, fileName, imagesDir);
        if (!parsed.id.empty()) {
            const auto [owner, isNew] = idOwners.emplace(parsed.id, fileName);
            if (!isNew) {
                parsed.problems.push_back(ContentProblem{
                    fileName, parsed.idLine, "content.duplicate_id",
                    "walkthrough id " + inQuotes(parsed.id) + " is already used by " + owner->second});
                parsed.walkthrough.reset();
            }
        }
        if (parsed.walkthrough) library.walkthroughs.push_back(std::move(*parsed.walkthrough));
        library.problems.insert(library.problems.end(), parsed.problems.begin(), parsed.problems.end());
    }
    return library;
}

std::vector<ContentProblem> checkContentDir(const fs::path& contentDir, const fs::path& imagesDir) {
    return loadContentDir(contentDir, imagesDir).problems;
}

std::vector<ContentProblem> staleSources(const ContentLibrary& library, std::chrono::year_month_day asOf) {
    std::vector<ContentProblem> warnings;
    const auto iso = [](std::chrono::year_month_day day) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
        return std::string(buffer);
    };
    for (const Walkthrough& walkthrough : library.walkthroughs) {
        for (const Source& source : walkthrough.sources) {
            if (!isStale(source.checked, asOf)) continue;
            warnings.push_back(ContentProblem{walkthrough.file, source.sourceLine, "content.stale_source",
                                              "source " + inQuotes(source.id) + " (" + source.reference +
                                                  ") was last checked on " + iso(source.checked) +
                                                  ", more than 12 months before " + iso(asOf) +
                                                  ": check the steps against it again, then update checked"});
        }
    }
    return warnings;
}

std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text) {
    const auto digits = [&](size_t from, size_t count) -> std::optional<int> {
        int value = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    if (!year || !month || !day) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{*year},
                                           std::chrono::month{static_cast<unsigned>(*month)},
                                           std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

fs::path defaultImagesDir(const fs::path& contentDir) {
    fs::path dir = contentDir.lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();  // "assets/content/" → "assets/content"
    return dir.parent_path() / "images";
}

int countSentences(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    const auto isCloser = [](char c) { return c == '"' || c == '\'' || c == ')'; };
    // U+2026 HORIZONTAL ELLIPSIS, and the closing quotes U+201D and U+2019, in UTF-8.
    const auto isEllipsisAt = [&](size_t i) { return text.substr(i, 3) == "\xE2\x80\xA6"; };
    const auto isCurlyCloserAt = [&](size_t i) {
        return text.substr(i, 3) == "\xE2\x80\x9D" || text.substr(i, 3) == "\xE2\x80\x99";
    };

    int sentences = 0;
    bool pendingWords = false;  // text seen since the last sentence end
    size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool terminator = c == '.' || c == '!' || c == '?' || isEllipsisAt(i);
        if (!terminator) {
            if (!isSpace(c)) pendingWords = true;
            ++i;
            continue;
        }
        size_t after = i;
        while (after < text.size() &&
               (text[after] == '.' || text[after] == '!' || text[after] == '?' || isEllipsisAt(after))) {
            after += isEllipsisAt(after) ? 3 : 1;
        }
        while (after < text.size() && (isCloser(text[after]) || isCurlyCloserAt(after))) {
            after += isCurlyCloserAt(after) ? 3 : 1;
        }
        if (after == text.size() || isSpace(text[after])) {
            if (pendingWords) ++sentences;
            pendingWords = false;
        } else {
            pendingWords = true;  // "vneid.gov.vn", "1.000": part of a word
        }
        i = after;
    }
    if (pendingWords) ++sentences;
    return sentences;
}

}  // namespace kiosk::content
