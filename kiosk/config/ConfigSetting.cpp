#include "kiosk/config/ConfigSetting.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include "kiosk/TomlLimits.h"

namespace kiosk::config {

std::string tomlLiteral(const ConfigValue& value) {
    if (const auto* number = std::get_if<int64_t>(&value)) return std::to_string(*number);
    std::string out = "\"";
    for (const char c : std::get<std::string>(value)) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (byte < 0x20 || byte == 0x7f) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
                    out += escaped;
                } else {
                    out += c;  // UTF-8 passes through: TOML files are UTF-8
                }
        }
    }
    return out + "\"";
}

namespace {

// One change to the text: replace `length` bytes at `offset`.
struct Splice {
    std::size_t offset;
    std::size_t length;
    std::string replacement;
};

class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') starts_.push_back(i + 1);
        }
    }

    // Byte offset of a toml++ position: 1-based line, 1-based column counted in code points.
    std::optional<std::size_t> offsetOf(const toml::source_position& position) const {
        if (position.line == 0 || position.line > starts_.size() || position.column == 0) return std::nullopt;
        std::size_t offset = starts_[position.line - 1];
        for (toml::source_index column = 1; column < position.column; ++column) {
            if (offset >= text_.size() || text_[offset] == '\n') return std::nullopt;
            ++offset;
            while (offset < text_.size() && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80)
                ++offset;
        }
        return offset;
    }

    // Where the line after `line` (1-based) starts; the text's end for the last line.
    std::size_t startOfLineAfter(toml::source_index line) const {
        return line < starts_.size() ? starts_[line] : text_.size();
    }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

void assign(toml::table& table, const ConfigSetting& setting) {
    if (const auto* number = std::get_if<int64_t>(&setting.value)) {
        table.insert_or_assign(setting.key, *number);
    } else {
        table.insert_or_assign(setting.key, std::get<std::string>(setting.value));
    }
}

