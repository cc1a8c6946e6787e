#include "kiosk/queue/Service.h"

#include <gtest/gtest.h>

#include <string>

using kiosk::queue::loadServicesFile;
using kiosk::queue::parseServices;
using kiosk::queue::Skill;

TEST(Services, ShippedFileHasTheFourDefaultServices) {
    auto services = loadServicesFile(std::string(KIOSK_ASSETS_DIR) + "/services.toml");
    ASSERT_TRUE(services.ok()) << services.error().message;
    ASSERT_EQ(services->size(), 4u);
    EXPECT_EQ((*services)[0].letter, 'A');
    EXPECT_EQ((*services)[0].name.en, "VNeID help");
    EXPECT_EQ((*services)[0].name.vi, "Hỗ trợ VNeID");
    EXPECT_EQ((*services)[1].letter, 'B');
    EXPECT_EQ((*services)[1].skills, std::vector<Skill>{Skill::OnlinePayment});
    EXPECT_EQ((*services)[2].letter, 'C');
    EXPECT_EQ((*services)[2].name.en, "Online public service filing");
    EXPECT_EQ((*services)[3].letter, 'D');
    EXPECT_EQ((*services)[3].name.en, "Other help");
}

TEST(Services, ReadsLettersNamesAndSkills) {
    auto services = parseServices(R"(
[[service]]
letter = "Q"
vi = "Mua sắm trực tuyến"
en = "Online shopping"
skills = ["online_shopping", "self_protection"]
)",
                                  "s.toml");
    ASSERT_TRUE(services.ok()) << services.error().message;
    ASSERT_EQ(services->size(), 1u);
    EXPECT_EQ((*services)[0].letter, 'Q');
    EXPECT_EQ((*services)[0].skills, (std::vector<Skill>{Skill::OnlineShopping, Skill::SelfProtection}));
    EXPECT_NE(kiosk::queue::findService(*services, 'Q'), nullptr);
    EXPECT_EQ(kiosk::queue::findService(*services, 'A'), nullptr);
}

struct BrokenServices {
    const char* name;
    const char* toml;
    const char* code;
    const char* where;    // "file:line"
    const char* message;  // a part of the message
};

class ServicesRefuse : public testing::TestWithParam<BrokenServices> {};

TEST_P(ServicesRefuse, WithFileLineAndReason) {
    const BrokenServices& broken = GetParam();
    auto services = parseServices(broken.toml, "services.toml");
    ASSERT_FALSE(services.ok());
    EXPECT_EQ(services.error().code, broken.code);
    EXPECT_EQ(services.error().message.rfind(std::string(broken.where) + ": ", 0), 0u)
        << services.error().message;
    EXPECT_NE(services.error().message.find(broken.message), std::string::npos) << services.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Services, ServicesRefuse,
    testing::Values(
        BrokenServices{"UnknownKey",
                       "[[service]]\nletter = \"A\"\nvi = \"a\"\nen = \"a\"\nskills = [\"public_services\"]\n"
                       "colour = \"red\"\n",
                       "services.unknown_key", "services.toml:6", "unknown key 'colour'"},
        BrokenServices{"UnknownTopLevelKey", "title = \"x\"\n", "services.unknown_key", "services.toml:1",
                       "unknown key 'title'"},
        BrokenServices{
            "LowercaseLetter",
            "[[service]]\nletter = \"a\"\nvi = \"a\"\nen = \"a\"\nskills = [\"public_services\"]\n",
            "services.bad_value", "services.toml:2", "one capital letter"},
        BrokenServices{
            "TwoLetters",
            "[[service]]\nletter = \"AB\"\nvi = \"a\"\nen = \"a\"\nskills = [\"public_services\"]\n",
            "services.bad_value", "services.toml:2", "one capital letter"},
        BrokenServices{
            "DuplicateLetter",
            "[[service]]\nletter = \"A\"\nvi = \"a\"\nen = \"a\"\nskills = [\"public_services\"]\n"
            "[[service]]\nletter = \"A\"\nvi = \"b\"\nen = \"b\"\nskills = [\"public_services\"]\n",
            "services.bad_value", "services.toml:7", "used by two services"},
        BrokenServices{"UnknownSkill",
                       "[[service]]\nletter = \"A\"\nvi = \"a\"\nen = \"a\"\n\nskills = [\"cooking\"]\n",
                       "services.bad_value", "services.toml:6", "unknown skill"},
        BrokenServices{"NoSkills", "[[service]]\nletter = \"A\"\nvi = \"a\"\nen = \"a\"\nskills = []\n",
                       "services.bad_value", "services.toml:5", "at least one skill"},
        BrokenServices{"MissingEnglishName",
                       "[[service]]\nletter = \"A\"\nvi = \"a\"\nskills = [\"public_services\"]\n",
                       "services.bad_value", "services.toml:1", "needs 'en'"},
        BrokenServices{"EmptyName",
                       "[[service]]\nletter = \"A\"\nvi = \"\"\nen = \"a\"\nskills = [\"public_services\"]\n",
                       "services.bad_value", "services.toml:3", "non-empty text"},
        BrokenServices{"NoServices", "# nothing here\n", "services.bad_value", "services.toml:1",
                       "no services"},
        BrokenServices{"SyntaxError", "[[service]]\nletter = \"A\nvi = \"a\"\n", "services.syntax",
                       "services.toml:2", ""}),
    [](const testing::TestParamInfo<BrokenServices>& tested) { return std::string(tested.param.name); });

TEST(Services, MissingFileIsUnreadable) {
    auto services = loadServicesFile("/nonexistent/services.toml");
    ASSERT_FALSE(services.ok());
    EXPECT_EQ(services.error().code, "services.unreadable");
}
