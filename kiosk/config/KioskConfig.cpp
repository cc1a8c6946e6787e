#include "kiosk/config/KioskConfig.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "kiosk/BoundedRegex.h"
#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"
#include "kiosk/config/CentreAddress.h"
#include "kiosk/sync/SyncSettings.h"

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

std::optional<Error> readBool(const TableReader& reader, std::string_view key, bool& out) {
    const toml::node* node = reader.get(key);
    if (!node) return std::nullopt;
    if (!node->is_boolean())
        return configError(reader.sourceName(), *node, reader.name(key) + " must be true or false");
    out = *node->value<bool>();
    return std::nullopt;
}

std::optional<Error> readKioskTable(const TableReader& reader, const toml::node& tableNode,
                                    KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (auto error = readString(reader, "id", config.kioskId)) return error;
    if (auto error = readString(reader, "commune_name", config.communeName)) return error;
    if (auto error = readString(reader, "commune_code", config.communeCode)) return error;
    if (auto error = readString(reader, "opening_hours", config.openingHours)) return error;
    if (config.openingHours.size() > 160) {
        return configError(reader.sourceName(), *reader.get("opening_hours"),
                           "kiosk.opening_hours must be at most 160 bytes: it is printed on a slip");
    }
    static const std::regex kCommuneCode("[0-9]{5}");
    if (!config.communeCode.empty() && !boundedRegexMatch(config.communeCode, kCommuneCode)) {
        return configError(reader.sourceName(), *reader.get("commune_code"),
                           "kiosk.commune_code must be the 5-digit commune code, e.g. \"09877\"");
    }
    static const std::regex kIdPattern("[A-Za-z0-9_-]{1,32}");
    if (!boundedRegexMatch(config.kioskId, kIdPattern)) {
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

// [desk] services = ["A", "B"]: capital letters, each once; an empty list means every line.
std::optional<Error> readDeskServices(const TableReader& reader, DeskConfig& desk) {
    const toml::node* node = reader.get("services");
    if (!node) return std::nullopt;
    const auto bad = [&](const toml::node& at) {
        return configError(
            reader.sourceName(), at,
            reader.name("services") + " must be a list of service letters, e.g. [\"A\", \"B\"]");
    };
    const toml::array* list = node->as_array();
    if (!list) return bad(*node);
    std::string letters;
    for (const toml::node& item : *list) {
        const auto letter = item.value<std::string>();
        if (!letter || letter->size() != 1 || (*letter)[0] < 'A' || (*letter)[0] > 'Z') return bad(item);
        if (letters.find((*letter)[0]) != std::string::npos) {
            return configError(reader.sourceName(), item,
                               reader.name("services") + " lists '" + *letter + "' twice");
        }
        letters += (*letter)[0];
    }
    desk.services = letters;
    return std::nullopt;
}

std::optional<Error> readDeskTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    DeskConfig& desk = config.desk;
    if (auto error = readInt(reader, "volunteer_idle_seconds", 30, 3600, desk.volunteerIdleSeconds))
        return error;
    if (auto error = readInt(reader, "priority_in_a_row", 1, 10, desk.priorityInARow)) return error;
    if (auto error = readInt(reader, "normal_in_a_row", 1, 10, desk.normalInARow)) return error;
    if (auto error = readInt(reader, "recall_window", 0, 50, desk.recallWindow)) return error;
    if (auto error = readInt(reader, "number", 1, 99, desk.number)) return error;
    return readDeskServices(reader, desk);
}

std::optional<Error> readPrinterTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (auto error = readString(reader, "device", config.printer)) return error;
    static const std::regex kDevice("(/dev/usb/lp[0-9]+|tcp:[A-Za-z0-9.-]+:[0-9]{1,5}|file:/.+)?");
    if (!boundedRegexMatch(config.printer, kDevice)) {
        return configError(reader.sourceName(), *reader.get("device"),
                           "printer.device must be \"\" (none), \"/dev/usb/lpN\", \"tcp:HOST:PORT\" or "
                           "\"file:/absolute/path\"");
    }
    return std::nullopt;
}

std::optional<Error> readSpeechTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (auto error = readBool(reader, "enabled", config.speech.enabled)) return error;
    return readInt(reader, "volume", 0, 100, config.speech.volume);
}

