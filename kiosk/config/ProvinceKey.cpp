#include "kiosk/config/ProvinceKey.h"
#include "kiosk/Files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

namespace kiosk::config {

namespace fs = std::filesystem;

namespace {

Status ensureSodium() {
    // Idempotent and thread-safe; returns 1 when already initialised.
    if (sodium_init() < 0) {
        return Error{"provisioning.crypto_unavailable",
                     "the cryptography library could not start (no random source?); check the system"};
    }
    return success();
}

std::string toBase64(const unsigned char* bytes, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Exactly `size` bytes from base64 text, whitespace around and inside ignored.
template <std::size_t size>
std::optional<std::array<unsigned char, size>> fromBase64(std::string_view text) {
    std::array<unsigned char, size> out{};
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), " \t\r\n", &length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != size || end != text.data() + text.size()) {
        sodium_memzero(out.data(), out.size());
        return std::nullopt;
    }
    return out;
}

using Fd = FileDescriptor;

Error unwritable(const std::string& doing, const fs::path& path) {
    return Error{"provisioning.key_unwritable", "cannot " + doing + " " + path.string() + ": " +
                                                    std::strerror(errno) +
                                                    "; choose a folder you may write to with --out DIR"};
}

// Writes `contents` to a temporary file with `mode` and links it into place: link(), unlike
// rename(), never replaces a key someone created meanwhile.
Status createExclusively(const fs::path& file, std::string_view contents, mode_t mode) {
    const fs::path temp = file.string() + ".new-" + std::to_string(::getpid());
    ::unlink(temp.c_str());
    {
        Fd out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
        if (out.fd < 0) return unwritable("create", temp);
        if (::fchmod(out.fd, mode) != 0 || !writeAll(out.fd, contents) || ::fsync(out.fd) != 0) {
            Error failed = unwritable("write", temp);
            ::unlink(temp.c_str());
            return failed;
        }
    }
    const int linked = ::link(temp.c_str(), file.c_str());
    const int linkError = errno;
    ::unlink(temp.c_str());
    if (linked != 0) {
        errno = linkError;
        if (linkError == EEXIST) {
            return Error{"provisioning.key_exists",
                         file.string() +
                             " already exists; it was not replaced, since kiosks may already "
                             "trust that key. Choose another folder with --out DIR"};
        }
        return unwritable("create", file);
    }
    const fs::path dir = file.has_parent_path() ? file.parent_path() : ".";
    Fd dirFd{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dirFd.fd < 0 || ::fsync(dirFd.fd) != 0) return unwritable("flush the folder of", file);
    return success();
}

Result<std::string> readSecretKeyText(const fs::path& file) {
    Fd in{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) {
        return Error{"provisioning.key_unreadable",
                     "cannot read the province key " + file.string() + ": " + std::strerror(errno)};
    }
    struct stat info {};
    if (::fstat(in.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        return Error{"provisioning.key_unreadable", "the province key " + file.string() + " is not a file"};
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        return Error{"provisioning.key_permissions",
                     "the province key " + file.string() + " has mode " + mode +
                         ", so others on this computer may read it; run chmod 600 on it (and if it was "
                         "ever shared, make a new key with keygen and send kiosks the new public key)"};
    }
    std::string text(512, '\0');
    std::size_t size = 0;
    // A key file is one short line; anything longer is not ours and fails to decode.
    while (size < text.size()) {
        const ssize_t n = ::read(in.fd, text.data() + size, text.size() - size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            sodium_memzero(text.data(), text.size());
            return Error{"provisioning.key_unreadable",
                         "cannot read the province key " + file.string() + ": " + std::strerror(errno)};
        }
        if (n == 0) break;
        size += static_cast<std::size_t>(n);
    }
    text.resize(size);
    return text;
}

}  // namespace

Result<ProvinceKeyFiles> createProvinceKey(const fs::path& dir) {
    if (Status ready = ensureSodium(); !ready) return ready.error();
    ProvinceKeyFiles files{dir / kProvinceSecretKeyFile, dir / kProvincePublicKeyFile, ""};
    std::error_code error;
    for (const fs::path& file : {files.secretKeyFile, files.publicKeyFile}) {
        if (fs::symlink_status(file, error).type() != fs::file_type::not_found) {
            return Error{"provisioning.key_exists",
                         file.string() +
                             " already exists; it was not replaced, since kiosks may already "
                             "trust that key. Choose another folder with --out DIR"};
        }
    }
    if (!fs::exists(dir, error)) {
        fs::create_directories(dir, error);
        if (error) {
            return Error{"provisioning.key_unwritable",
                         "cannot create " + dir.string() + ": " + error.message() +
                             "; choose a folder you may write to with --out DIR"};
        }
        fs::permissions(dir, fs::perms::owner_all, error);
    }

    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> publicKey{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secretKey{};
    randombytes_buf(seed.data(), seed.size());
    crypto_sign_seed_keypair(publicKey.data(), secretKey.data(), seed.data());
    std::string seedText = toBase64(seed.data(), seed.size()) + "\n";
    sodium_memzero(seed.data(), seed.size());
    sodium_memzero(secretKey.data(), secretKey.size());
    files.publicKey = toBase64(publicKey.data(), publicKey.size());

    Status secretWritten = createExclusively(files.secretKeyFile, seedText, 0600);
    sodium_memzero(seedText.data(), seedText.size());
    if (!secretWritten) return secretWritten.error();
    if (Status written = createExclusively(files.publicKeyFile, files.publicKey + "\n", 0644); !written)
        return written.error();
    return files;
}

Result<DetachedSignature> signWithKeyFile(std::string_view message, const fs::path& secretKeyFile) {
    if (Status ready = ensureSodium(); !ready) return ready.error();
    auto text = readSecretKeyText(secretKeyFile);
    if (!text) return text.error();
    auto seed = fromBase64<crypto_sign_SEEDBYTES>(*text);
    sodium_memzero(text->data(), text->size());
    if (!seed) {
        return Error{"provisioning.bad_key", secretKeyFile.string() +
                                                 " is not a province key (expected one line of base64, "
                                                 "as written by `commune-kiosk keygen`)"};
    }
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> publicKey{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secretKey{};
    crypto_sign_seed_keypair(publicKey.data(), secretKey.data(), seed->data());
    sodium_memzero(seed->data(), seed->size());
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), secretKey.data());
    sodium_memzero(secretKey.data(), secretKey.size());
    return DetachedSignature{toBase64(signature.data(), signature.size()),
                             toBase64(publicKey.data(), publicKey.size())};
}

Status verifySignature(std::string_view message, std::string_view signatureText, std::string_view publicKey) {
    if (Status ready = ensureSodium(); !ready) return ready.error();
    const auto key = fromBase64<crypto_sign_PUBLICKEYBYTES>(publicKey);
    if (!key) {
        return Error{"provisioning.bad_public_key",
                     "provisioning.public_key in the config is not an Ed25519 public key in base64; copy "
                     "the province's province.pub into it"};
    }
    const auto signature = fromBase64<crypto_sign_BYTES>(signatureText);
    if (!signature) {
        return Error{"provisioning.bad_signature_file",
                     "the signature file is not a signature (expected one line of base64 as written by "
                     "`commune-kiosk sign`); it may be damaged or cut short: ask the province to send "
                     "the bundle and its .sig again"};
    }
    if (crypto_sign_verify_detached(signature->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                    message.size(), key->data()) != 0) {
        return Error{"provisioning.signature_mismatch",
                     "the signature does not match this bundle and the province key this kiosk trusts (" +
                         keyFingerprint(publicKey) +
                         "): the bundle was changed or cut short after signing, or another key signed it. "
                         "Ask the province for a bundle signed with that key"};
    }
    return success();
}

std::string keyFingerprint(std::string_view publicKey) {
    std::string_view trimmed = publicKey;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
        trimmed.remove_prefix(1);
    return std::string(trimmed.substr(0, 8)) + "…";
}

}  // namespace kiosk::config
