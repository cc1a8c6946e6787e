#include "kiosk/i18n/Catalogue.h"

#include <toml++/toml.h>

#include <algorithm>

#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"

namespace kiosk::i18n {
namespace {

std::size_t indexOf(Language language) {
    return language == Language::En ? 1 : 0;
}

std::string where(std::string_view sourceName, const toml::source_region& region) {
    return std::string(sourceName) + ":" + std::to_string(region.begin.line);
}

void flatten(const toml::table& table, const std::string& prefix, std::string_view sourceName,
             std::array<std::string, kMessageCount>& texts, std::vector<bool>& seen,
             std::vector<CatalogueProblem>& problems) {
    for (const auto& [key, node] : table) {
        const std::string fullKey = prefix + std::string(key.str());
        if (const toml::table* nested = node.as_table()) {
            flatten(*nested, fullKey + ".", sourceName, texts, seen, problems);
            continue;
        }
        const auto found = std::find(kMessageKeys.begin(), kMessageKeys.end(), fullKey);
        if (found == kMessageKeys.end()) {
            problems.push_back({where(sourceName, key.source()), "unknown key '" + fullKey + "'"});
            continue;
        }
        const auto value = node.value<std::string>();
        if (!value || value->empty()) {
            problems.push_back(
                {where(sourceName, node.source()), "'" + fullKey + "' must be a non-empty text"});
            continue;
        }
        const auto index = static_cast<std::size_t>(found - kMessageKeys.begin());
        texts[index] = *value;
        seen[index] = true;
    }
}

}  // namespace

std::vector<CatalogueProblem> Catalogue::parse(Catalogue& into, Language language, std::string_view tomlText,
                                               std::string_view sourceName) {
    std::vector<CatalogueProblem> problems;
    if (const auto problem = checkTomlLimits(tomlText)) {
        problems.push_back({std::string(sourceName) + ":" + std::to_string(problem->line), problem->message});
        return problems;
    }
    toml::table root;
    try {
        root = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& error) {
        problems.push_back({where(sourceName, error.source()), std::string(error.description())});
        return problems;
    }
    auto& texts = into.texts_[indexOf(language)];
    std::vector<bool> seen(kMessageCount, false);
    flatten(root, "", sourceName, texts, seen, problems);
    for (std::size_t i = 0; i < kMessageCount; ++i) {
        if (!seen[i])
            problems.push_back(
                {std::string(sourceName), "missing key '" + std::string(kMessageKeys[i]) + "'"});
    }
    return problems;
}

Catalogue Catalogue::loadDir(const std::filesystem::path& dir, std::vector<CatalogueProblem>& problems) {
    Catalogue catalogue;
    for (Language language : {Language::Vi, Language::En}) {
        const auto file = dir / (std::string(languageCode(language)) + ".toml");
        auto text = readTextFile(file);
        if (!text) {
            problems.push_back({file.string(), text.error().message});
            continue;
        }
        auto found = parse(catalogue, language, *text, file.filename().string());
        problems.insert(problems.end(), found.begin(), found.end());
    }
    return catalogue;
}

const std::string& Catalogue::text(Language language, MessageId id) const {
    const auto index = static_cast<std::size_t>(id);
    const std::string& wanted = texts_[indexOf(language)][index];
    if (!wanted.empty()) return wanted;
    const std::string& other = texts_[1 - indexOf(language)][index];
    if (!other.empty()) return other;
    static const std::array<std::string, kMessageCount> keys = [] {
        std::array<std::string, kMessageCount> all;
        for (std::size_t i = 0; i < kMessageCount; ++i)
            all[i] = std::string(kMessageKeys[i]);
        return all;
    }();
    return keys[index];
}

std::string formatMessage(std::string_view pattern, const std::map<std::string, std::string>& values) {
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const auto found = values.find(std::string(pattern.substr(i + 1, close - i - 1)));
                if (found != values.end()) {
                    out += found->second;
                    i = close;
                    continue;
                }
            }
        }
        out += pattern[i];
    }
    return out;
}

}  // namespace kiosk::i18n
