#include "kiosk/setup/SetupForm.h"

#include <gtest/gtest.h>

#include "kiosk/setup/RosterCsv.h"

namespace setup = kiosk::setup;
using kiosk::i18n::MessageId;

namespace {

setup::SetupForm completeForm() {
    setup::SetupForm form;
    form.communeName = "Xã Tân Lập";
    form.communeCode = "09877";
    form.kioskId = "xa-tan-lap-01";
    form.technicianPin = "482915";
    form.technicianPinAgain = "482915";
    return form;
}

std::vector<MessageId> messages(const std::vector<setup::SetupProblem>& problems) {
    std::vector<MessageId> ids;
    for (const auto& problem : problems)
        ids.push_back(problem.message);
    return ids;
}

}  // namespace

TEST(SetupForm, ProvisionedOnceTheCommuneCodeIsSet) {
    kiosk::config::KioskConfig config;
    EXPECT_FALSE(setup::isProvisioned(config));
    config.communeCode = "09877";
    EXPECT_TRUE(setup::isProvisioned(config));
}

TEST(SetupForm, StartsFromTheConfigInVietnamese) {
    kiosk::config::KioskConfig config;
    config.kioskId = "ki-1";
    config.printer = "tcp:10.0.0.5:9100";
    const auto form = setup::formFromConfig(config, "/dev/video2");
    EXPECT_EQ(form.kioskId, "ki-1");
    EXPECT_EQ(form.printer, "tcp:10.0.0.5:9100");
    EXPECT_EQ(form.camera, "/dev/video2");
    EXPECT_EQ(form.language, kiosk::i18n::Language::Vi);
}

TEST(SetupForm, CompleteFormPassesReview) {
    EXPECT_TRUE(setup::checkStep(completeForm(), setup::SetupStep::Review).empty());
}

struct FieldCase {
    const char* value;
    bool ok;
};

TEST(SetupForm, CommuneCodeIsExactlyFiveDigits) {
    for (const FieldCase& c : {FieldCase{"09877", true}, FieldCase{"9877", false}, FieldCase{"098770", false},
                               FieldCase{"09a77", false}, FieldCase{"", false}, FieldCase{" 09877", false}}) {
        EXPECT_EQ(!setup::checkCommuneCode(c.value), c.ok) << c.value;
    }
    EXPECT_EQ(setup::checkCommuneCode("123")->message, MessageId::SetupProblemCode);
}

TEST(SetupForm, CommuneNameIsTrimmedPrintableAndShortEnough) {
    EXPECT_FALSE(setup::checkCommuneName("  Xã Tân Lập "));
    EXPECT_EQ(setup::checkCommuneName("   ")->message, MessageId::SetupProblemNameEmpty);
    EXPECT_EQ(setup::checkCommuneName("Xã\x01")->message, MessageId::SetupProblemChars);
    EXPECT_EQ(setup::checkCommuneName("\xff\xfe")->message, MessageId::SetupProblemChars);
    EXPECT_EQ(setup::checkCommuneName(std::string(121, 'a'))->message, MessageId::SetupProblemNameLong);
    EXPECT_EQ(setup::checkCommuneName("Trung tâm phục vụ hành chính công xã")->message,
              MessageId::SetupProblemNameDefault)
        << "the shipped default names no commune";
    EXPECT_FALSE(setup::checkCommuneName("Trung tâm phục vụ hành chính công xã An Minh"));
}

TEST(SetupForm, KioskIdFollowsTheConfigRule) {
    for (const FieldCase& c : {FieldCase{"xa-tan-lap-01", true}, FieldCase{"K_1", true}, FieldCase{"", false},
                               FieldCase{"xã", false}, FieldCase{"a b", false},
                               FieldCase{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false}}) {
        EXPECT_EQ(!setup::checkKioskId(c.value), c.ok) << c.value;
    }
}

TEST(SetupForm, ServerAndTokenBothOrNeither) {
    EXPECT_TRUE(setup::checkServer("", "").empty());
    EXPECT_TRUE(setup::checkServer("https://sync.tinh.example.vn/api", "abc.DEF-123_~+/=").empty());
    EXPECT_EQ(messages(setup::checkServer("", "abc")), std::vector{MessageId::SetupProblemUrlMissing});
    EXPECT_EQ(messages(setup::checkServer("https://sync.example.vn", "")),
              std::vector{MessageId::SyncTokenMissing});
    EXPECT_EQ(messages(setup::checkServer("http://sync.example.vn", "abc")),
              std::vector{MessageId::SetupProblemUrl});
    EXPECT_EQ(messages(setup::checkServer("https://", "abc")), std::vector{MessageId::SetupProblemUrl});
    EXPECT_EQ(messages(setup::checkServer("https://a.vn/x y", "abc")),
              std::vector{MessageId::SetupProblemUrl});
    EXPECT_EQ(messages(setup::checkServer("https://a.vn", "ab c")), std::vector{MessageId::SyncTokenSpace});
}

