#include "kiosk/config/Provisioning.h"

#include "kiosk/config/ConfigFileWrite.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <regex>
#include <thread>
#include <utility>

#include "kiosk/Files.h"
#include "kiosk/TomlLimits.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/config/ProvinceKey.h"

namespace kiosk::config {

namespace fs = std::filesystem;

namespace {

using Fd = FileDescriptor;

std::string sha256Hex(std::string_view bytes) {
    // libsodium is initialised: the signature check, which always comes first, needed it.
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

std::string utcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// The config keeps its owner, group and mode (ConfigFileWrite.h); a failure is provisioning's.
Status replaceKeepingOwnerAndMode(const fs::path& file, std::string_view contents) {
    if (Status written = replaceConfigFile(file, contents); !written) {
        return Error{"provisioning.write_failed", written.error().message + "; nothing was applied"};
    }
    return success();
}

// Holds an exclusive lock on the config's folder, so two provisionings never interleave.
class FolderLock {
public:
    static Result<FolderLock> acquire(const fs::path& dir) {
        FolderLock lock;
        lock.fd_.fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (lock.fd_.fd < 0) {
            return Error{"provisioning.busy", "cannot lock " + dir.string() + ": " + std::strerror(errno)};
        }
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (::flock(lock.fd_.fd, LOCK_EX | LOCK_NB) == 0) return lock;
            if (errno != EWOULDBLOCK && errno != EINTR) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return Error{"provisioning.busy", "another provisioning of " + dir.string() +
                                              " is running; wait for it to finish and try again"};
    }
    FolderLock(FolderLock&& other) noexcept : fd_{std::exchange(other.fd_.fd, -1)} {}

private:
    FolderLock() = default;
    Fd fd_;
};

Result<std::string> readBounded(const fs::path& file, const std::string& missingCode,
                                const std::string& missingMessage) {
    std::error_code error;
    const auto status = fs::status(file, error);
    if (status.type() == fs::file_type::not_found) return Error{missingCode, missingMessage};
    if (status.type() != fs::file_type::regular) {
        return Error{"provisioning.bundle_unreadable", file.string() + " is not a file"};
    }
    const auto size = fs::file_size(file, error);
    if (!error && size > kMaxBundleBytes) {
        return Error{"provisioning.too_large", file.string() + " is " + std::to_string(size) +
                                                   " bytes; a provisioning bundle and its signature are "
                                                   "at most " +
                                                   std::to_string(kMaxBundleBytes) + " bytes"};
    }
    auto text = readTextFile(file);
    if (!text) return Error{"provisioning.bundle_unreadable", text.error().message};
    return text;
}

std::string recordText(const ProvisioningRecord& record) {
    return "# commune-kiosk provisioning record for the config file beside it, written by\n"
           "# `commune-kiosk provision`. Bundles with a lower bundle_version are refused.\n"
           "# Delete this file only to accept older bundles again.\n"
           "bundle_version = " +
           std::to_string(record.version) + "\nbundle_sha256 = " + tomlLiteral(record.bundleSha256) +
           "\nkiosk_id = " + tomlLiteral(record.kioskId) + "\napplied_at = " + tomlLiteral(record.appliedAt) +
           "\n";
}

}  // namespace

fs::path provisioningRecordPath(const fs::path& configFile) {
    return configFile.string() + ".provisioned";
}

Result<std::optional<ProvisioningRecord>> readProvisioningRecord(const fs::path& configFile) {
    const fs::path file = provisioningRecordPath(configFile);
    std::error_code error;
    if (fs::symlink_status(file, error).type() == fs::file_type::not_found)
        return std::optional<ProvisioningRecord>();
    auto damaged = [&](const std::string& why) {
        return Error{"provisioning.record_damaged",
                     "the provisioning record " + file.string() + " " + why +
                         "; nothing was changed. Technician: restore it, or delete it if you accept that "
                         "older bundles can be applied again"};
    };
    auto text = readTextFile(file);
    if (!text) return damaged("cannot be read (" + text.error().message + ")");
    if (const auto problem = checkTomlLimits(*text))
        return damaged("is not a provisioning record (line " + std::to_string(problem->line) + ": " +
                       problem->message + ")");
    try {
        const toml::table table = toml::parse(std::string_view(*text), file.string());
        ProvisioningRecord record;
        const auto version = table["bundle_version"].value_exact<int64_t>();
        const auto sha = table["bundle_sha256"].value_exact<std::string>();
        static const std::regex kHex("[0-9a-f]{64}");
        if (!version || *version < 1 || !sha || !std::regex_match(*sha, kHex))
            return damaged("lacks bundle_version or bundle_sha256");
        record.version = *version;
        record.bundleSha256 = *sha;
        record.kioskId = table["kiosk_id"].value_or(std::string());
        record.appliedAt = table["applied_at"].value_or(std::string());
        return std::optional<ProvisioningRecord>(record);
    } catch (const toml::parse_error& parseError) {
        return damaged("is not valid TOML (line " + std::to_string(parseError.source().begin.line) + ")");
    }
}

Result<ProvisioningBundle> verifyBundle(std::string_view bundleText,
                                        const std::optional<std::string>& signatureText,
                                        std::string_view publicKey, std::string_view sourceName) {
    const std::string name(sourceName);
    if (!signatureText) {
        return Error{"provisioning.no_signature",
                     name + ": no signature " + name + std::string(kSignatureSuffix) +
                         " beside it; ask the province for the bundle together with its .sig file "
                         "(`commune-kiosk sign` writes it)"};
    }
    if (Status verified = verifySignature(bundleText, *signatureText, publicKey); !verified) {
        return Error{verified.error().code, name + ": " + verified.error().message};
    }
    // Only signed text is parsed: nothing from an unverified file reaches the TOML parser.
    return parseBundle(bundleText, sourceName);
}

Result<AppliedBundle> applyBundleFile(const fs::path& bundleFile, const fs::path& configFile) {
    std::error_code error;
    // The real file, so a symlinked config is replaced where it lives and locked there.
    const fs::path config = fs::weakly_canonical(configFile, error);
    if (error || !fs::is_regular_file(config, error)) {
        return Error{"provisioning.config_unreadable",
                     "no config file at " + configFile.string() +
                         "; install the package's default config (or pass --config FILE) first"};
    }
    auto lock = FolderLock::acquire(config.parent_path());
    if (!lock) return lock.error();

    auto configText = readTextFile(config);
    if (!configText) return Error{"provisioning.config_unreadable", configText.error().message};
    auto current = parseConfig(*configText, config.string());
    if (!current) {
        return Error{"provisioning.config_invalid",
                     current.error().message +
                         "; fix the config first: the province key it holds decides which bundles are "
                         "accepted"};
    }
    if (current->provisioningPublicKey.empty()) {
        return Error{"provisioning.no_public_key",
                     "no province key in " + config.string() +
                         ": set [provisioning] public_key to the content of the province's province.pub "
                         "before applying bundles"};
    }

    auto bundleText =
        readBounded(bundleFile, "provisioning.bundle_unreadable", "no bundle at " + bundleFile.string());
    if (!bundleText) return bundleText.error();
    const fs::path signatureFile = bundleFile.string() + std::string(kSignatureSuffix);
    auto signatureText = readBounded(signatureFile, "provisioning.no_signature", "");
    std::optional<std::string> signature;
    if (signatureText) {
        signature = std::move(signatureText).value();
    } else if (signatureText.error().code != "provisioning.no_signature") {
        return signatureText.error();
    }
    auto bundle = verifyBundle(*bundleText, signature, current->provisioningPublicKey, bundleFile.string());
    if (!bundle) return bundle.error();

    auto record = readProvisioningRecord(config);
    if (!record) return record.error();
    const std::string digest = sha256Hex(*bundleText);
    bool reapplied = false;
    if (*record) {
        const ProvisioningRecord& last = **record;
        if (bundle->version < last.version ||
            (bundle->version == last.version && digest != last.bundleSha256)) {
            return Error{"provisioning.old_version",
                         bundleFile.string() + ": bundle_version " + std::to_string(bundle->version) +
                             (bundle->version == last.version
                                  ? " was already applied with other contents"
                                  : " is older than the one applied (" + std::to_string(last.version) + ")") +
                             "; nothing was changed. Ask the province for a bundle with a version above " +
                             std::to_string(last.version)};
        }
        reapplied = bundle->version == last.version;
    }

    auto merged = setInConfigText(*configText, config.string(), bundle->settings);
    if (!merged) return Error{"provisioning.config_invalid", merged.error().message};
    auto check = parseConfig(*merged, config.string());
    if (!check || check->provisioningPublicKey != current->provisioningPublicKey) {
        return Error{"provisioning.bad_bundle",
                     bundleFile.string() + ": the config with this bundle applied would not be valid (" +
                         (check ? std::string("the province key changed") : check.error().message) +
                         "); nothing was changed"};
    }

    const ProvisioningRecord applied{bundle->version, digest, bundle->kioskId, utcNow()};
    if (Status written = writeFileAtomically(provisioningRecordPath(config), recordText(applied)); !written) {
        return Error{"provisioning.write_failed", written.error().message + "; nothing was applied"};
    }
    if (Status written = replaceKeepingOwnerAndMode(config, *merged); !written) {
        return Error{written.error().code, written.error().message +
                                               " (the bundle is recorded as applied: "
                                               "run provision again with the same "
                                               "bundle once fixed)"};
    }
    return AppliedBundle{std::move(bundle).value(), config, reapplied};
}

bool isLocalFailure(const Error& error) {
    return error.code == "provisioning.write_failed" || error.code == "provisioning.busy" ||
           error.code == "provisioning.record_damaged" || error.code == "provisioning.crypto_unavailable" ||
           error.code == "provisioning.key_unwritable";
}

Result<SignedBundle> signBundleFile(const fs::path& bundleFile, const fs::path& secretKeyFile) {
    auto text =
        readBounded(bundleFile, "provisioning.bundle_unreadable", "no bundle at " + bundleFile.string());
    if (!text) return text.error();
    auto bundle = parseBundle(*text, bundleFile.string());
    if (!bundle) return bundle.error();
    auto signature = signWithKeyFile(*text, secretKeyFile);
    if (!signature) return signature.error();
    const fs::path signatureFile = bundleFile.string() + std::string(kSignatureSuffix);
    if (Status written = writeFileAtomically(signatureFile, signature->signature + "\n"); !written) {
        return Error{"provisioning.write_failed", written.error().message};
    }
    return SignedBundle{std::move(bundle).value(), signatureFile, signature->publicKey};
}

}  // namespace kiosk::config
