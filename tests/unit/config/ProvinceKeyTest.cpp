#include "kiosk/config/ProvinceKey.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "ConfigTestSupport.h"

namespace fs = std::filesystem;
using namespace kiosk::config;
using kiosk::Status;

namespace {

unsigned modeOf(const fs::path& file) {
    struct stat info {};
    ::stat(file.c_str(), &info);
    return info.st_mode & 07777;
}

}  // namespace

TEST(ProvinceKey, KeygenWritesASecretKeyOnlyItsOwnerMayReadAndAPublicKeyForTheConfig) {
    config_test::TestProvince province("keygen");
    EXPECT_EQ(province.key.secretKeyFile, province.dir / "keys" / "province.key");
    EXPECT_EQ(modeOf(province.key.secretKeyFile), 0600u);
    EXPECT_EQ(modeOf(province.dir / "keys"), 0700u);
    EXPECT_EQ(province.key.publicKey.size(), 44u);
    EXPECT_EQ(config_test::readAll(province.key.publicKeyFile), province.key.publicKey + "\n");
    EXPECT_EQ(config_test::readAll(province.key.secretKeyFile).size(), 45u);  // base64 of 32 bytes + \n
    // No temporary file left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(province.dir / "keys"), fs::directory_iterator()), 2);
}

TEST(ProvinceKey, KeygenNeverReplacesAKey) {
    config_test::TestProvince province("keygen-twice");
    const std::string before = config_test::readAll(province.key.secretKeyFile);
    auto again = createProvinceKey(province.dir / "keys");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "provisioning.key_exists");
    EXPECT_EQ(config_test::readAll(province.key.secretKeyFile), before);
}

TEST(ProvinceKey, SignatureVerifiesWithTheMatchingPublicKeyOnly) {
    config_test::TestProvince province("sign");
    config_test::TestProvince other("sign-other");
    const std::string message = config_test::sampleBundle(1);
    auto signature = signWithKeyFile(message, province.key.secretKeyFile);
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->publicKey, province.key.publicKey);
    EXPECT_EQ(signature->signature.size(), 88u);

    EXPECT_TRUE(verifySignature(message, signature->signature + "\n", province.key.publicKey).ok());

    Status wrongKey = verifySignature(message, signature->signature, other.key.publicKey);
    ASSERT_FALSE(wrongKey.ok());
    EXPECT_EQ(wrongKey.error().code, "provisioning.signature_mismatch");
    EXPECT_NE(wrongKey.error().message.find(keyFingerprint(other.key.publicKey)), std::string::npos);

    Status truncated =
        verifySignature(message.substr(0, message.size() - 10), signature->signature, province.key.publicKey);
    EXPECT_EQ(truncated.error().code, "provisioning.signature_mismatch");

    std::string changed = message;
    changed[changed.find("09877")] = '1';
    EXPECT_EQ(verifySignature(changed, signature->signature, province.key.publicKey).error().code,
              "provisioning.signature_mismatch");
}

TEST(ProvinceKey, DamagedSignatureOrKeyIsNamed) {
    config_test::TestProvince province("damaged");
    const std::string message = "bundle_version = 1\n";
    auto signature = signWithKeyFile(message, province.key.secretKeyFile);
    ASSERT_TRUE(signature.ok());
    EXPECT_EQ(
        verifySignature(message, signature->signature.substr(0, 40), province.key.publicKey).error().code,
        "provisioning.bad_signature_file");
    EXPECT_EQ(verifySignature(message, "", province.key.publicKey).error().code,
              "provisioning.bad_signature_file");
    EXPECT_EQ(verifySignature(message, signature->signature, "not-a-key").error().code,
              "provisioning.bad_public_key");
}

TEST(ProvinceKey, SigningRefusesAKeyOthersMayRead) {
    config_test::TestProvince province("perms");
    fs::permissions(province.key.secretKeyFile, fs::perms::owner_read | fs::perms::group_read);
    auto signature = signWithKeyFile("x", province.key.secretKeyFile);
    ASSERT_FALSE(signature.ok());
    EXPECT_EQ(signature.error().code, "provisioning.key_permissions");
    EXPECT_NE(signature.error().message.find("chmod 600"), std::string::npos);
}

TEST(ProvinceKey, SigningRefusesSomethingThatIsNotAKey) {
    const fs::path dir = config_test::freshDir("notakey");
    config_test::writeAll(dir / "province.key", "hello\n");
    fs::permissions(dir / "province.key", fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(signWithKeyFile("x", dir / "province.key").error().code, "provisioning.bad_key");
    EXPECT_EQ(signWithKeyFile("x", dir / "missing.key").error().code, "provisioning.key_unreadable");
}
