#include "kiosk/config/ConfigSetting.h"

#include <gtest/gtest.h>

#include <vector>

#include "ConfigTestSupport.h"
#include "kiosk/config/KioskConfig.h"

using kiosk::config::ConfigSetting;
using kiosk::config::parseConfig;
using kiosk::config::setInConfigText;

namespace {

std::vector<ConfigSetting> tanLap() {
    return {{"kiosk", "id", std::string("xa-tan-lap-01")},
            {"kiosk", "commune_name", std::string("Xã Tân Lập")},
            {"kiosk", "commune_code", std::string("09877")},
            {"sync", "token", std::string("t\"0k\\en")},
            {"desk", "recall_window", int64_t{5}}};
}

}  // namespace

TEST(ConfigSetting, LiteralsAreTomlStringsAndNumbers) {
    EXPECT_EQ(kiosk::config::tomlLiteral(std::string("Xã \"A\"\\\n")), "\"Xã \\\"A\\\"\\\\\\n\"");
    EXPECT_EQ(kiosk::config::tomlLiteral(std::string("\x01")), "\"\\u0001\"");
    EXPECT_EQ(kiosk::config::tomlLiteral(int64_t{-42}), "-42");
}

TEST(ConfigSetting, EditsTheShippedConfigInPlaceKeepingItsComments) {
    const std::string before = config_test::shippedConfig();
    ASSERT_FALSE(before.empty());
    const auto settings = tanLap();
    auto after = setInConfigText(before, "commune-kiosk.toml", settings);
    ASSERT_TRUE(after.ok()) << after.error().message;

    auto config = parseConfig(*after, "commune-kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message << "\n" << *after;
    EXPECT_EQ(config->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(config->communeName, "Xã Tân Lập");
    EXPECT_EQ(config->communeCode, "09877");
    EXPECT_EQ(config->sync.token, "t\"0k\\en");
    EXPECT_EQ(config->desk.recallWindow, 5);
    EXPECT_EQ(config->dataDir, std::filesystem::path("/var/lib/commune-kiosk"));  // untouched

    // Same number of lines, every comment still there: each value was replaced where it stood.
    EXPECT_EQ(std::count(before.begin(), before.end(), '\n'), std::count(after->begin(), after->end(), '\n'));
    // Aligned comments stay in their column.
    auto commentColumn = [](const std::string& text, const std::string& comment) {
        const auto at = text.find(comment);
        return at == std::string::npos ? std::string::npos : at - text.rfind('\n', at);
    };
    EXPECT_EQ(commentColumn(*after, "# letters, digits"), commentColumn(before, "# letters, digits"))
        << *after;
    EXPECT_EQ(commentColumn(*after, "# the 5-digit"), commentColumn(before, "# the 5-digit")) << *after;
    EXPECT_NE(after->find("id = \"xa-tan-lap-01\"     "), std::string::npos) << *after;
    EXPECT_NE(after->find("# the 5-digit commune code"), std::string::npos);
    EXPECT_EQ(after->find("Rewritten by commune-kiosk"), std::string::npos);
}

TEST(ConfigSetting, MissingKeysGoAtTheEndOfTheirSectionAndMissingSectionsAtTheEnd) {
    const std::string before =
        "# my kiosk\n[kiosk]\nid = \"k1\"  # old\n\n# the desk\n[desk]\nrecall_window = 2\n";
    auto after = setInConfigText(before, "k.toml", tanLap());
    ASSERT_TRUE(after.ok()) << after.error().message;
    EXPECT_EQ(*after,
              "# my kiosk\n[kiosk]\nid = \"xa-tan-lap-01\" # old\ncommune_name = \"Xã Tân Lập\"\n"
              "commune_code = \"09877\"\n\n# the desk\n[desk]\nrecall_window = 5\n\n[sync]\n"
              "token = \"t\\\"0k\\\\en\"\n");
    EXPECT_TRUE(parseConfig(*after, "k.toml").ok());
}

TEST(ConfigSetting, EmptyFileAndFileWithoutFinalNewline) {
    const std::vector<ConfigSetting> one = {{"printer", "device", std::string("/dev/usb/lp0")}};
    auto fromEmpty = setInConfigText("", "k.toml", one);
    ASSERT_TRUE(fromEmpty.ok());
    EXPECT_EQ(*fromEmpty, "\n[printer]\ndevice = \"/dev/usb/lp0\"\n");

    auto noNewline = setInConfigText("[printer]\ndevice = \"\"", "k.toml", one);
    ASSERT_TRUE(noNewline.ok());
    EXPECT_EQ(*noNewline, "[printer]\ndevice = \"/dev/usb/lp0\"");

    const std::vector<ConfigSetting> add = {{"printer", "device", std::string("/dev/usb/lp1")}};
    auto appended = setInConfigText("[printer]", "k.toml", add);
    ASSERT_TRUE(appended.ok());
    EXPECT_EQ(*appended, "[printer]\ndevice = \"/dev/usb/lp1\"\n");
}

TEST(ConfigSetting, ValueAfterMultiByteTextIsReplacedExactlyKeepingTheCommentColumn) {
    const std::string before = "[kiosk]\ncommune_name = \"Phường Đông Hưng\" # ghi chú\nid = \"a\"\n";
    const std::vector<ConfigSetting> settings = {{"kiosk", "commune_name", std::string("Xã Tân Lập")}};
    auto after = setInConfigText(before, "k.toml", settings);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(*after, "[kiosk]\ncommune_name = \"Xã Tân Lập\"       # ghi chú\nid = \"a\"\n");
}

TEST(ConfigSetting, OtherLayoutsAreRewrittenWithTheSameValues) {
    // Inline table and dotted keys: not edited in place, but the result must still be right.
    const std::string before = "kiosk = { id = \"k1\", commune_name = \"Xã A\" }\ndesk.recall_window = 2\n";
    auto after = setInConfigText(before, "k.toml", tanLap());
    ASSERT_TRUE(after.ok()) << after.error().message;
    auto config = parseConfig(*after, "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().message << "\n" << *after;
    EXPECT_EQ(config->kioskId, "xa-tan-lap-01");
    EXPECT_EQ(config->desk.recallWindow, 5);
    EXPECT_NE(after->find("Rewritten by commune-kiosk"), std::string::npos);
}

TEST(ConfigSetting, RefusesTextThatIsNotToml) {
    auto after = setInConfigText("[kiosk\nid = 1\n", "k.toml", tanLap());
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().code, "config.syntax");
    EXPECT_EQ(after.error().message.rfind("k.toml:1: ", 0), 0u) << after.error().message;
}

TEST(ConfigSetting, RefusesASectionThatIsNotATable) {
    auto after = setInConfigText("desk = 3\n", "k.toml", tanLap());
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().message, "k.toml:1: 'desk' must be a table like [desk]");
}
