// The kiosk's secret pepper: 32 random bytes in a file of their own, outside the database, that
// only the kiosk's user may read (mode 0600). It is mixed into every PIN hash and is the HMAC key
// of household keys, so a copied database alone reveals neither PINs nor ID numbers.
// Never log the bytes, and never accept a pepper file others could read or one of the wrong size.
//
// Usage:
//   auto pepper = helplog::loadOrCreatePepper(dataDir / helplog::kPepperFileName);
//   if (!pepper) show(pepper.error());                 // helplog.pepper_* with what to do
#pragma once

#include <sys/stat.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk::helplog {

inline constexpr std::size_t kPepperSize = 32;
inline constexpr std::string_view kPepperFileName = "pepper.key";

class Pepper {
public:
    explicit Pepper(const std::array<unsigned char, kPepperSize>& bytes) : bytes_(bytes) {}
    Pepper(const Pepper&) = default;
    Pepper& operator=(const Pepper&) = default;
    ~Pepper();  // overwrites the bytes

    std::span<const unsigned char, kPepperSize> bytes() const { return bytes_; }

private:
    std::array<unsigned char, kPepperSize> bytes_;
};

// Why a pepper file with this status would be refused (None: it would be read): not a regular
// file, readable or writable by others or owned by another user (root may use any), or not
// kPepperSize bytes. The one rule for reading a pepper (fstat of the open file) and for `doctor`
// (lstat: it never opens one).
enum class PepperFileFault { None, NotAFile, Permissions, Size };
PepperFileFault pepperFileFault(const struct stat& status);

// Reads the pepper from `file`; if there is none, creates it from randombytes_buf, written to a
// temporary 0600 file, flushed and linked into place (never replacing a pepper another process
// created meanwhile: that one is used). Errors: helplog.pepper_permissions (group/other bits set
// or another owner), helplog.pepper_size, helplog.pepper_not_a_file, helplog.pepper_unreadable,
// helplog.pepper_unwritable, helplog.crypto_unavailable.
Result<Pepper> loadOrCreatePepper(const std::filesystem::path& file);

// Reads a pepper that must already exist: one shared by several terminals (the centre's household
// pepper, [centre] household_pepper), which a terminal creating its own would silently split.
// Errors: helplog.pepper_missing, and those of loadOrCreatePepper but _unwritable.
Result<Pepper> loadPepper(const std::filesystem::path& file);

// Creates a new pepper file for a technician to copy to the centre's terminals; refuses to replace
// one (helplog.pepper_exists). Other errors as loadOrCreatePepper.
Status createNewPepper(const std::filesystem::path& file);

}  // namespace kiosk::helplog
