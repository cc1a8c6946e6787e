#include "kiosk/config/ProvisioningBundle.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <regex>

#include "kiosk/BoundedRegex.h"
#include "kiosk/TomlLimits.h"
#include "kiosk/config/KioskConfig.h"

namespace kiosk::config {

namespace {

// Top-level keys that become [kiosk] keys in the config.
struct KioskKey {
    std::string_view bundleKey;
    std::string_view configKey;
};
constexpr std::array kKioskKeys = {KioskKey{"kiosk_id", "id"}, KioskKey{"commune_name", "commune_name"},
                                   KioskKey{"commune_code", "commune_code"}};
constexpr std::array<std::string_view, 4> kSections = {"sync", "printer", "desk", "citizen"};

Error bundleError(std::string_view sourceName, toml::source_index line, const std::string& message) {
    std::string where(sourceName);
    if (line > 0) where += ":" + std::to_string(line);
    return Error{"provisioning.bad_bundle", where + ": " + message};
}

// The config's view of the bundle: the same values as a config file, so the config's own rules
// check them, plus which bundle line each config line came from so errors point at the bundle.
class ConfigShadow {
public:
    void section(std::string_view name, toml::source_index origin) {
        add("[" + std::string(name) + "]", origin);
    }
    void value(std::string_view key, const toml::node& node) {
        std::string literal = "[]";  // not a text or number: the config rules name the right type
        if (const auto text = node.value_exact<std::string>()) {
            literal = tomlLiteral(*text);
        } else if (const auto number = node.value_exact<int64_t>()) {
            literal = std::to_string(*number);
        }
        add(bareKey(key) + " = " + literal, node.source().begin.line);
    }
    const std::string& text() const { return text_; }

    // "shadow:7: kiosk.id must be ..." -> "bundle.toml:3: kiosk_id must be ...".
    Error translate(const Error& configError, std::string_view sourceName) const {
        static const std::regex kWhere("^" + std::string(kShadowName) + ":([0-9]+): (.*)$");
        std::smatch match;
        std::string message = configError.message;
        toml::source_index line = 0;
        if (boundedRegexMatch(configError.message, match, kWhere)) {
            std::size_t shadowLine = 0;
            const std::string number = match[1].str();
            std::from_chars(number.data(), number.data() + number.size(), shadowLine);
            if (shadowLine > 0 && shadowLine <= origins_.size()) line = origins_[shadowLine - 1];
            message = match[2].str();
        }
        for (const KioskKey& key : kKioskKeys) {
            const std::string configName = "kiosk." + std::string(key.configKey);
            for (auto at = message.find(configName); at != std::string::npos; at = message.find(configName))
                message.replace(at, configName.size(), key.bundleKey);
        }
        return bundleError(sourceName, line, message);
    }

    static constexpr std::string_view kShadowName = "bundle-as-config";

private:
    static std::string bareKey(std::string_view key) {
        static const std::regex kBare("[A-Za-z0-9_-]+");
        const std::string name(key);
        return boundedRegexMatch(name, kBare) ? name : tomlLiteral(name);
    }
    void add(const std::string& line, toml::source_index origin) {
        text_ += line + "\n";
        origins_.push_back(origin);
    }
    std::string text_;
    std::vector<toml::source_index> origins_;
};

}  // namespace

Result<ProvisioningBundle> parseBundle(std::string_view text, std::string_view sourceName) {
    if (text.size() > kMaxBundleBytes) {
        return Error{"provisioning.too_large", std::string(sourceName) + " is " +
                                                   std::to_string(text.size()) +
                                                   " bytes; a provisioning bundle is at most " +
                                                   std::to_string(kMaxBundleBytes) + " bytes"};
    }
    if (auto refused = tomlLimitError(text, sourceName, "provisioning.syntax")) return *refused;
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& error) {
        return Error{"provisioning.syntax", std::string(sourceName) + ":" +
                                                std::to_string(error.source().begin.line) + ": " +
                                                std::string(error.description())};
    }

    for (const auto& [key, node] : root) {
        const std::string_view name = key.str();
        const bool known = name == "bundle_version" ||
                           std::any_of(kKioskKeys.begin(), kKioskKeys.end(),
                                       [&](const KioskKey& k) { return k.bundleKey == name; }) ||
                           std::find(kSections.begin(), kSections.end(), name) != kSections.end();
        if (!known) {
            return bundleError(sourceName, key.source().begin.line,
                               "unknown key '" + std::string(name) +
                                   "' (a bundle holds bundle_version, kiosk_id, commune_name, commune_code "
                                   "and optionally [sync], [printer], [desk], [citizen])");
        }
    }

    ProvisioningBundle bundle;
    const toml::node* version = root.get("bundle_version");
    if (!version) return bundleError(sourceName, 0, "bundle_version is missing (a whole number from 1 up)");
    const auto number = version->value_exact<int64_t>();
    if (!number || *number < 1) {
        return bundleError(sourceName, version->source().begin.line,
                           "bundle_version must be a whole number from 1 up");
    }
    bundle.version = *number;

    ConfigShadow shadow;
    shadow.section("kiosk", 0);
    for (const KioskKey& key : kKioskKeys) {
        const toml::node* node = root.get(key.bundleKey);
        if (!node) return bundleError(sourceName, 0, std::string(key.bundleKey) + " is missing");
        shadow.value(key.configKey, *node);
    }
    for (const std::string_view name : kSections) {
        const toml::node* node = root.get(name);
        if (!node) continue;
        const toml::table* table = node->as_table();
        if (!table) {
            return bundleError(sourceName, node->source().begin.line,
                               std::string(name) + " must be a table like [" + std::string(name) + "]");
        }
        shadow.section(name, node->source().begin.line);
        for (const auto& [key, value] : *table)
            shadow.value(key.str(), value);
    }

    auto checked = parseConfig(shadow.text(), ConfigShadow::kShadowName);
    if (!checked) return shadow.translate(checked.error(), sourceName);
    if (checked->communeCode.empty()) {
        return bundleError(sourceName, root.get("commune_code")->source().begin.line,
                           "commune_code must be the 5-digit commune code, e.g. \"09877\"");
    }
    bundle.kioskId = checked->kioskId;
    bundle.communeName = checked->communeName;
    bundle.communeCode = checked->communeCode;

    // The values passed the config's rules, so each is a text or a whole number.
    auto settingFrom = [](std::string_view section, std::string_view key, const toml::node& node) {
        ConfigValue value = std::string();
        if (const auto textValue = node.value_exact<std::string>()) value = *textValue;
        if (const auto intValue = node.value_exact<int64_t>()) value = *intValue;
        return ConfigSetting{std::string(section), std::string(key), std::move(value)};
    };
    for (const KioskKey& key : kKioskKeys)
        bundle.settings.push_back(settingFrom("kiosk", key.configKey, *root.get(key.bundleKey)));
    for (const std::string_view name : kSections) {
        if (const toml::table* table = root.get_as<toml::table>(name)) {
            for (const auto& [key, value] : *table)
                bundle.settings.push_back(settingFrom(name, key.str(), value));
        }
    }
    return bundle;
}

}  // namespace kiosk::config
