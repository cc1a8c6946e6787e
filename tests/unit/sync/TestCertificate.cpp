#include "unit/sync/TestCertificate.h"

#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace sync_test {
namespace {

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "test certificate: %s failed\n", what);
        std::abort();
    }
}

void addExtension(X509* certificate, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    require(extension != nullptr, "X509V3_EXT_conf_nid");
    require(X509_add_ext(certificate, extension, -1) == 1, "X509_add_ext");
    X509_EXTENSION_free(extension);
}

void writePem(const std::filesystem::path& file, const std::function<int(FILE*)>& write) {
    FILE* out = std::fopen(file.c_str(), "w");
    require(out != nullptr, "opening a PEM file");
    require(write(out) == 1, "writing a PEM file");
    std::fclose(out);
}

}  // namespace

TestCertificate makeCertificate(const std::filesystem::path& dir, const std::string& name) {
    std::filesystem::create_directories(dir);
    EVP_PKEY* key = EVP_EC_gen("P-256");
    require(key != nullptr, "EVP_EC_gen");
    X509* certificate = X509_new();
    require(certificate != nullptr, "X509_new");
    X509_set_version(certificate, 2);
    // A random serial, so two certificates of one run never look like the same one.
    ASN1_INTEGER_set_int64(X509_get_serialNumber(certificate), static_cast<int64_t>(std::rand()) + 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 24 * 3600);
    X509_set_pubkey(certificate, key);
    X509_NAME* subject = X509_get_subject_name(certificate);
    const std::string commonName = "commune-kiosk test " + name;
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
    X509_set_issuer_name(certificate, subject);
    addExtension(certificate, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(certificate, NID_key_usage, "critical,digitalSignature,keyCertSign");
    addExtension(certificate, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    addExtension(certificate, NID_subject_key_identifier, "hash");
    require(X509_sign(certificate, key, EVP_sha256()) > 0, "X509_sign");

    TestCertificate made;
    made.certificate.reset(certificate, X509_free);
    made.key.reset(key, EVP_PKEY_free);
    made.certificateFile = dir / (name + ".crt");
    made.keyFile = dir / (name + ".key");
    writePem(made.certificateFile, [&](FILE* out) { return PEM_write_X509(out, certificate); });
    writePem(made.keyFile, [&](FILE* out) {
        return PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
    });

    // The pin: SHA-256 of the DER SubjectPublicKeyInfo, base64.
    const int length = i2d_PUBKEY(key, nullptr);
    require(length > 0, "i2d_PUBKEY");
    std::vector<unsigned char> der(static_cast<size_t>(length));
    unsigned char* cursor = der.data();
    i2d_PUBKEY(key, &cursor);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der.data(), der.size(), digest);
    unsigned char base64[64] = {};
    EVP_EncodeBlock(base64, digest, SHA256_DIGEST_LENGTH);
    made.pin = "sha256//" + std::string(reinterpret_cast<const char*>(base64));
    return made;
}

}  // namespace sync_test