// The parsed document with the settings applied: what the edited text must parse to.
std::size_t codePoints(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Replaces a value; a comment after it on the same line stays in its column where there is room,
// so the aligned comments of the shipped config stay aligned.
Splice replaceKeepingCommentColumn(std::string_view text, const toml::source_region& region,
                                   std::size_t begin, std::size_t end, std::string literal) {
    std::size_t spacesEnd = end;
    while (spacesEnd < text.size() && text[spacesEnd] == ' ')
        ++spacesEnd;
    if (region.begin.line != region.end.line || spacesEnd == end || spacesEnd >= text.size() ||
        text[spacesEnd] != '#') {
        return Splice{begin, end - begin, std::move(literal)};
    }
    const std::size_t width = (region.end.column - region.begin.column) + (spacesEnd - end);
    const std::size_t used = codePoints(literal);
    literal.append(width > used ? width - used : 1, ' ');
    return Splice{begin, spacesEnd - begin, std::move(literal)};
}

toml::table expectedDocument(const toml::table& original, std::span<const ConfigSetting> settings) {
    toml::table expected = original;
    for (const ConfigSetting& setting : settings) {
        if (!expected.get_as<toml::table>(setting.section))
            expected.insert_or_assign(setting.section, toml::table{});
        assign(*expected.get_as<toml::table>(setting.section), setting);
    }
    return expected;
}

std::string lineFor(const ConfigSetting& setting) {
    return setting.key + " = " + tomlLiteral(setting.value) + "\n";
}

// The in-place edits for the plain layout, or nullopt when the layout is another one.
std::optional<std::vector<Splice>> plainEdits(std::string_view text, const toml::table& root,
                                              std::span<const ConfigSetting> settings) {
    const LineIndex lines(text);
    std::vector<Splice> splices;
    std::map<std::string, std::vector<const ConfigSetting*>> bySection;
    std::vector<std::string> sectionOrder;
    for (const ConfigSetting& setting : settings) {
        if (!bySection.contains(setting.section)) sectionOrder.push_back(setting.section);
        bySection[setting.section].push_back(&setting);
    }

    std::string newSections;
    for (const std::string& section : sectionOrder) {
        const std::vector<const ConfigSetting*>& wanted = bySection[section];
        const toml::node* sectionNode = root.get(section);
        if (!sectionNode) {
            newSections += "\n[" + section + "]\n";
            for (const ConfigSetting* setting : wanted)
                newSections += lineFor(*setting);
            continue;
        }
        const toml::table* table = sectionNode->as_table();
        if (!table || table->is_inline() || table->source().begin.line == 0) return std::nullopt;

        // New keys go right after the section's last `key = value`, before any comment or blank
        // line that introduces the next section.
        toml::source_index lastLine = table->source().begin.line;
        for (const auto& [key, node] : *table) {
            if (node.is_table() || node.is_array_of_tables()) return std::nullopt;
            lastLine = std::max(lastLine, node.source().end.line);
        }
        std::string added;
        for (const ConfigSetting* setting : wanted) {
            const toml::node* existing = table->get(setting->key);
            if (!existing) {
                added += lineFor(*setting);
                continue;
            }
            if (!existing->is_value()) return std::nullopt;
            const auto begin = lines.offsetOf(existing->source().begin);
            const auto end = lines.offsetOf(existing->source().end);
            if (!begin || !end || *end < *begin) return std::nullopt;
            splices.push_back(replaceKeepingCommentColumn(text, existing->source(), *begin, *end,
                                                          tomlLiteral(setting->value)));
        }
        if (!added.empty()) {
            const std::size_t at = lines.startOfLineAfter(lastLine);
            // The section's last line may be the file's last line without a newline.
            if (at == text.size() && !text.empty() && text.back() != '\n') added.insert(0, "\n");
            splices.push_back({at, 0, added});
        }
    }
    if (!newSections.empty()) {
        if (!text.empty() && text.back() != '\n') newSections.insert(0, "\n");
        splices.push_back({text.size(), 0, newSections});
    }
    return splices;
}

std::string applySplices(std::string_view text, std::vector<Splice> splices) {
    // From the end backwards, so earlier offsets stay valid; stable keeps inserts in order.
    std::stable_sort(splices.begin(), splices.end(),
                     [](const Splice& a, const Splice& b) { return a.offset > b.offset; });
    std::string out(text);
    for (const Splice& splice : splices)
        out.replace(splice.offset, splice.length, splice.replacement);
    return out;
}

bool parsesTo(const std::string& text, const toml::table& expected) {
    try {
        return toml::parse(std::string_view(text)) == expected;
    } catch (const toml::parse_error&) {
        return false;
    }
}

}  // namespace

Result<std::string> setInConfigText(std::string_view text, std::string_view sourceName,
                                    std::span<const ConfigSetting> settings) {
    if (auto refused = tomlLimitError(text, sourceName, "config.syntax")) return *refused;
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& error) {
        return Error{"config.syntax", std::string(sourceName) + ":" +
                                          std::to_string(error.source().begin.line) + ": " +
                                          std::string(error.description())};
    }
    for (const ConfigSetting& setting : settings) {
        if (const toml::node* section = root.get(setting.section); section && !section->is_table()) {
            return Error{"config.bad_value",
                         std::string(sourceName) + ":" + std::to_string(section->source().begin.line) +
                             ": '" + setting.section + "' must be a table like [" + setting.section + "]"};
        }
    }
    const toml::table expected = expectedDocument(root, settings);

    if (auto splices = plainEdits(text, root, settings)) {
        std::string edited = applySplices(text, std::move(*splices));
        if (parsesTo(edited, expected)) return edited;
    }
    // Not our plain layout: write the values out again. Comments cannot be kept then.
    std::ostringstream rewritten;
    rewritten << "# Rewritten by commune-kiosk: this file's layout could not be edited in place,\n"
                 "# so its comments were dropped. The values are unchanged except those provisioned.\n\n"
              << toml::toml_formatter(expected) << "\n";
    if (!parsesTo(rewritten.str(), expected)) {
        return Error{"config.edit_failed", "could not write the new values into " + std::string(sourceName) +
                                               " in a form that reads back the same; nothing was changed"};
    }
    return rewritten.str();
}

}  // namespace kiosk::config
