// Small file helpers shared by loaders: read a whole text file, and replace a file atomically
// (temp file, fsync, rename, fsync of the directory) so a power cut leaves the old or the new.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/Result.h"

namespace kiosk {

// Files a person or a script hands us (--config, ui-script, walkthroughs, catalogues) are a few
// KB; `ui-script /dev/zero` once read 2 GB. The reader refuses anything but a regular file (a
// FIFO or a device could block or never end; it is opened non-blocking, so even the open never
// waits) and stops after `maxBytes`. Errors: file.unreadable, file.not_regular, file.too_large.
inline constexpr std::size_t kMaxTextFileBytes = 16 * 1024 * 1024;
Result<std::string> readTextFile(const std::filesystem::path& path, std::size_t maxBytes = kMaxTextFileBytes);
Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

// Files we create belong to the owner of the directory they are in. A technician running a
// command as root on a fresh install (`volunteers add`, `provision`) must not leave the database
// or the pepper owned by root, which the kiosk's own user then cannot write. Only root can give
// files away; for anyone else, or in a directory root owns, this does nothing.
Status giveToDirectoryOwner(const std::filesystem::path& file);
// The same for a file still open (before it is linked or renamed into place).
Status giveToDirectoryOwner(int fd, const std::filesystem::path& directory);

// A file descriptor that closes itself.
struct FileDescriptor {
    int fd = -1;
    FileDescriptor() = default;
    explicit FileDescriptor(int opened) : fd(opened) {}
    FileDescriptor(FileDescriptor&& other) noexcept : fd(std::exchange(other.fd, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor();
};

// Writes all of `data` to `fd`, retrying short writes and EINTR; false (errno set) on failure.
bool writeAll(int fd, std::string_view data);

}  // namespace kiosk
