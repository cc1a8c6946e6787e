#include "kiosk/config/KioskConfig.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "kiosk/Files.h"

namespace kiosk::config {
namespace {

std::string where(std::string_view sourceName, const toml::source_region& region) {
    return std::string(sourceName) + ":" + std::to_string(region.begin.line);
}

Error configError(std::string_view sourceName, const toml::node& node, const std::string& message) {
    return Error{"config.bad_value", where(sourceName, node.source()) + ": " + message};
}

// Walks one table, rejecting keys it does not know so a typo never silently falls back to a default.
class TableReader {
public:
    TableReader(const toml::table& table, std::string_view sourceName, std::string prefix,
                std::set<std::string> known)
        : table_(table), sourceName_(sourceName), prefix_(std::move(prefix)), known_(std::move(known)) {}

    std::optional<Error> unknownKey() const {
        for (const auto& [key, node] : table_) {
            if (!known_.contains(std::string(key.str()))) {
                return Error{"config.unknown_key", where(sourceName_, key.source()) + ": unknown key '" +
                                                       prefix_ + std::string(key.str()) + "'"};
            }
        }
        return std::nullopt;
    }

    const toml::node* get(std::string_view key) const { return table_.get(key); }
    std::string name(std::string_view key) const { return prefix_ + std::string(key); }
    std::string_view sourceName() const { return sourceName_; }

private:
    const toml::table& table_;
    std::string_view sourceName_;
    std::string prefix_;
    std::set<std::string> known_;
};

std::optional<Error> readString(const TableReader& reader, std::string_view key, std::string& out) {
    const toml::node* node = reader.get(key);
    if (!node) return std::nullopt;
    const auto value = node->value<std::string>();
    if (!value)
        return configError(reader.sourceName(), *node, reader.name(key) + " must be a text in quotes");
    out = *value;
    return std::nullopt;
}

std::optional<Error> readInt(const TableReader& reader, std::string_view key, int low, int high, int& out) {
    const toml::node* node = reader.get(key);
    if (!node) return std::nullopt;
    const auto value = node->value<int64_t>();
    if (!node->is_integer() || !value || *value < low || *value > high) {
        return configError(reader.sourceName(), *node,
                           reader.name(key) + " must be a whole number from " + std::to_string(low) + " to " +
                               std::to_string(high));
    }
    out = static_cast<int>(*value);
    return std::nullopt;
}

std::optional<Error> readKioskTable(const TableReader& reader, const toml::node& tableNode,
                                    KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (auto error = readString(reader, "id", config.kioskId)) return error;
    if (auto error = readString(reader, "commune_name", config.communeName)) return error;
    static const std::regex kIdPattern("[A-Za-z0-9_-]{1,32}");
    if (!std::regex_match(config.kioskId, kIdPattern)) {
        const toml::node* node = reader.get("id");
        return configError(reader.sourceName(), node ? *node : tableNode,
                           "kiosk.id must be 1 to 32 letters, digits, '-' or '_'");
    }
    if (config.communeName.empty() || config.communeName.size() > 120) {
        const toml::node* node = reader.get("commune_name");
        return configError(reader.sourceName(), node ? *node : tableNode,
                           "kiosk.commune_name must be 1 to 120 bytes of text");
    }
    return std::nullopt;
}

std::optional<Error> readCitizenTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (const toml::node* node = reader.get("language")) {
        const auto code = node->value<std::string>();
        const auto language = code ? i18n::languageFromCode(*code) : std::nullopt;
        if (!language)
            return configError(reader.sourceName(), *node, "citizen.language must be \"vi\" or \"en\"");
        config.language = *language;
    }
    if (auto error = readInt(reader, "idle_seconds", 15, 3600, config.idleSeconds)) return error;
    // Elderly citizens need time to read the question: never less than 20 s (DESIGN.md).
    if (auto error = readInt(reader, "idle_countdown_seconds", 20, 300, config.idleCountdownSeconds))
        return error;
    return std::nullopt;
}

std::optional<Error> readStorageTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    std::string dataDir;
    if (auto error = readString(reader, "data_dir", dataDir)) return error;
    if (const toml::node* node = reader.get("data_dir")) {
        if (dataDir.empty() || dataDir.front() != '/') {
            return configError(reader.sourceName(), *node, "storage.data_dir must be an absolute path");
        }
        config.dataDir = dataDir;
    }
    return std::nullopt;
}

}  // namespace

Result<KioskConfig> parseConfig(std::string_view tomlText, std::string_view sourceName) {
    toml::table root;
    try {
        root = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& error) {
        return Error{"config.syntax",
                     where(sourceName, error.source()) + ": " + std::string(error.description())};
    }

    KioskConfig config;
    config.source = std::string(sourceName);
    for (const auto& [key, node] : root) {
        const std::string section(key.str());
        const toml::table* table = node.as_table();
        if (section != "kiosk" && section != "citizen" && section != "storage") {
            return Error{"config.unknown_key", where(sourceName, key.source()) + ": unknown section '" +
                                                   section + "' (expected [kiosk], [citizen] or [storage])"};
        }
        if (!table)
            return configError(sourceName, node, "'" + section + "' must be a table like [" + section + "]");

        std::optional<Error> error;
        if (section == "kiosk") {
            error = readKioskTable(TableReader(*table, sourceName, "kiosk.", {"id", "commune_name"}), node,
                                   config);
        } else if (section == "citizen") {
            error = readCitizenTable(TableReader(*table, sourceName, "citizen.",
                                                 {"language", "idle_seconds", "idle_countdown_seconds"}),
                                     config);
        } else {
            error = readStorageTable(TableReader(*table, sourceName, "storage.", {"data_dir"}), config);
        }
        if (error) return *error;
    }
    return config;
}

Result<KioskConfig> loadConfigFile(const std::filesystem::path& file) {
    auto text = readTextFile(file);
    if (!text) return Error{"config.unreadable", text.error().message};
    return parseConfig(*text, file.string());
}

Result<KioskConfig> loadConfig(const std::optional<std::filesystem::path>& explicitFile,
                               const std::filesystem::path& installedDefault) {
    if (explicitFile) return loadConfigFile(*explicitFile);
    std::error_code ignored;
    if (std::filesystem::exists(installedDefault, ignored)) return loadConfigFile(installedDefault);
    return KioskConfig{};
}

std::filesystem::path defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') {
        return std::filesystem::path(xdg) / "commune-kiosk";
    }
    if (const char* home = std::getenv("HOME"); home && *home == '/') {
        return std::filesystem::path(home) / ".local/share/commune-kiosk";
    }
    return "/var/lib/commune-kiosk";
}

}  // namespace kiosk::config