// The wizard refuses exactly what would keep the sync thread from starting (kiosk/sync/SyncSettings.h).
TEST(SetupForm, TokenRuleIsTheSyncThreadsRule) {
    EXPECT_EQ(messages(setup::checkServer("https://a.vn", "t0ken\n")),
              std::vector{MessageId::SyncTokenSpace});
    EXPECT_EQ(messages(setup::checkServer("https://a.vn", "t0ken\t")),
              std::vector{MessageId::SyncTokenSpace});
    EXPECT_EQ(messages(setup::checkServer("https://a.vn", "t0ken ")), std::vector{MessageId::SyncTokenSpace});
    EXPECT_EQ(messages(setup::checkServer("https://a.vn", "mãtoken")),
              std::vector{MessageId::SyncTokenNotAscii});
    EXPECT_EQ(messages(setup::checkServer("https://a.vn", std::string(4097, 'a'))),
              std::vector{MessageId::SyncTokenTooLong});
    // Visible ASCII the sync thread sends as it is: the wizard takes it too.
    EXPECT_TRUE(setup::checkServer("https://a.vn", "t\"0k\\en:!").empty());
}

TEST(SetupForm, PrinterAddressesTheKioskUnderstands) {
    for (const FieldCase& c :
         {FieldCase{"", true}, FieldCase{"/dev/usb/lp0", true}, FieldCase{"tcp:192.168.1.50:9100", true},
          FieldCase{"file:/tmp/slips", true}, FieldCase{"lp0", false}, FieldCase{"tcp:host", false},
          FieldCase{"file:relative", false}}) {
        EXPECT_EQ(!setup::checkPrinterAddress(c.value), c.ok) << c.value;
    }
}

TEST(SetupForm, PinsMustBeSixDigitsNotWeakAndTypedTwice) {
    EXPECT_FALSE(setup::checkNewPin("482915", "482915"));
    EXPECT_EQ(setup::checkNewPin("48291", "48291")->message, MessageId::SetupProblemPinFormat);
    EXPECT_EQ(setup::checkNewPin("123456", "123456")->message, MessageId::SetupProblemPinWeak);
    EXPECT_EQ(setup::checkNewPin("111111", "111111")->message, MessageId::SetupProblemPinWeak);
    EXPECT_EQ(setup::checkNewPin("482915", "482916")->message, MessageId::SetupProblemPinMismatch);
    auto form = completeForm();
    form.technicianPin.clear();
    form.technicianPinAgain.clear();
    EXPECT_EQ(messages(setup::checkStep(form, setup::SetupStep::TechnicianPin)),
              std::vector{MessageId::SetupProblemPinMissing});
}

TEST(SetupForm, ReviewCollectsEveryStepsProblems) {
    auto form = completeForm();
    form.communeCode = "1";
    form.kioskId = "";
    form.printer = "lp9";
    EXPECT_EQ(messages(setup::checkStep(form, setup::SetupStep::Review)),
              (std::vector{MessageId::SetupProblemCode, MessageId::SetupProblemKioskId,
                           MessageId::SetupProblemPrinter}));
}

TEST(RosterCsv, OneNamePerLineWithHeaderBomAndCrlf) {
    const auto roster = setup::parseRosterCsv(
        "\xEF\xBB\xBFTên,Số điện thoại\r\nLan,0912345678\r\n\r\nHùng\r\n"
        "\"Bé, Út\";x\r\n");
    EXPECT_EQ(roster.names, (std::vector<std::string>{"Lan", "Hùng", "Bé, Út"}));
    EXPECT_TRUE(roster.problems.empty());
}

TEST(RosterCsv, EnglishHeaderAndSemicolonsAndQuotesInNames) {
    const auto roster = setup::parseRosterCsv("Name;Team\nLan;A\n\"Cô \"\"Ba\"\"\"\n");
    EXPECT_EQ(roster.names, (std::vector<std::string>{"Lan", "Cô \"Ba\""}));
}

TEST(RosterCsv, BadAndDuplicateNamesAreProblemsWithTheirLine) {
    const auto roster = setup::parseRosterCsv(
        "Lan\nlan@example.com\n0912345678\nLan\n"
        "Một cái tên rất rất dài quá hai mươi tư ký tự\n");
    EXPECT_EQ(roster.names, std::vector<std::string>{"Lan"});
    ASSERT_EQ(roster.problems.size(), 4u);
    EXPECT_EQ(roster.problems[0].message, MessageId::SetupProblemVolunteerName);
    EXPECT_EQ(roster.problems[0].values.at("line"), "2");
    EXPECT_EQ(roster.problems[0].values.at("name"), "…");  // an e-mail is not echoed on screen
    EXPECT_EQ(roster.problems[1].values.at("name"), "…");  // nor a phone number
    EXPECT_EQ(roster.problems[2].message, MessageId::SetupProblemVolunteerDuplicate);
    EXPECT_EQ(roster.problems[2].values.at("line"), "4");
    EXPECT_EQ(roster.problems[3].values.at("line"), "5");
}

TEST(RosterCsv, LookAlikeNamesAreDuplicatesAndNamesAreComposed) {
    const auto roster = setup::parseRosterCsv("Ho\u0300a\nHÒA\nL\u200Ban\nlan\n");
    EXPECT_EQ(roster.names, (std::vector<std::string>{"Hòa", "Lan"}));
    ASSERT_EQ(roster.problems.size(), 2u);
    EXPECT_EQ(roster.problems[0].message, MessageId::SetupProblemVolunteerDuplicate);
    EXPECT_EQ(roster.problems[1].message, MessageId::SetupProblemVolunteerDuplicate);
}

TEST(RosterCsv, AFileWithoutNamesSaysSo) {
    EXPECT_EQ(setup::parseRosterCsv("").problems.front().message, MessageId::SetupProblemCsvEmpty);
    EXPECT_EQ(setup::parseRosterCsv("Tên\n\n").problems.front().message, MessageId::SetupProblemCsvEmpty);
}
