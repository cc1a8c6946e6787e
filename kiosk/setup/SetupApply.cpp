#include "kiosk/setup/SetupApply.h"

#include <algorithm>

#include "kiosk/Clock.h"
#include "kiosk/Files.h"
#include "kiosk/config/ConfigFileWrite.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/setup/TechnicianPin.h"
#include "kiosk/store/Database.h"

namespace kiosk::setup {

namespace fs = std::filesystem;

std::vector<config::ConfigSetting> settingsFor(const SetupForm& form) {
    return {
        {"kiosk", "id", form.kioskId},
        {"kiosk", "commune_name", trimmed(form.communeName)},
        {"kiosk", "commune_code", form.communeCode},
        {"citizen", "language", std::string(i18n::languageCode(form.language))},
        {"printer", "device", form.printer},
        {"sync", "server_url", form.serverUrl},
        {"sync", "token", form.token},
    };
}

std::vector<std::string> describeSettings(const std::vector<config::ConfigSetting>& settings) {
    std::vector<std::string> lines;
    for (const auto& setting : settings) {
        const bool secret = setting.section == "sync" && setting.key == "token";
        const bool empty = std::holds_alternative<std::string>(setting.value) &&
                           std::get<std::string>(setting.value).empty();
        lines.push_back(setting.section + "." + setting.key + " = " +
                        (secret && !empty ? std::string("\"<set>\"") : config::tomlLiteral(setting.value)));
    }
    return lines;
}

Result<AppliedSetup> applySetup(const SetupForm& form, const fs::path& configFile, const fs::path& dataDir,
                                const helplog::PinHashCost& cost) {
    if (auto problems = checkStep(form, SetupStep::Review); !problems.empty()) {
        return Error{"setup.invalid", "a setup step is not complete (" + problems.front().field +
                                          "); go back to it and fix what it says"};
    }
    for (const auto& volunteer : form.volunteers) {
        if (volunteer.pin.empty()) continue;
        if (auto bad = checkNewPin(volunteer.pin, volunteer.pin))
            return Error{"setup.invalid",
                         "the PIN of " + volunteer.name + " breaks the PIN rules; set it again"};
    }

    // 1. The new config, in memory, checked to parse with everything the kiosk demands.
    std::error_code error;
    std::string oldText;
    if (fs::exists(configFile, error)) {
        auto text = readTextFile(configFile);
        if (!text) return text.error();
        oldText = std::move(text).value();
    }
    const auto settings = settingsFor(form);
    auto merged = config::setInConfigText(oldText, configFile.string(), settings);
    if (!merged) return merged.error();
    if (auto check = config::parseConfig(*merged, configFile.string()); !check) {
        return Error{"setup.config_invalid", check.error().message + "; nothing was written"};
    }

    // 2. The database: volunteers, their PINs and the technician's.
    auto database = store::Database::openInDirectory(dataDir);
    if (!database) return database.error();
    auto pepper = helplog::loadOrCreatePepper(dataDir / helplog::kPepperFileName);
    if (!pepper) return pepper.error();
    kiosk::SystemWallClock clock;
    helplog::VolunteerRoster roster(*database, *pepper, clock, helplog::SignInPolicy{.cost = cost});
    auto existing = roster.list();
    if (!existing) return existing.error();
    AppliedSetup applied;
    for (const auto& volunteer : form.volunteers) {
        const std::string name = trimmed(volunteer.name);
        auto found = std::ranges::find(*existing, name, &helplog::Volunteer::displayName);
        helplog::VolunteerId id = 0;
        if (found != existing->end()) {
            id = found->id;  // a second run of the wizard: keep, do not add twice
        } else {
            auto added = roster.add(name);
            if (!added) return added.error();
            id = added->id;
            ++applied.volunteersAdded;
        }
        if (!volunteer.pin.empty()) {
            if (Status set = roster.setPin(id, volunteer.pin); !set) return set.error();
            ++applied.pinsSet;
        }
    }
    if (Status stored = storeTechnicianPin(*database, form.technicianPin, *pepper, cost); !stored)
        return stored.error();

    // 3. The config, last: it is what marks the kiosk provisioned.
    if (Status written = config::replaceConfigFile(configFile, *merged); !written) {
        return Error{"setup.write_failed", written.error().message};
    }
    applied.configFile = configFile;
    applied.written = describeSettings(settings);
    return applied;
}

}  // namespace kiosk::setup
