#include "kiosk/centre/QueueEvent.h"

#include <nlohmann/json.hpp>

#include <array>
#include <utility>

namespace kiosk::centre {
namespace {

constexpr std::array kKindNames = {
    std::pair{QueueEventKind::Issued, std::string_view("issued")},
    std::pair{QueueEventKind::Called, std::string_view("called")},
    std::pair{QueueEventKind::Recalled, std::string_view("recalled")},
    std::pair{QueueEventKind::NoShow, std::string_view("no_show")},
    std::pair{QueueEventKind::Done, std::string_view("done")},
    std::pair{QueueEventKind::Transferred, std::string_view("transferred")},
};

std::string textField(const nlohmann::json& object, const char* name) {
    auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

std::string_view queueEventName(QueueEventKind kind) {
    for (const auto& [known, name] : kKindNames)
        if (known == kind) return name;
    return "other";
}

std::optional<QueueEvent> parseQueueEvent(std::string_view payload) {
    const nlohmann::json object = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) return std::nullopt;
    QueueEvent event;
    event.id = textField(object, "id");
    event.number = textField(object, "number");
    const std::string service = textField(object, "service");
    if (event.id.empty() || event.number.empty() || service.size() != 1 || service[0] < 'A' ||
        service[0] > 'Z')
        return std::nullopt;
    event.service = service[0];
    const std::string kind = textField(object, "event");
    for (const auto& [known, name] : kKindNames)
        if (name == kind) event.kind = known;
    // An unknown status is treated like an unknown kind: the listener cannot apply it.
    if (auto status = queue::stateFromName(textField(object, "status"))) {
        event.status = *status;
    } else {
        event.kind = QueueEventKind::Other;
    }
    if (auto desk = object.find("desk"); desk != object.end() && desk->is_number_integer())
        event.desk = desk->get<int>();
    return event;
}

}  // namespace kiosk::centre
