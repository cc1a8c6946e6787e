#include "kiosk/config/ConfigFileWrite.h"
#include "kiosk/Files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace kiosk::config {

namespace fs = std::filesystem;

namespace {

using Fd = FileDescriptor;

Error writeFailed(const std::string& doing, const fs::path& path) {
    return Error{"config.write_failed", "cannot " + doing + " " + path.string() + ": " +
                                            std::strerror(errno) +
                                            "; the old config is unchanged. Check the disk and the folder's "
                                            "permissions, then try again"};
}

}  // namespace

Status replaceConfigFile(const fs::path& file, std::string_view contents) {
    struct stat old {};
    bool exists = true;
    if (::stat(file.c_str(), &old) != 0) {
        if (errno != ENOENT) return writeFailed("check", file);
        exists = false;
        old.st_uid = ::geteuid();
        old.st_gid = ::getegid();
        old.st_mode = 0640;
    }
    const fs::path temp = file.string() + ".new";
    ::unlink(temp.c_str());  // a leftover of a crashed run
    {
        Fd out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
        if (out.fd < 0) return writeFailed("create", temp);
        const bool sameOwner = !exists || (old.st_uid == ::geteuid() && old.st_gid == ::getegid());
        const bool written = (sameOwner || ::fchown(out.fd, old.st_uid, old.st_gid) == 0) &&
                             ::fchmod(out.fd, old.st_mode & 07777) == 0 && writeAll(out.fd, contents) &&
                             ::fsync(out.fd) == 0;
        if (!written) {
            Error failed = writeFailed("write", temp);
            ::unlink(temp.c_str());
            return failed;
        }
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        Error failed = writeFailed("replace", file);
        ::unlink(temp.c_str());
        return failed;
    }
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    Fd dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd < 0 || ::fsync(dir.fd) != 0) return writeFailed("flush the folder of", file);
    return success();
}

}  // namespace kiosk::config
