// Small file helpers shared by loaders: read a whole text file, and replace a file atomically
// (temp file, fsync, rename, fsync of the directory) so a power cut leaves the old or the new.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk {

Result<std::string> readTextFile(const std::filesystem::path& path);
Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace kiosk
