// The services a citizen can take a ticket for, read from assets/services.toml. Reads the file;
// never writes. A broken file is refused whole with `file:line: message`, and unknown keys are
// errors, so a typo never silently drops a service from the ticket screen.
//
// The schema, by example:
//
//   [[service]]
//   letter = "A"                        # one capital letter A-Z, unique; printed on the ticket
//   vi = "Hỗ trợ VNeID"                 # the name on the ticket screen, both languages required
//   en = "VNeID help"
//   skills = ["public_services"]        # at least one of: public_services | online_shopping |
//                                       # online_payment | self_protection | local_platforms
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/content/Walkthrough.h"

namespace kiosk::queue {

using content::Skill;

struct Service {
    char letter = 'A';
    content::Text name;         // { vi, en }
    std::vector<Skill> skills;  // which volunteers can help: their team's digital skills

    bool operator==(const Service&) const = default;
};

// Errors: code "services.syntax", "services.unknown_key", "services.bad_value" or
// "services.unreadable"; the message starts with `file:line: `.
Result<std::vector<Service>> parseServices(std::string_view tomlText, std::string_view sourceName);
Result<std::vector<Service>> loadServicesFile(const std::filesystem::path& file);

const Service* findService(const std::vector<Service>& services, char letter);

}  // namespace kiosk::queue
