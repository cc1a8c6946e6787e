#include "kiosk/Files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace kiosk {

Result<std::string> readTextFile(const std::filesystem::path& path, std::size_t maxBytes) {
    const auto unreadable = [&] {
        return Error{"file.unreadable", "cannot read " + path.string() + ": " + std::strerror(errno)};
    };
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (file.fd < 0) return unreadable();
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) return unreadable();
    if (!S_ISREG(info.st_mode)) {
        return Error{"file.not_regular",
                     "cannot read " + path.string() +
                         ": it is not a regular file (a folder, device or pipe); give a file"};
    }
    const auto tooLarge = [&] {
        return Error{"file.too_large", "cannot read " + path.string() + ": it is larger than " +
                                           std::to_string(maxBytes / 1024) + " KB; give the right file"};
    };
    // st_size may be 0 for /proc files: the loop below stops at the cap either way.
    if (static_cast<std::uint64_t>(info.st_size) > maxBytes) return tooLarge();
    std::string text;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return unreadable();
        if (n == 0) break;
        if (text.size() + static_cast<std::size_t>(n) > maxBytes) return tooLarge();
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
}

namespace {

Status systemError(const std::string& what, const std::filesystem::path& path) {
    return Error{"file.write_failed", what + " " + path.string() + ": " + std::strerror(errno)};
}

}  // namespace

FileDescriptor::~FileDescriptor() {
    if (fd >= 0) ::close(fd);
}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (fd >= 0) ::close(fd);
        fd = std::exchange(other.fd, -1);
    }
    return *this;
}

bool writeAll(int fd, std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents) {
    const std::filesystem::path temp = path.string() + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return systemError("cannot create", temp);
    if (!writeAll(fd, contents)) {
        Status failed = systemError("cannot write", temp);
        ::close(fd);
        ::unlink(temp.c_str());
        return failed;
    }
    if (Status given = giveToDirectoryOwner(fd, path.has_parent_path() ? path.parent_path() : "."); !given) {
        ::close(fd);
        ::unlink(temp.c_str());
        return given;
    }
    if (::fsync(fd) != 0) {
        Status failed = systemError("cannot flush", temp);
        ::close(fd);
        ::unlink(temp.c_str());
        return failed;
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        Status failed = systemError("cannot replace", path);
        ::unlink(temp.c_str());
        return failed;
    }
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return success();
}

namespace {
// Whom files in `directory` should belong to; nullopt when nothing needs changing.
std::optional<struct stat> ownerToGive(const std::filesystem::path& directory) {
    if (::geteuid() != 0) return std::nullopt;
    struct stat dir {};
    if (::stat(directory.c_str(), &dir) != 0) return std::nullopt;
    if (dir.st_uid == 0 && dir.st_gid == 0) return std::nullopt;
    return dir;
}
}  // namespace

Status giveToDirectoryOwner(int fd, const std::filesystem::path& directory) {
    const auto owner = ownerToGive(directory);
    if (!owner) return success();
    if (::fchown(fd, owner->st_uid, owner->st_gid) != 0)
        return systemError("cannot give to the owner of", directory);
    return success();
}

Status giveToDirectoryOwner(const std::filesystem::path& file) {
    const auto owner = ownerToGive(file.has_parent_path() ? file.parent_path() : ".");
    if (!owner) return success();
    if (::lchown(file.c_str(), owner->st_uid, owner->st_gid) != 0)
        return systemError("cannot give away", file);
    return success();
}

}  // namespace kiosk
