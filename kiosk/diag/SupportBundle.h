// The support bundle a technician sends the province (`commune-kiosk doctor --bundle OUT.tar.gz`):
// a tar.gz of one folder, commune-kiosk-support/, holding exactly
//   doctor.txt          the doctor report as printed
//   doctor.json         the same report as JSON
//   config.toml         the config with every value that is not known to be harmless replaced by
//                       "<redacted>" (the sync token, and any misspelt key that might hold it);
//                       comments dropped (a person may have written anything there)
//   schema-version.txt  the database's schema version, or "none"
// Never the database, the pepper file, the province key or anything else from the data folder:
// the archive is built from these strings alone, in a private temporary folder.
// The archive is made by /usr/bin/tar (GNU tar, --force-local, owner 0), then renamed into place.
//
// Usage:
//   const auto files = diag::supportFiles(report, configText);   // configText: nullopt if none
//   Status written = diag::writeSupportBundle("/tmp/support.tar.gz", files);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/diag/Doctor.h"

namespace kiosk::diag {

inline constexpr std::string_view kSupportFolder = "commune-kiosk-support";
inline constexpr std::string_view kRedacted = "<redacted>";

struct SupportFile {
    std::string name;  // inside kSupportFolder
    std::string contents;
};

// The four files above. `configText` is the config file's text, nullopt when there is none.
std::vector<SupportFile> supportFiles(const DoctorReport& report,
                                      const std::optional<std::string>& configText);

// The config as TOML with only known-harmless values kept (see above). Works on text that is not
// valid TOML too, line by line, so a broken config can still be looked at.
std::string redactConfig(std::string_view configText);

// Writes OUT atomically (never half an archive). Error diag.bundle_failed with the reason.
Status writeSupportBundle(const std::filesystem::path& out, const std::vector<SupportFile>& files,
                          const std::vector<std::filesystem::path>& tarCandidates = {"/usr/bin/tar",
                                                                                     "/bin/tar"});

}  // namespace kiosk::diag
