// Applying a signed provisioning bundle (ProvisioningBundle.h) to this kiosk's config file, and
// signing one on the province's side. `commune-kiosk provision FILE` and `sign` call these.
//
// applyBundleFile(FILE, config) refuses, with one clear message and without changing any file,
// when: the config cannot be read or trusted, it has no [provisioning] public_key, FILE.sig is
// missing or damaged, the signature does not match (bundle changed or truncated, another
// key), the bundle breaks the schema or the config rules, or its version is not newer.
//
// Versions: a bundle is applied only if its bundle_version is higher than the one applied last.
// The same version is accepted again only for the very same bundle (same SHA-256), so an
// interrupted apply can be finished by running it again; the same version with other contents
// is refused (the province must raise bundle_version).
//
// Where the applied version lives: a small TOML record beside the config, named after it
// ("<config>.provisioned", e.g. /etc/commune-kiosk/commune-kiosk.toml.provisioned), so a setup
// wizard rewriting the config cannot reset it, and it needs no database. Order, under an
// exclusive lock on the config's folder: verify everything in memory, write the record, then
// replace the config (temp file with the old owner and mode, fsync, rename, fsync folder). A crash
// between the two leaves the new version recorded and the old config: re-running the same bundle
// finishes it; an older bundle is never let in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/Result.h"
#include "kiosk/config/ProvisioningBundle.h"

namespace kiosk::config {

struct ProvisioningRecord {
    int64_t version = 0;
    std::string bundleSha256;  // hex
    std::string kioskId;
    std::string appliedAt;  // UTC, ISO 8601
};

std::filesystem::path provisioningRecordPath(const std::filesystem::path& configFile);

// nullopt when no bundle was ever applied. Error provisioning.record_damaged when the record
// exists but cannot be read or understood (never treated as "nothing applied").
Result<std::optional<ProvisioningRecord>> readProvisioningRecord(const std::filesystem::path& configFile);

// Checks a bundle's signature and contents, in memory. `signatureText` is nullopt when there is
// no .sig file. Messages name `sourceName`.
Result<ProvisioningBundle> verifyBundle(std::string_view bundleText,
                                        const std::optional<std::string>& signatureText,
                                        std::string_view publicKey, std::string_view sourceName);

struct AppliedBundle {
    ProvisioningBundle bundle;
    std::filesystem::path configFile;  // the file that was replaced
    bool reapplied = false;            // the same bundle as last time, applied again
};

// Errors: provisioning.config_unreadable, provisioning.config_invalid, provisioning.no_public_key,
// provisioning.bundle_unreadable, provisioning.too_large, provisioning.no_signature,
// provisioning.bad_signature_file, provisioning.bad_public_key, provisioning.signature_mismatch,
// provisioning.syntax, provisioning.bad_bundle, provisioning.old_version,
// provisioning.record_damaged, provisioning.busy, provisioning.write_failed.
Result<AppliedBundle> applyBundleFile(const std::filesystem::path& bundleFile,
                                      const std::filesystem::path& configFile);

// True for errors caused by this machine (files, disk, locks) rather than by the bundle or the
// config a person gave: the command line exits 1 for these, 2 for the others.
bool isLocalFailure(const Error& error);

struct SignedBundle {
    ProvisioningBundle bundle;
    std::filesystem::path signatureFile;  // BUNDLE.sig
    std::string publicKey;                // of the signer, base64
};

// Province side: checks the bundle against the schema (nothing broken is ever signed), signs its
// exact bytes and writes BUNDLE.sig atomically, replacing an older signature.
Result<SignedBundle> signBundleFile(const std::filesystem::path& bundleFile,
                                    const std::filesystem::path& secretKeyFile);

}  // namespace kiosk::config
