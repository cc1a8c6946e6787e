#include "kiosk/store/RemovableMedia.h"

#include <sstream>
#include <string>

#include "kiosk/Files.h"

namespace kiosk::store {
namespace {

// /proc/mounts writes space, tab, newline and backslash in paths as \ooo octal.
std::string decodeMountPath(std::string_view field) {
    std::string path;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            const std::string_view digits = field.substr(i + 1, 3);
            if (digits.size() == 3 && digits.find_first_not_of("01234567") == std::string_view::npos) {
                path.push_back(
                    static_cast<char>((digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0')));
                i += 3;
                continue;
            }
        }
        path.push_back(field[i]);
    }
    return path;
}

}  // namespace

std::vector<std::filesystem::path> removableMountPoints(std::string_view procMounts) {
    std::vector<std::filesystem::path> found;
    std::istringstream lines{std::string(procMounts)};
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string device;
        std::string mountPoint;
        if (!(fields >> device >> mountPoint)) continue;
        const std::string path = decodeMountPath(mountPoint);
        if (path.starts_with("/media/") || path.starts_with("/run/media/")) found.emplace_back(path);
    }
    return found;
}

std::vector<std::filesystem::path> mountedUsbSticks() {
    auto text = readTextFile("/proc/mounts");
    if (!text) return {};
    return removableMountPoints(*text);
}

}  // namespace kiosk::store
