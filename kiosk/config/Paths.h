// Where the kiosk finds its read-only assets: an explicit --assets, the installed share
// directory beside the binary, or the source tree when run from a build directory.
#pragma once

#include <filesystem>
#include <optional>

#include "kiosk/Result.h"

namespace kiosk::config {

Result<std::filesystem::path> findAssetsDir(const std::optional<std::filesystem::path>& explicitDir,
                                            const std::filesystem::path& executable,
                                            const std::filesystem::path& sourceTreeAssets);

}  // namespace kiosk::config
