#include "kiosk/content/TomlFieldReader.h"

#include <algorithm>
#include <utility>

#include "kiosk/content/ContentText.h"

namespace kiosk::content {

namespace {

std::string joined(std::initializer_list<std::string_view> names) {
    std::string text;
    for (const std::string_view name : names) {
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

}  // namespace

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

void TomlFieldReader::report(int line, std::string code, std::string message) {
    problems_.push_back(ContentProblem{fileName_, line, std::move(code), std::move(message)});
}

std::vector<ContentProblem> TomlFieldReader::takeProblems() {
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const ContentProblem& a, const ContentProblem& b) { return a.line < b.line; });
    return std::move(problems_);
}

void TomlFieldReader::rejectUnknownKeys(const toml::table& table,
                                        std::initializer_list<std::string_view> allowed,
                                        const std::string& where) {
    for (auto&& [key, node] : table) {
        if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
        report(lineOf(key.source()), "content.unknown_key",
               "unknown key " + inQuotes(key.str()) + " in " + where + " (allowed: " + joined(allowed) + ")");
    }
}

const toml::node* TomlFieldReader::required(const toml::table& table, std::string_view key,
                                            const std::string& where, int whereLine) {
    const toml::node* node = table.get(key);
    if (!node) report(whereLine, "content.missing_key", where + " has no " + std::string(key));
    return node;
}

std::optional<std::string> TomlFieldReader::readString(const toml::node& node, const std::string& what) {
    if (const auto* value = node.as_string()) return value->get();
    report(lineOf(node), "content.wrong_type", what + " must be a text in quotes");
    return std::nullopt;
}

std::optional<Text> TomlFieldReader::readText(const toml::node& node, const std::string& what) {
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

std::optional<Text> TomlFieldReader::readRequiredText(const toml::table& table, std::string_view key,
                                                      const std::string& where, int whereLine) {
    const toml::node* node = required(table, key, where, whereLine);
    if (!node) return std::nullopt;
    return readText(*node, where + " " + std::string(key));
}

std::vector<Text> TomlFieldReader::readTextList(const toml::node& node, const std::string& what) {
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

std::optional<bool> TomlFieldReader::readBool(const toml::node& node, const std::string& what) {
    if (const auto* value = node.as_boolean()) return value->get();
    report(lineOf(node), "content.wrong_type", what + " must be true or false");
    return std::nullopt;
}

}  // namespace kiosk::content
