// Where the volunteer desk can export to: USB sticks the system mounted under /media or
// /run/media (udisks and usbmount both mount there), read from /proc/mounts. The kiosk never
// mounts anything itself; with no stick mounted the desk says so plainly.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace kiosk::store {

// Mount points in `procMounts` (the text of /proc/mounts) below /media/ or /run/media/, in the
// order listed. Octal escapes (\040 for a space in a stick's label) are decoded.
std::vector<std::filesystem::path> removableMountPoints(std::string_view procMounts);

// The same, read from /proc/mounts now.
std::vector<std::filesystem::path> mountedUsbSticks();

}  // namespace kiosk::store
