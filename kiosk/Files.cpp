#include "kiosk/Files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kiosk {

Result<std::string> readTextFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{"file.unreadable", "cannot read " + path.string() + ": " + std::strerror(errno)};
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
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

}  // namespace kiosk
