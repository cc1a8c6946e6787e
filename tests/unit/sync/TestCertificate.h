// A throwaway self-signed TLS certificate for 127.0.0.1 and localhost, made with OpenSSL for one
// test run: the PEM files for the client's CA override, the objects for the HTTPS server, and the
// "sha256//…" pin of its public key for CURLOPT_PINNEDPUBLICKEY.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <filesystem>
#include <memory>
#include <string>

namespace sync_test {

struct TestCertificate {
    std::shared_ptr<X509> certificate;
    std::shared_ptr<EVP_PKEY> key;
    std::filesystem::path certificateFile;  // PEM: what a client trusts (caFile)
    std::filesystem::path keyFile;          // PEM
    std::string pin;                        // "sha256//<base64>"
};

// Writes <dir>/<name>.crt and <name>.key. Aborts the test binary if OpenSSL fails (programmer error).
TestCertificate makeCertificate(const std::filesystem::path& dir, const std::string& name);

}  // namespace sync_test
