#include "kiosk/helplog/Pepper.h"
#include "kiosk/Files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

#include "kiosk/helplog/Sodium.h"

namespace kiosk::helplog {

Pepper::~Pepper() {
    sodium_memzero(bytes_.data(), bytes_.size());
}

PepperFileFault pepperFileFault(const struct stat& info) {
    if (!S_ISREG(info.st_mode)) return PepperFileFault::NotAFile;
    // Root (a technician's command) may use the kiosk user's pepper: root can read it anyway.
    const bool foreignOwner = info.st_uid != ::geteuid() && ::geteuid() != 0;
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0 || foreignOwner) return PepperFileFault::Permissions;
    if (info.st_size != static_cast<off_t>(kPepperSize)) return PepperFileFault::Size;
    return PepperFileFault::None;
}

namespace {

std::string describe(const std::filesystem::path& file, int error) {
    return file.string() + ": " + std::strerror(error);
}

// Reads exactly `size` bytes, retrying short reads and EINTR.
bool readAll(int fd, unsigned char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, out + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

using Fd = FileDescriptor;

Result<Pepper> readPepper(int fd, const std::filesystem::path& file) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        return Error{"helplog.pepper_unreadable", "cannot check the pepper file " + describe(file, errno)};
    }
    // Checked before anything is read, so nothing is read from a file others could have read or swapped.
    switch (pepperFileFault(info)) {
        case PepperFileFault::None: break;
        case PepperFileFault::NotAFile:
            return Error{"helplog.pepper_not_a_file",
                         "the pepper file " + file.string() +
                             " is not a regular file; remove whatever is there and restart the kiosk"};
        case PepperFileFault::Permissions: {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
            return Error{"helplog.pepper_permissions",
                         "the pepper file " + file.string() + " has mode " + mode +
                             " or another owner; it must be owned by the kiosk user with mode 0600. "
                             "Others may have read it: ask the technician to run chmod 600 on it, or "
                             "to replace it (PINs must then be set again)"};
        }
        case PepperFileFault::Size:
            return Error{"helplog.pepper_size",
                         "the pepper file " + file.string() + " holds " + std::to_string(info.st_size) +
                             " bytes instead of " + std::to_string(kPepperSize) +
                             "; it is damaged or not ours. Restore it from the backup, or ask the "
                             "technician to replace it (PINs must then be set again)"};
    }
    std::array<unsigned char, kPepperSize> bytes{};
    if (!readAll(fd, bytes.data(), bytes.size())) {
        return Error{"helplog.pepper_unreadable", "cannot read the pepper file " + describe(file, errno)};
    }
    Pepper pepper(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return pepper;
}

Result<Pepper> openExisting(const std::filesystem::path& file) {
    // O_NOFOLLOW: a symlink planted in the data directory must not redirect us.
    Fd in{::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)};
    if (in.fd < 0) {
        if (errno == ELOOP) {
            return Error{
                "helplog.pepper_not_a_file",
                "the pepper file " + file.string() + " is a symbolic link; replace it with the real file"};
        }
        return Error{"helplog.pepper_unreadable", "cannot open the pepper file " + describe(file, errno)};
    }
    return readPepper(in.fd, file);
}

Status fail(const std::string& doing, const std::filesystem::path& path) {
    return Error{"helplog.pepper_unwritable", "cannot " + doing + " " + describe(path, errno) +
                                                  "; check that the data directory is writable and not full"};
}

enum class IfTaken { UseTheirs, Refuse };

// Writes a new pepper next to `file` and links it into place; EEXIST means someone was faster
// (or, for a technician's new centre pepper, that one is there already).
Status createPepper(const std::filesystem::path& file, IfTaken ifTaken) {
    std::error_code ignored;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
    const std::filesystem::path temp = file.string() + ".new-" + std::to_string(::getpid());
    ::unlink(temp.c_str());  // a leftover of a crash of this very pid number
    {
        Fd out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
        if (out.fd < 0) return fail("create", temp);
        std::array<unsigned char, kPepperSize> bytes{};
        randombytes_buf(bytes.data(), bytes.size());
        // fchmod: the umask can only narrow 0600, but be explicit about what we promise.
        const bool written =
            ::fchmod(out.fd, 0600) == 0 &&
            giveToDirectoryOwner(out.fd, file.has_parent_path() ? file.parent_path() : ".").ok() &&
            writeAll(out.fd, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())) &&
            ::fsync(out.fd) == 0;
        sodium_memzero(bytes.data(), bytes.size());
        if (!written) {
            Status failed = fail("write", temp);
            ::unlink(temp.c_str());
            return failed;
        }
    }
    // link(), unlike rename(), never replaces a pepper another kiosk process just created.
    const int linked = ::link(temp.c_str(), file.c_str());
    const int linkError = errno;
    ::unlink(temp.c_str());
    if (linked != 0 && linkError == EEXIST && ifTaken == IfTaken::Refuse) {
        return Error{"helplog.pepper_exists",
                     file.string() +
                         " exists already; a pepper is never overwritten (the keys made "
                         "with it would no longer match). Choose another file"};
    }
    if (linked != 0 && linkError != EEXIST) {
        errno = linkError;
        return fail("create", file);
    }
    const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : ".";
    Fd dirFd{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dirFd.fd < 0 || ::fsync(dirFd.fd) != 0) return fail("flush the directory of", file);
    return success();
}

}  // namespace

Result<Pepper> loadOrCreatePepper(const std::filesystem::path& file) {
    if (Status ready = ensureSodium(); !ready) return ready.error();
    struct stat info {};
    if (::lstat(file.c_str(), &info) != 0) {
        if (errno != ENOENT) {
            return Error{"helplog.pepper_unreadable",
                         "cannot check the pepper file " + describe(file, errno)};
        }
        if (Status created = createPepper(file, IfTaken::UseTheirs); !created) return created.error();
    }
    return openExisting(file);
}

Result<Pepper> loadPepper(const std::filesystem::path& file) {
    if (Status ready = ensureSodium(); !ready) return ready.error();
    struct stat info {};
    if (::lstat(file.c_str(), &info) != 0) {
        if (errno == ENOENT) {
            return Error{"helplog.pepper_missing",
                         "the pepper file " + file.string() +
                             " does not exist; copy it there from the technician's copy (mode 0600, owned "
                             "by the kiosk user)"};
        }
        return Error{"helplog.pepper_unreadable", "cannot check the pepper file " + describe(file, errno)};
    }
    return openExisting(file);
}

Status createNewPepper(const std::filesystem::path& file) {
    if (Status ready = ensureSodium(); !ready) return ready.error();
    if (Status created = createPepper(file, IfTaken::Refuse); !created) return created.error();
    // Read back with the checks every terminal will make, so a bad copy source shows here first.
    auto written = openExisting(file);
    if (!written) return written.error();
    return success();
}

}  // namespace kiosk::helplog
