// Replacing the kiosk's config file the careful way: a temp file beside it with the old file's
// owner, group and mode, written, fsynced, renamed over it, and the folder fsynced, so a power
// cut leaves the old config or the new one, and a config root rewrites stays readable by the
// kiosk user (and no more readable than before: it holds the sync token). Used by
// `commune-kiosk provision` and by the setup wizard.
#pragma once

#include <filesystem>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk::config {

// A config that does not exist yet is created with mode 0640. Error config.write_failed with
// what failed and what to do.
Status replaceConfigFile(const std::filesystem::path& file, std::string_view contents);

}  // namespace kiosk::config
