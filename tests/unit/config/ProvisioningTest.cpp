#include "kiosk/config/Provisioning.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "ConfigTestSupport.h"
#include "kiosk/config/KioskConfig.h"

namespace fs = std::filesystem;
using namespace kiosk::config;

namespace {

// A kiosk with the shipped config trusting `publicKey`, and a province that signs bundles.
class ProvisioningTest : public testing::Test {
protected:
    void SetUp() override {
        const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
        province_ = std::make_unique<config_test::TestProvince>("prov-" + name);
        kioskDir_ = province_->dir / "etc";
        fs::create_directories(kioskDir_);
        configFile_ = kioskDir_ / "commune-kiosk.toml";
        std::string config = config_test::shippedConfig();
        const std::string empty = "\npublic_key = \"\"";  // [provisioning], not pinned_public_key
        ASSERT_NE(config.find(empty), std::string::npos);
        config.replace(config.find(empty), empty.size(),
                       "\npublic_key = \"" + province_->key.publicKey + "\"");
        config_test::writeAll(configFile_, config);
        fs::permissions(configFile_, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    }

    // Writes a bundle and, when `sign`, its signature by the province.
    fs::path bundle(const std::string& text, const std::string& name = "bundle.toml", bool sign = true) {
        const fs::path file = province_->dir / name;
        config_test::writeAll(file, text);
        if (sign) {
            auto signedBundle = signBundleFile(file, province_->key.secretKeyFile);
            EXPECT_TRUE(signedBundle.ok()) << signedBundle.error().message;
        }
        return file;
    }

    // Applies `file` expecting refusal with `code`, and checks that no file changed.
    void expectRefused(const fs::path& file, const std::string& code) {
        const std::string configBefore = config_test::readAll(configFile_);
        const bool hadRecord = fs::exists(provisioningRecordPath(configFile_));
        const std::string recordBefore =
            hadRecord ? config_test::readAll(provisioningRecordPath(configFile_)) : "";
        auto applied = applyBundleFile(file, configFile_);
        ASSERT_FALSE(applied.ok());
        EXPECT_EQ(applied.error().code, code) << applied.error().message;
        EXPECT_EQ(applied.error().message.find('\n'), std::string::npos);
        EXPECT_EQ(config_test::readAll(configFile_), configBefore);
        EXPECT_EQ(fs::exists(provisioningRecordPath(configFile_)), hadRecord);
        if (hadRecord) {
            EXPECT_EQ(config_test::readAll(provisioningRecordPath(configFile_)), recordBefore);
        }
        expectNoTemporaryFiles();
    }

    void expectNoTemporaryFiles() {
        for (const auto& entry : fs::directory_iterator(kioskDir_)) {
            const std::string name = entry.path().filename().string();
            EXPECT_TRUE(name == "commune-kiosk.toml" || name == "commune-kiosk.toml.provisioned") << name;
        }
    }

    std::unique_ptr<config_test::TestProvince> province_;
    fs::path kioskDir_;
    fs::path configFile_;
};

}  // namespace

TEST_F(ProvisioningTest, GoodBundleIsAppliedAndRecorded) {
    auto applied = applyBundleFile(bundle(config_test::sampleBundle(3)), configFile_);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    EXPECT_EQ(applied->bundle.version, 3);
    EXPECT_FALSE(applied->reapplied);

    auto config = loadConfigFile(configFile_);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(config->communeName, "Xã Tân Lập");
    EXPECT_EQ(config->communeCode, "09877");
    EXPECT_EQ(config->sync.serverUrl, "https://sync.tinh.example/api");
    EXPECT_EQ(config->sync.token, "t0ken-for-tan-lap");
    EXPECT_EQ(config->printer, "/dev/usb/lp0");
    EXPECT_EQ(config->desk.recallWindow, 5);
    EXPECT_EQ(config->desk.normalInARow, 2);  // not in the bundle: kept
    EXPECT_EQ(config->provisioningPublicKey, province_->key.publicKey);
    // The technician's comments survive.
    EXPECT_NE(config_test::readAll(configFile_).find("# the 5-digit commune code"), std::string::npos);

    auto record = readProvisioningRecord(configFile_);
    ASSERT_TRUE(record.ok()) << record.error().message;
    ASSERT_TRUE(record->has_value());
    EXPECT_EQ((*record)->version, 3);
    EXPECT_EQ((*record)->kioskId, "xa-tan-lap-01");
    EXPECT_EQ((*record)->bundleSha256.size(), 64u);
    expectNoTemporaryFiles();
}

TEST_F(ProvisioningTest, ReplacedConfigKeepsItsMode) {
    ASSERT_TRUE(applyBundleFile(bundle(config_test::sampleBundle(1)), configFile_).ok());
    struct stat info {};
    ASSERT_EQ(::stat(configFile_.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0640u);
}

TEST_F(ProvisioningTest, NewerBundleReplacesAnOlderOne) {
    ASSERT_TRUE(applyBundleFile(bundle(config_test::sampleBundle(3)), configFile_).ok());
    auto applied = applyBundleFile(bundle(config_test::sampleBundle(4, "new-token"), "b4.toml"), configFile_);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    EXPECT_EQ(loadConfigFile(configFile_)->sync.token, "new-token");
    EXPECT_EQ((*readProvisioningRecord(configFile_))->version, 4);
}

TEST_F(ProvisioningTest, LowerVersionIsRefused) {
    ASSERT_TRUE(applyBundleFile(bundle(config_test::sampleBundle(5)), configFile_).ok());
    expectRefused(bundle(config_test::sampleBundle(4, "old"), "b4.toml"), "provisioning.old_version");
    auto again = applyBundleFile(bundle(config_test::sampleBundle(4, "old"), "b4.toml"), configFile_);
    EXPECT_NE(again.error().message.find("older than the one applied (5)"), std::string::npos)
        << again.error().message;
}

TEST_F(ProvisioningTest, SameVersionIsAcceptedOnlyForTheVeryBundleApplied) {
    const fs::path first = bundle(config_test::sampleBundle(5));
    ASSERT_TRUE(applyBundleFile(first, configFile_).ok());
    // Running the same bundle again finishes an interrupted apply.
    auto again = applyBundleFile(first, configFile_);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(again->reapplied);
    // Same version, other contents: the province must raise bundle_version.
    expectRefused(bundle(config_test::sampleBundle(5, "other"), "other.toml"), "provisioning.old_version");
}

TEST_F(ProvisioningTest, BadSignatureIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1));
    // Flip one character of the signature (still valid base64 of 64 bytes).
    std::string signature = config_test::readAll(file.string() + ".sig");
    signature[10] = signature[10] == 'A' ? 'B' : 'A';
    config_test::writeAll(file.string() + ".sig", signature);
    expectRefused(file, "provisioning.signature_mismatch");
}

