#include "kiosk/queue/Service.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>
#include <string>

#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"

namespace kiosk::queue {
namespace {

std::string where(std::string_view sourceName, const toml::source_region& region) {
    return std::string(sourceName) + ":" + std::to_string(region.begin.line);
}

Error badValue(std::string_view sourceName, const toml::node& node, const std::string& message) {
    return Error{"services.bad_value", where(sourceName, node.source()) + ": " + message};
}

Result<Service> readService(const toml::table& table, std::string_view sourceName) {
    static const std::set<std::string> kKnown = {"letter", "vi", "en", "skills"};
    for (const auto& [key, node] : table) {
        if (!kKnown.contains(std::string(key.str()))) {
            return Error{"services.unknown_key", where(sourceName, key.source()) + ": unknown key '" +
                                                     std::string(key.str()) +
                                                     "' (expected letter, vi, en and skills)"};
        }
    }
    auto required = [&](std::string_view key) -> Result<std::string> {
        const toml::node* node = table.get(key);
        if (!node) {
            return Error{"services.bad_value", where(sourceName, table.source()) + ": this service needs '" +
                                                   std::string(key) + "'"};
        }
        const auto value = node->value<std::string>();
        if (!value || value->empty())
            return badValue(sourceName, *node, std::string(key) + " must be a non-empty text in quotes");
        return *value;
    };

    Service service;
    auto letter = required("letter");
    if (!letter) return letter.error();
    if (letter->size() != 1 || (*letter)[0] < 'A' || (*letter)[0] > 'Z')
        return badValue(sourceName, *table.get("letter"), "letter must be one capital letter from A to Z");
    service.letter = (*letter)[0];
    auto vi = required("vi");
    if (!vi) return vi.error();
    auto en = required("en");
    if (!en) return en.error();
    service.name = {*vi, *en};

    const toml::node* skillsNode = table.get("skills");
    if (!skillsNode) {
        return Error{"services.bad_value", where(sourceName, table.source()) +
                                               ": this service needs 'skills', e.g. [\"public_services\"]"};
    }
    const toml::array* skills = skillsNode->as_array();
    if (!skills || skills->empty())
        return badValue(sourceName, *skillsNode, "skills must be a list with at least one skill");
    for (const toml::node& item : *skills) {
        const auto name = item.value<std::string>();
        const auto skill = name ? content::skillFromName(*name) : std::nullopt;
        if (!skill) {
            return badValue(sourceName, item,
                            "unknown skill; use public_services, online_shopping, online_payment, "
                            "self_protection or local_platforms");
        }
        if (std::ranges::find(service.skills, *skill) != service.skills.end())
            return badValue(sourceName, item, "skill '" + *name + "' is listed twice");
        service.skills.push_back(*skill);
    }
    return service;
}

}  // namespace

Result<std::vector<Service>> parseServices(std::string_view tomlText, std::string_view sourceName) {
    if (auto refused = tomlLimitError(tomlText, sourceName, "services.syntax")) return *refused;
    toml::table root;
    try {
        root = toml::parse(tomlText, sourceName);
    } catch (const toml::parse_error& error) {
        return Error{"services.syntax",
                     where(sourceName, error.source()) + ": " + std::string(error.description())};
    }
    for (const auto& [key, node] : root) {
        if (key.str() != "service") {
            return Error{"services.unknown_key", where(sourceName, key.source()) + ": unknown key '" +
                                                     std::string(key.str()) +
                                                     "' (expected [[service]] tables)"};
        }
    }
    const toml::node* list = root.get("service");
    const toml::array* array = list ? list->as_array() : nullptr;
    if (!array || array->empty()) {
        const std::string at = list ? where(sourceName, list->source()) : std::string(sourceName) + ":1";
        return Error{"services.bad_value", at + ": no services; add at least one [[service]] table"};
    }

    std::vector<Service> services;
    for (const toml::node& node : *array) {
        const toml::table* table = node.as_table();
        if (!table) return badValue(sourceName, node, "each service must be a [[service]] table");
        auto service = readService(*table, sourceName);
        if (!service) return service.error();
        if (findService(services, service->letter)) {
            return badValue(sourceName, *table->get("letter"),
                            std::string("letter ") + service->letter + " is used by two services");
        }
        services.push_back(std::move(*service));
    }
    return services;
}

Result<std::vector<Service>> loadServicesFile(const std::filesystem::path& file) {
    auto text = readTextFile(file);
    if (!text) return Error{"services.unreadable", text.error().message};
    return parseServices(*text, file.string());
}

const Service* findService(const std::vector<Service>& services, char letter) {
    const auto found = std::ranges::find(services, letter, &Service::letter);
    return found == services.end() ? nullptr : &*found;
}

}  // namespace kiosk::queue
