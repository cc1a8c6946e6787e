#include "kiosk/config/ProvisioningBundle.h"

#include <gtest/gtest.h>

#include "ConfigTestSupport.h"

using kiosk::config::parseBundle;

TEST(ProvisioningBundle, ReadsTheSampleBundle) {
    auto bundle = parseBundle(config_test::sampleBundle(3), "tan-lap.toml");
    ASSERT_TRUE(bundle.ok()) << bundle.error().message;
    EXPECT_EQ(bundle->version, 3);
    EXPECT_EQ(bundle->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(bundle->communeName, "Xã Tân Lập");
    EXPECT_EQ(bundle->communeCode, "09877");
    ASSERT_EQ(bundle->settings.size(), 7u);
    EXPECT_EQ(bundle->settings[0].section, "kiosk");
    EXPECT_EQ(bundle->settings[0].key, "id");
    bool sawRecall = false;
    for (const auto& setting : bundle->settings) {
        if (setting.section == "desk" && setting.key == "recall_window") {
            sawRecall = true;
            EXPECT_EQ(std::get<int64_t>(setting.value), 5);
        }
    }
    EXPECT_TRUE(sawRecall);
}

struct BadBundle {
    const char* name;
    std::string text;
    std::string code;
    std::string message;  // the whole message, or its start when it ends with "..."
};

class ProvisioningBundleRefuses : public testing::TestWithParam<BadBundle> {};

TEST_P(ProvisioningBundleRefuses, WithFileLineAndReason) {
    const BadBundle& bad = GetParam();
    auto bundle = parseBundle(bad.text, "b.toml");
    ASSERT_FALSE(bundle.ok()) << bad.name;
    EXPECT_EQ(bundle.error().code, bad.code) << bundle.error().message;
    if (bad.message.ends_with("...")) {
        EXPECT_EQ(bundle.error().message.rfind(bad.message.substr(0, bad.message.size() - 3), 0), 0u)
            << bundle.error().message;
    } else {
        EXPECT_EQ(bundle.error().message, bad.message);
    }
}

const std::string kHead =
    "bundle_version = 2\nkiosk_id = \"k1\"\ncommune_name = \"Xã A\"\ncommune_code = \"09877\"\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, ProvisioningBundleRefuses,
    testing::Values(
        BadBundle{"NotToml", "bundle_version = \n", "provisioning.syntax", "b.toml:1: ..."},
        BadBundle{"NoVersion", "kiosk_id = \"k1\"\ncommune_name = \"A\"\ncommune_code = \"09877\"\n",
                  "provisioning.bad_bundle", "b.toml: bundle_version is missing (a whole number from 1 up)"},
        BadBundle{"ZeroVersion", "bundle_version = 0\n", "provisioning.bad_bundle",
                  "b.toml:1: bundle_version must be a whole number from 1 up"},
        BadBundle{"TextVersion", "bundle_version = \"3\"\n", "provisioning.bad_bundle",
                  "b.toml:1: bundle_version must be a whole number from 1 up"},
        BadBundle{"NoKioskId", "bundle_version = 1\ncommune_name = \"A\"\ncommune_code = \"09877\"\n",
                  "provisioning.bad_bundle", "b.toml: kiosk_id is missing"},
        BadBundle{"UnknownKey", kHead + "comune_code = \"1\"\n", "provisioning.bad_bundle",
                  "b.toml:5: unknown key 'comune_code' (a bundle holds ..."},
        BadBundle{"StorageNotAllowed", kHead + "[storage]\ndata_dir = \"/x\"\n", "provisioning.bad_bundle",
                  "b.toml:5: unknown key 'storage' ..."},
        BadBundle{"ProvisioningKeyNotAllowed", kHead + "[provisioning]\npublic_key = \"x\"\n",
                  "provisioning.bad_bundle", "b.toml:5: unknown key 'provisioning' ..."},
        BadBundle{"BadCommuneCode",
                  "bundle_version = 2\nkiosk_id = \"k1\"\ncommune_name = \"Xã A\"\ncommune_code = \"98\"\n",
                  "provisioning.bad_bundle",
                  "b.toml:4: commune_code must be the 5-digit commune code, e.g. \"09877\""},
        BadBundle{"EmptyCommuneCode",
                  "bundle_version = 2\nkiosk_id = \"k1\"\ncommune_name = \"Xã A\"\ncommune_code = \"\"\n",
                  "provisioning.bad_bundle",
                  "b.toml:4: commune_code must be the 5-digit commune code, e.g. \"09877\""},
        BadBundle{
            "BadKioskId",
            "bundle_version = 2\nkiosk_id = \"k 1\"\ncommune_name = \"Xã A\"\ncommune_code = \"09877\"\n",
            "provisioning.bad_bundle", "b.toml:2: kiosk_id must be 1 to 32 letters, digits, '-' or '_'"},
        BadBundle{"PlainHttp", kHead + "\n[sync]\nserver_url = \"http://x\"\n", "provisioning.bad_bundle",
                  "b.toml:7: sync.server_url must start with https:// ..."},
        BadBundle{"TokenWithASpace", kHead + "[sync]\ntoken = \"abc def\"\n", "provisioning.bad_bundle",
                  "b.toml:6: sync.token: the token contains a space or control character ..."},
        BadBundle{"TokenWithALineBreak", kHead + "[sync]\ntoken = \"abc\\r\\n\"\n", "provisioning.bad_bundle",
                  "b.toml:6: sync.token: the token contains a space or control character ..."},
        BadBundle{"UnknownSyncKey", kHead + "[sync]\ntokn = \"x\"\n", "provisioning.bad_bundle",
                  "b.toml:6: unknown key 'sync.tokn'"},
        BadBundle{"WrongType", kHead + "[desk]\nrecall_window = \"5\"\n", "provisioning.bad_bundle",
                  "b.toml:6: desk.recall_window must be a whole number from 0 to 50"},
        BadBundle{"SectionNotTable", kHead + "printer = \"/dev/usb/lp0\"\n", "provisioning.bad_bundle",
                  "b.toml:5: printer must be a table like [printer]"},
        BadBundle{"QuotedOddKey", kHead + "[desk]\n\"recall window\" = 5\n", "provisioning.bad_bundle",
                  "b.toml:6: unknown key 'desk.recall window'"}),
    [](const testing::TestParamInfo<BadBundle>& param) { return std::string(param.param.name); });

TEST(ProvisioningBundle, RefusesHugeFiles) {
    const std::string huge = config_test::sampleBundle(1) + "# " + std::string(70 * 1024, 'x') + "\n";
    auto bundle = parseBundle(huge, "b.toml");
    ASSERT_FALSE(bundle.ok());
    EXPECT_EQ(bundle.error().code, "provisioning.too_large");
}