TEST_F(ProvisioningTest, ChangedBundleIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1));
    config_test::writeAll(file, config_test::sampleBundle(1, "swapped-token"));
    expectRefused(file, "provisioning.signature_mismatch");
}

TEST_F(ProvisioningTest, WrongKeyIsRefused) {
    config_test::TestProvince stranger("prov-stranger");
    const fs::path file = province_->dir / "foreign.toml";
    config_test::writeAll(file, config_test::sampleBundle(1));
    ASSERT_TRUE(signBundleFile(file, stranger.key.secretKeyFile).ok());
    expectRefused(file, "provisioning.signature_mismatch");
}

TEST_F(ProvisioningTest, TruncatedBundleIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1));
    const std::string text = config_test::readAll(file);
    config_test::writeAll(file, text.substr(0, text.size() / 2));
    expectRefused(file, "provisioning.signature_mismatch");
}

TEST_F(ProvisioningTest, TruncatedSignatureIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1));
    config_test::writeAll(file.string() + ".sig", config_test::readAll(file.string() + ".sig").substr(0, 30));
    expectRefused(file, "provisioning.bad_signature_file");
}

TEST_F(ProvisioningTest, MissingSignatureIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1), "unsigned.toml", false);
    expectRefused(file, "provisioning.no_signature");
    auto applied = applyBundleFile(file, configFile_);
    EXPECT_NE(applied.error().message.find("unsigned.toml.sig"), std::string::npos)
        << applied.error().message;
}

TEST_F(ProvisioningTest, NoPublicKeyConfiguredIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1));
    config_test::writeAll(configFile_, "[kiosk]\nid = \"k1\"\n");
    expectRefused(file, "provisioning.no_public_key");
}

TEST_F(ProvisioningTest, UntrustworthyConfigIsRefused) {
    const fs::path file = bundle(config_test::sampleBundle(1));
    config_test::writeAll(configFile_, "[kiosk]\nidd = \"k1\"\n");
    expectRefused(file, "provisioning.config_invalid");
}

TEST_F(ProvisioningTest, MissingBundleIsRefused) {
    expectRefused(province_->dir / "nothing.toml", "provisioning.bundle_unreadable");
}

TEST_F(ProvisioningTest, DamagedRecordRefusesRatherThanForgetting) {
    config_test::writeAll(provisioningRecordPath(configFile_), "bundle_version = \"many\"\n");
    expectRefused(bundle(config_test::sampleBundle(1)), "provisioning.record_damaged");
    EXPECT_TRUE(isLocalFailure(kiosk::Error{"provisioning.record_damaged", ""}));
    EXPECT_FALSE(isLocalFailure(kiosk::Error{"provisioning.signature_mismatch", ""}));
}

TEST_F(ProvisioningTest, SignedBundleThatBreaksTheSchemaIsRefused) {
    // The province's `sign` refuses it, so sign the bytes directly.
    const fs::path file = bundle("bundle_version = 2\nkiosk_id = \"k1\"\n", "partial.toml", false);
    auto signature = signWithKeyFile(config_test::readAll(file), province_->key.secretKeyFile);
    ASSERT_TRUE(signature.ok());
    config_test::writeAll(file.string() + ".sig", signature->signature + "\n");
    expectRefused(file, "provisioning.bad_bundle");
}

TEST_F(ProvisioningTest, SignRefusesABrokenBundleAndWritesNoSignature) {
    const fs::path file = bundle("bundle_version = 2\n", "broken.toml", false);
    auto signedBundle = signBundleFile(file, province_->key.secretKeyFile);
    ASSERT_FALSE(signedBundle.ok());
    EXPECT_EQ(signedBundle.error().code, "provisioning.bad_bundle");
    EXPECT_FALSE(fs::exists(file.string() + ".sig"));
}

TEST_F(ProvisioningTest, SymlinkedConfigIsReplacedWhereItLives) {
    const fs::path link = province_->dir / "link.toml";
    fs::create_symlink(configFile_, link);
    ASSERT_TRUE(applyBundleFile(bundle(config_test::sampleBundle(1)), link).ok());
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(loadConfigFile(configFile_)->kioskId, "xa-tan-lap-01");
}