std::optional<Error> readSyncTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    SyncConfig& sync = config.sync;
    if (auto error = readString(reader, "server_url", sync.serverUrl)) return error;
    if (auto error = readString(reader, "token", sync.token)) return error;
    if (auto error = readString(reader, "pinned_public_key", sync.pinnedPublicKey)) return error;
    if (!sync.serverUrl.empty() && !sync.serverUrl.starts_with("https://")) {
        return configError(reader.sourceName(), *reader.get("server_url"),
                           "sync.server_url must start with https:// (events are never sent in clear)");
    }
    // An empty token is allowed here (the server may come later, see doctor); any other must pass
    // the sync thread's own rule, or the kiosk would run with sync silently off.
    if (const auto bad = sync::checkToken(sync.token); bad && *bad != sync::TokenProblem::Missing) {
        return Error{std::string(kTokenErrorPrefix) + std::string(sync::tokenProblemName(*bad)),
                     where(reader.sourceName(), reader.get("token")->source()) +
                         ": sync.token: " + sync::tokenProblemText(*bad) +
                         "; copy the token the province issued again, exactly"};
    }
    if (!sync.pinnedPublicKey.empty() && !sync.pinnedPublicKey.starts_with("sha256//")) {
        return configError(reader.sourceName(), *reader.get("pinned_public_key"),
                           "sync.pinned_public_key must look like \"sha256//<base64 of the key hash>\"");
    }
    return std::nullopt;
}

std::optional<Error> readProvisioningTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (auto error = readString(reader, "public_key", config.provisioningPublicKey)) return error;
    static const std::regex kBase64Key("[A-Za-z0-9+/]{43}=");
    if (!config.provisioningPublicKey.empty() &&
        !boundedRegexMatch(config.provisioningPublicKey, kBase64Key)) {
        return configError(reader.sourceName(), *reader.get("public_key"),
                           "provisioning.public_key must be the province's Ed25519 public key in base64 "
                           "(44 characters, from `commune-kiosk keygen`)");
    }
    return std::nullopt;
}

std::optional<Error> readCentreTable(const TableReader& reader, KioskConfig& config) {
    if (auto error = reader.unknownKey()) return error;
    if (auto error = readString(reader, "database", config.centre.database)) return error;
    if (const toml::node* node = reader.get("database")) {
        if (auto problem = centreDatabaseProblem(config.centre.database))
            return configError(reader.sourceName(), *node, *problem);
    }
    std::string pepper;
    if (auto error = readString(reader, "household_pepper", pepper)) return error;
    if (const toml::node* node = reader.get("household_pepper")) {
        if (pepper.empty() || pepper.front() != '/') {
            return configError(reader.sourceName(), *node,
                               "centre.household_pepper must be an absolute path");
        }
        config.centre.householdPepper = pepper;
    }
    return std::nullopt;
}

}  // namespace

std::optional<sync::TokenProblem> tokenProblemOf(const Error& error) {
    if (!error.code.starts_with(kTokenErrorPrefix)) return std::nullopt;
    return sync::tokenProblemFromName(std::string_view(error.code).substr(kTokenErrorPrefix.size()));
}

Result<KioskConfig> parseConfig(std::string_view tomlText, std::string_view sourceName) {
    if (auto refused = tomlLimitError(tomlText, sourceName, "config.syntax")) return *refused;
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
        static const std::set<std::string> kSections = {
            "kiosk", "citizen", "storage", "desk", "printer", "speech", "sync", "centre", "provisioning"};
        if (!kSections.contains(section)) {
            return Error{
                "config.unknown_key",
                where(sourceName, key.source()) + ": unknown section '" + section +
                    "' (expected [kiosk], [citizen], [storage], [desk], [printer], [speech], [sync], "
                    "[centre] or [provisioning])"};
        }
        if (!table)
            return configError(sourceName, node, "'" + section + "' must be a table like [" + section + "]");

        std::optional<Error> error;
        if (section == "kiosk") {
            error = readKioskTable(TableReader(*table, sourceName, "kiosk.",
                                               {"id", "commune_name", "commune_code", "opening_hours"}),
                                   node, config);
        } else if (section == "citizen") {
            error = readCitizenTable(TableReader(*table, sourceName, "citizen.",
                                                 {"language", "idle_seconds", "idle_countdown_seconds"}),
                                     config);
        } else if (section == "storage") {
            error = readStorageTable(TableReader(*table, sourceName, "storage.", {"data_dir"}), config);
        } else if (section == "desk") {
            error = readDeskTable(TableReader(*table, sourceName, "desk.",
                                              {"volunteer_idle_seconds", "priority_in_a_row",
                                               "normal_in_a_row", "recall_window", "number", "services"}),
                                  config);
        } else if (section == "printer") {
            error = readPrinterTable(TableReader(*table, sourceName, "printer.", {"device"}), config);
        } else if (section == "speech") {
            error =
                readSpeechTable(TableReader(*table, sourceName, "speech.", {"enabled", "volume"}), config);
        } else if (section == "sync") {
            error = readSyncTable(
                TableReader(*table, sourceName, "sync.", {"server_url", "token", "pinned_public_key"}),
                config);
        } else if (section == "centre") {
            error = readCentreTable(
                TableReader(*table, sourceName, "centre.", {"database", "household_pepper"}), config);
        } else {
            error = readProvisioningTable(TableReader(*table, sourceName, "provisioning.", {"public_key"}),
                                          config);
        }
        if (error) return *error;
    }
    return config;
}

Result<KioskConfig> loadConfigFile(const std::filesystem::path& file) {
    auto text = readTextFile(file, kMaxTomlBytes);
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
