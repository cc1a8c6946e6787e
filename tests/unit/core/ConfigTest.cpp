#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kiosk/config/KioskConfig.h"

using kiosk::config::KioskConfig;
using kiosk::config::parseConfig;

TEST(KioskConfig, EmptyFileGivesBuiltInDefaults) {
    auto config = parseConfig("", "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->language, kiosk::i18n::Language::Vi);
    EXPECT_EQ(config->idleSeconds, 90);
    EXPECT_EQ(config->idleCountdownSeconds, 20);
    EXPECT_FALSE(config->dataDir.has_value());
    EXPECT_TRUE(config->openingHours.empty()) << "no hours line on slips until a centre sets them";
    EXPECT_TRUE(config->speech.enabled);
    EXPECT_EQ(config->speech.volume, 80);
}

TEST(KioskConfig, ReadsEveryKey) {
    auto config = parseConfig(R"(
[kiosk]
id = "xa-tan-lap-01"
commune_code = "09877"
commune_name = "Xã Tân Lập"
opening_hours = "Thứ Hai – Thứ Sáu, 7:30 – 17:00"
[citizen]
language = "en"
idle_seconds = 120
idle_countdown_seconds = 30
[storage]
data_dir = "/srv/kiosk"
[desk]
volunteer_idle_seconds = 600
priority_in_a_row = 2
normal_in_a_row = 3
recall_window = 5
[printer]
device = "tcp:192.168.1.50:9100"
[speech]
enabled = false
volume = 35
[sync]
server_url = "https://sync.tinh.example/api"
token = "t0ken"
pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
[provisioning]
public_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
)",
                              "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(config->communeName, "Xã Tân Lập");
    EXPECT_EQ(config->communeCode, "09877");
    EXPECT_EQ(config->openingHours, "Thứ Hai – Thứ Sáu, 7:30 – 17:00");
    EXPECT_EQ(config->language, kiosk::i18n::Language::En);
    EXPECT_EQ(config->idleSeconds, 120);
    EXPECT_EQ(config->idleCountdownSeconds, 30);
    EXPECT_EQ(config->dataDir, std::filesystem::path("/srv/kiosk"));
    EXPECT_EQ(config->desk.volunteerIdleSeconds, 600);
    EXPECT_EQ(config->desk.priorityInARow, 2);
    EXPECT_EQ(config->desk.normalInARow, 3);
    EXPECT_EQ(config->desk.recallWindow, 5);
    EXPECT_EQ(config->printer, "tcp:192.168.1.50:9100");
    EXPECT_FALSE(config->speech.enabled);
    EXPECT_EQ(config->speech.volume, 35);
    EXPECT_EQ(config->sync.serverUrl, "https://sync.tinh.example/api");
    EXPECT_EQ(config->sync.token, "t0ken");
    EXPECT_EQ(config->sync.pinnedPublicKey, "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    EXPECT_EQ(config->provisioningPublicKey, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    EXPECT_EQ(config->source, "kiosk.toml");
}

struct BadConfigCase {
    const char* name;
    const char* text;
    const char* expectedCode;
    const char* expectedMessage;  // must appear in the message, file:line included
};

class KioskConfigRejects : public testing::TestWithParam<BadConfigCase> {};

TEST_P(KioskConfigRejects, WithFileLineAndReason) {
    const BadConfigCase& c = GetParam();
    auto config = parseConfig(c.text, "kiosk.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().code, c.expectedCode);
    EXPECT_NE(config.error().message.find(c.expectedMessage), std::string::npos) << config.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KioskConfigRejects,
    testing::Values(
        BadConfigCase{"UnknownKey", "[kiosk]\nid = \"k1\"\nlanguag = \"vi\"\n", "config.unknown_key",
                      "kiosk.toml:3: unknown key 'kiosk.languag'"},
        BadConfigCase{"UnknownSection", "[kiosk]\nid = \"k1\"\n\n[scanner]\nport = 1\n", "config.unknown_key",
                      "kiosk.toml:4: unknown section 'scanner'"},
        BadConfigCase{"UnknownPrinterKey", "[printer]\nport = 1\n", "config.unknown_key",
                      "kiosk.toml:2: unknown key 'printer.port'"},
        BadConfigCase{"PrinterDeviceNotUnderstood", "[printer]\ndevice = \"COM1\"\n", "config.bad_value",
                      "kiosk.toml:2: printer.device must be"},
        BadConfigCase{"SyncInClear", "[sync]\nserver_url = \"http://tinh.example\"\n", "config.bad_value",
                      "kiosk.toml:2: sync.server_url must start with https://"},
        // The sync thread's token rule (kiosk/sync/SyncSettings.h), so sync is never silently off.
        BadConfigCase{"TokenWithASpace", "[sync]\ntoken = \"abc def\"\n", "config.bad_token.space_or_control",
                      "kiosk.toml:2: sync.token: the token contains a space or control character"},
        BadConfigCase{"TokenWithATrailingNewline", "[sync]\n\ntoken = \"abc\\n\"\n",
                      "config.bad_token.space_or_control",
                      "kiosk.toml:3: sync.token: the token contains a space"},
        BadConfigCase{"TokenWithAnAccent", "[sync]\ntoken = \"mã\"\n", "config.bad_token.not_ascii",
                      "kiosk.toml:2: sync.token: the token contains a character outside plain ASCII"},
        BadConfigCase{"PinWithoutAlgorithm", "[sync]\n\npinned_public_key = \"abc\"\n", "config.bad_value",
                      "kiosk.toml:3: sync.pinned_public_key"},
        BadConfigCase{"CommuneCodeNotFiveDigits", "[kiosk]\ncommune_code = \"123\"\n", "config.bad_value",
                      "kiosk.toml:2: kiosk.commune_code"},
        BadConfigCase{"DeskIdleTooShort", "[desk]\nvolunteer_idle_seconds = 5\n", "config.bad_value",
                      "kiosk.toml:2: desk.volunteer_idle_seconds must be a whole number from 30"},
        BadConfigCase{"ProvisioningKeyNotBase64", "[provisioning]\npublic_key = \"xyz\"\n",
                      "config.bad_value", "kiosk.toml:2: provisioning.public_key"},
        BadConfigCase{"BadLanguage", "[citizen]\nlanguage = \"fr\"\n", "config.bad_value",
                      "kiosk.toml:2: citizen.language must be \"vi\" or \"en\""},
        BadConfigCase{"IdleTooShort", "[citizen]\nidle_seconds = 5\n", "config.bad_value",
                      "kiosk.toml:2: citizen.idle_seconds must be a whole number from 15 to 3600"},
        BadConfigCase{"IdleAsText", "[citizen]\n\nidle_seconds = \"90\"\n", "config.bad_value",
                      "kiosk.toml:3:"},
        BadConfigCase{"CountdownUnderTwentySeconds", "[citizen]\nidle_countdown_seconds = 10\n",
                      "config.bad_value", "kiosk.toml:2: citizen.idle_countdown_seconds"},
        BadConfigCase{"OpeningHoursTooLongForASlip",
                      "[kiosk]\nopening_hours = \"Thứ Hai – Chủ Nhật, sáng 7:30 – 11:30, chiều 13:30 – "
                      "17:00; Thứ Hai – Chủ Nhật, sáng 7:30 – 11:30, chiều 13:30 – 17:00; Thứ Hai – Chủ "
                      "Nhật, sáng 7:30 – 11:30, chiều 13:30 – 17:00; \"\n",
                      "config.bad_value", "kiosk.toml:2: kiosk.opening_hours must be at most 160 bytes"},
        BadConfigCase{"BadKioskId", "[kiosk]\nid = \"has space\"\n", "config.bad_value",
                      "kiosk.toml:2: kiosk.id"},
        BadConfigCase{"RelativeDataDir", "[storage]\ndata_dir = \"data\"\n", "config.bad_value",
                      "kiosk.toml:2: storage.data_dir must be an absolute path"},
        BadConfigCase{"SyntaxError", "[kiosk]\nid = \"k1\n", "config.syntax", "kiosk.toml:2:"},
        BadConfigCase{"SpeechVolumeOver100", "[speech]\nvolume = 150\n", "config.bad_value",
                      "kiosk.toml:2: speech.volume must be a whole number from 0 to 100"},
        BadConfigCase{"SpeechEnabledAsText", "[speech]\n\nenabled = \"yes\"\n", "config.bad_value",
                      "kiosk.toml:3: speech.enabled must be true or false"},
        BadConfigCase{"UnknownSpeechKey", "[speech]\nvoice = \"vi\"\n", "config.unknown_key",
                      "kiosk.toml:2: unknown key 'speech.voice'"},
        BadConfigCase{"SectionIsNotTable", "kiosk = 3\n", "config.bad_value", "kiosk.toml:1:"},
        // `commune-kiosk desk`: its number and the lines it calls.
        BadConfigCase{"DeskNumberZero", "[desk]\nnumber = 0\n", "config.bad_value",
                      "kiosk.toml:2: desk.number must be a whole number from 1 to 99"},
        BadConfigCase{"DeskServicesNotAList", "[desk]\nservices = \"AB\"\n", "config.bad_value",
                      "kiosk.toml:2: desk.services must be a list of service letters"},
        BadConfigCase{"DeskServiceNotACapitalLetter", "[desk]\nservices = [\"A\",\n  \"b\"]\n",
                      "config.bad_value", "kiosk.toml:3: desk.services must be a list of service letters"},
        BadConfigCase{"DeskServiceTwice", "[desk]\nservices = [\"A\", \"A\"]\n", "config.bad_value",
                      "kiosk.toml:2: desk.services lists 'A' twice"}),
    [](const testing::TestParamInfo<BadConfigCase>& param) { return param.param.name; });

TEST(KioskConfig, ReadsTheDeskRolesNumberAndLines) {
    auto config = parseConfig("[desk]\nnumber = 4\nservices = [\"B\", \"C\"]\n", "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->desk.number, 4);
    EXPECT_EQ(config->desk.services, "BC");
    auto defaults = parseConfig("", "kiosk.toml");
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(defaults->desk.number, 1);
    EXPECT_EQ(defaults->desk.services, "") << "every line";
}

TEST(KioskConfig, ExplicitFileThatIsMissingIsAnError) {
    auto config = kiosk::config::loadConfig(std::filesystem::path("/nonexistent/kiosk.toml"),
                                            "/nonexistent/default.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_NE(config.error().message.find("/nonexistent/kiosk.toml"), std::string::npos);
}

TEST(KioskConfig, NoFilesMeansBuiltInDefaults) {
    auto config = kiosk::config::loadConfig(std::nullopt, "/nonexistent/default.toml");
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->source, "built-in defaults");
}

TEST(KioskConfig, InstalledDefaultIsUsedWhenPresent) {
    const auto dir = std::filesystem::path(testing::TempDir()) / "config-installed";
    std::filesystem::create_directories(dir);
    const auto file = dir / "commune-kiosk.toml";
    std::ofstream(file) << "[kiosk]\nid = \"installed\"\n";
    auto config = kiosk::config::loadConfig(std::nullopt, file);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->kioskId, "installed");
}

TEST(KioskConfig, ShippedDefaultConfigIsValid) {
    auto config = kiosk::config::loadConfigFile(std::filesystem::path(KIOSK_ASSETS_DIR) /
                                                "../packaging/commune-kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->dataDir, std::filesystem::path("/var/lib/commune-kiosk"));
}

TEST(KioskConfig, TokenProblemsAreNamedForDoctor) {
    auto config = parseConfig("[sync]\ntoken = \"a\tb\"\n", "kiosk.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(kiosk::config::tokenProblemOf(config.error()), kiosk::sync::TokenProblem::SpaceOrControl);
    EXPECT_FALSE(kiosk::config::tokenProblemOf(kiosk::Error{"config.bad_value", "x"}).has_value());
    // Any visible ASCII is a token the sync thread sends as it is.
    auto fine = parseConfig("[sync]\ntoken = 't\"0k\\en:!'\n", "kiosk.toml");
    ASSERT_TRUE(fine.ok()) << fine.error().message;
}
