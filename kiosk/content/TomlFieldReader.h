// Reads the fields of one content TOML file and collects a ContentProblem for each thing wrong,
// instead of stopping at the first, so an author fixes a file in one round. Generic: it knows
// keys, texts in both languages, lists and flags, nothing about walkthroughs. Internal to the
// content loader (ContentLoader.h is the public face).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "kiosk/content/ContentProblem.h"
#include "kiosk/content/Walkthrough.h"

namespace kiosk::content {

int lineOf(const toml::source_region& region);
int lineOf(const toml::node& node);

// Ids of walkthroughs, steps, choices and sources: lowercase a-z, 0-9 and inner '-'.
bool isValidId(std::string_view id);

std::string inQuotes(std::string_view text);

class TomlFieldReader {
public:
    explicit TomlFieldReader(std::string fileName) : fileName_(std::move(fileName)) {}

    void report(int line, std::string code, std::string message);
    bool hasProblems() const { return !problems_.empty(); }
    // Every problem reported, in line order (stable, so one line keeps the order of discovery).
    std::vector<ContentProblem> takeProblems();

    // A problem for each key of `table` that is not in `allowed`, listing what is allowed.
    void rejectUnknownKeys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                           const std::string& where);
    // `table[key]`, or a problem at `whereLine` and nullptr.
    const toml::node* required(const toml::table& table, std::string_view key, const std::string& where,
                               int whereLine);

    std::optional<std::string> readString(const toml::node& node, const std::string& what);
    // { vi = "...", en = "..." }, both present, non-empty and drawable by the kiosk font.
    std::optional<Text> readText(const toml::node& node, const std::string& what);
    std::optional<Text> readRequiredText(const toml::table& table, std::string_view key,
                                         const std::string& where, int whereLine);
    // [ { vi, en }, ... ]; the good items, with a problem for each bad one.
    std::vector<Text> readTextList(const toml::node& node, const std::string& what);
    std::optional<bool> readBool(const toml::node& node, const std::string& what);

private:
    std::string fileName_;
    std::vector<ContentProblem> problems_;
};

}  // namespace kiosk::content
