// Writes what the setup wizard collected: the volunteers and their PINs, the technician PIN,
// then the config file. Blocking (Argon2id per PIN, fsyncs): run it on a worker thread.
//
// Order, and why: everything is checked first (every step's rules, and the merged config must
// parse); then the database (volunteers, PIN hashes) and last the config, atomically, because
// the config's commune_code is what marks the kiosk provisioned. A failure before the config is
// written leaves the kiosk unprovisioned, so the wizard runs again, and running it again is safe:
// volunteers already on the list are kept, not added twice.
//
// Usage:
//   auto applied = setup::applySetup(form, "/etc/commune-kiosk/commune-kiosk.toml", dataDir);
//   if (applied) for (const auto& line : applied->written) show(line);   // token masked
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/config/ConfigSetting.h"
#include "kiosk/helplog/PinHash.h"
#include "kiosk/setup/SetupForm.h"

namespace kiosk::setup {

struct AppliedSetup {
    std::filesystem::path configFile;
    std::vector<std::string> written;  // "kiosk.commune_code = \"09877\"", token as "<set>"
    int volunteersAdded = 0;
    int pinsSet = 0;
};

// The config settings the form stands for, in file order.
std::vector<config::ConfigSetting> settingsFor(const SetupForm& form);
// The settings as a person may see them: the token is never shown.
std::vector<std::string> describeSettings(const std::vector<config::ConfigSetting>& settings);

// Errors: setup.invalid (a step's rule fails: finish the wizard), config.syntax (the existing
// config is broken), setup.config_invalid, helplog.* (pepper), store.*, setup.write_failed.
Result<AppliedSetup> applySetup(const SetupForm& form, const std::filesystem::path& configFile,
                                const std::filesystem::path& dataDir,
                                const helplog::PinHashCost& cost = helplog::PinHashCost::interactive());

}  // namespace kiosk::setup
