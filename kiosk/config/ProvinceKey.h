// The province's Ed25519 signing key (libsodium crypto_sign), which vouches for provisioning
// bundles. The province keeps the secret half; every kiosk holds the public half in its config
// ([provisioning] public_key) and applies only bundles it signed.
//
// Files, all text so they survive e-mail and USB sticks:
//   province.key  base64 of the 32-byte Ed25519 seed (RFC 8032 private key), one line, mode 0600.
//                 Never on a kiosk. Refused when group or others may read it.
//   province.pub  base64 of the 32-byte public key, one line (44 characters).
//   BUNDLE.sig    base64 of the 64-byte detached signature of the exact bytes of BUNDLE, one line.
// Any Ed25519 tool can make or check these; nothing else is mixed into the signed bytes.
//
// Usage:
//   auto key = config::createProvinceKey("/secure/dir");      // commune-kiosk keygen
//   auto sig = config::signWithKeyFile(bundleText, "/secure/dir/province.key");
//   Status ok = config::verifySignature(bundleText, sigText, kioskConfig.provisioningPublicKey);
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/Result.h"

namespace kiosk::config {

inline constexpr std::string_view kProvinceSecretKeyFile = "province.key";
inline constexpr std::string_view kProvincePublicKeyFile = "province.pub";
inline constexpr std::string_view kSignatureSuffix = ".sig";

struct ProvinceKeyFiles {
    std::filesystem::path secretKeyFile;
    std::filesystem::path publicKeyFile;
    std::string publicKey;  // base64: the value for [provisioning] public_key
};

// Creates `dir` (0700) if needed and writes a new key pair into it. Never replaces an existing
// province.key or province.pub: kiosks may already trust it (error provisioning.key_exists).
// Other errors: provisioning.key_unwritable, provisioning.crypto_unavailable.
Result<ProvinceKeyFiles> createProvinceKey(const std::filesystem::path& dir);

struct DetachedSignature {
    std::string signature;  // base64 of 64 bytes: the content of BUNDLE.sig (without the newline)
    std::string publicKey;  // base64 public key of the signer, to compare with what kiosks trust
};

// Signs `message` with the key in `secretKeyFile`. Errors: provisioning.key_unreadable,
// provisioning.key_permissions (group/other may read it), provisioning.bad_key.
Result<DetachedSignature> signWithKeyFile(std::string_view message,
                                          const std::filesystem::path& secretKeyFile);

// Checks a detached signature (the text of a .sig file; surrounding whitespace is ignored).
// Errors: provisioning.bad_public_key, provisioning.bad_signature_file (not base64 of 64 bytes),
// provisioning.signature_mismatch (changed or truncated after signing, or another key signed it).
Status verifySignature(std::string_view message, std::string_view signatureText, std::string_view publicKey);

// The start of a base64 key, to name it in messages: "AbCdEf12…".
std::string keyFingerprint(std::string_view publicKey);

}  // namespace kiosk::config
