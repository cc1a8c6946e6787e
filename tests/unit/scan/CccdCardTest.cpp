#include "kiosk/scan/CccdCard.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

using test::codes;
using test::errorCodes;
using testing::Contains;
using testing::UnorderedElementsAreArray;

// Synthetic cards only: made-up names ("Thử" = test, "Mẫu" = sample), IDs and addresses.
const std::string kMale1990 =
    "001090012345|123456789|Nguyễn Văn Thử|01011990|Nam|Số 1 Đường Mẫu, Xã Ví Dụ, Tỉnh Thử Nghiệm|15062021";
const std::string kFemale2004 = "079304001234||Trần Thị Mẫu|29022004|Nữ|Thôn Thử, Xã Mẫu|10102022";

std::string card(std::string id, std::string birth, std::string sex, std::string issue = "15062021") {
    return id + "|123456789|Lê Văn Mẫu|" + birth + "|" + sex + "|Xã Ví Dụ|" + issue;
}

struct CccdCase {
    const char* name;
    std::string text;
    bool valid;
    std::vector<std::string> errors;    // exactly these error codes
    std::vector<std::string> warnings;  // at least these warning codes
};

class CccdRules : public testing::TestWithParam<CccdCase> {};

TEST_P(CccdRules, ReportsExactlyTheNamedProblems) {
    const CccdCase& c = GetParam();
    const auto result = parseCccd(c.text);
    EXPECT_EQ(result.valid(), c.valid);
    EXPECT_THAT(errorCodes(result.problems), UnorderedElementsAreArray(c.errors));
    for (const std::string& warning : c.warnings)
        EXPECT_THAT(codes(result.problems), Contains(warning));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CccdRules,
    testing::Values(
        CccdCase{"ValidMale1990", kMale1990, true, {}, {}},
        CccdCase{"ValidFemale2004LeapDayWithoutOldId", kFemale2004, true, {}, {}},
        CccdCase{"ExtraTrailingFieldsAreIgnored", kMale1990 + "|NGUYEN VAN THU|extra", true, {}, {}},
        CccdCase{"TrailingLineBreakIsTolerated", kMale1990 + "\r\n", true, {}, {}},
        CccdCase{"CenturyDigitsContinuePast2099",
                 card("001401012345", "01012101", "Nam", "01012121"),
                 true,
                 {},
                 {}},
        CccdCase{"FemaleBornIn1900s", card("001185012345", "31121985", "Nữ"), true, {}, {}},
        CccdCase{"DecomposedNuIsFemale", card("001185012345", "31121985", "Nu\u031B\u0303"), true, {}, {}},
        CccdCase{"SexDigitSaysFemaleCardSaysMale",
                 card("001190012345", "01011990", "Nam"),
                 false,
                 {"id_sex_mismatch"},
                 {}},
        CccdCase{"SexDigitSaysMaleCardSaysFemale",
                 card("001205012345", "01012005", "Nữ"),
                 false,
                 {"id_sex_mismatch"},
                 {}},
        CccdCase{"CenturyDigitSays2000sBornIn1990",
                 card("001290012345", "01011990", "Nam"),
                 false,
                 {"id_century_mismatch"},
                 {}},
        CccdCase{"CenturyAndSexBothWrong",
                 card("001390012345", "01011990", "Nam"),
                 false,
                 {"id_century_mismatch", "id_sex_mismatch"},
                 {}},
        CccdCase{"YearDigitsDoNotMatchBirthYear",
                 card("001091012345", "01011990", "Nam"),
                 false,
                 {"id_birth_year_mismatch"},
                 {}},
        CccdCase{"UnknownProvinceCodeIsAWarning",
                 card("003090012345", "01011990", "Nam"),
                 true,
                 {},
                 {"unknown_province_code"}},
        CccdCase{"February30", card("001090012345", "30021990", "Nam"), false, {"bad_birth_date"}, {}},
        CccdCase{"February29InACommonYear",
                 card("001090012345", "29021990", "Nam"),
                 false,
                 {"bad_birth_date"},
                 {}},
        CccdCase{"February29In1900IsNotALeapDay",
                 card("001000012345", "29021900", "Nam"),
                 false,
                 {"bad_birth_date"},
                 {}},
        CccdCase{"February29In2000IsALeapDay", card("001200012345", "29022000", "Nam"), true, {}, {}},
        CccdCase{"Month13", card("001090012345", "01131990", "Nam"), false, {"bad_birth_date"}, {}},
        CccdCase{"IsoDateInsteadOfDdMmYyyy",
                 card("001090012345", "1990-01-01", "Nam"),
                 false,
                 {"bad_birth_date"},
                 {}},
        CccdCase{"EmptyBirthDate", card("001090012345", "", "Nam"), false, {"bad_birth_date"}, {}},
        CccdCase{"BadIssueDate",
                 card("001090012345", "01011990", "Nam", "00002021"),
                 false,
                 {"bad_issue_date"},
                 {}},
        CccdCase{"IssuedBeforeBirth",
                 card("001090012345", "01011990", "Nam", "31121989"),
                 false,
                 {"issue_before_birth"},
                 {}},
        CccdCase{"UnknownSexWord", card("001090012345", "01011990", "Male"), false, {"bad_sex"}, {}},
        CccdCase{"ElevenDigitId", card("00109001234", "01011990", "Nam"), false, {"bad_id"}, {}},
        CccdCase{"LetterInId", card("00109001234X", "01011990", "Nam"), false, {"bad_id"}, {}},
        CccdCase{"OldIdOfFiveDigitsIsAWarning",
                 "001090012345|12345|Lê Văn Mẫu|01011990|Nam|Xã Ví Dụ|15062021",
                 true,
                 {},
                 {"bad_old_id"}},
        CccdCase{
            "EmptyName", "001090012345||   |01011990|Nam|Xã Ví Dụ|15062021", false, {"missing_name"}, {}},
        CccdCase{"EmptyAddressIsAWarning",
                 "001090012345||Lê Văn Mẫu|01011990|Nam||15062021",
                 true,
                 {},
                 {"missing_address"}},
        CccdCase{"BidiOverrideInName",
                 "001090012345||Lê \u202EVăn Mẫu|01011990|Nam|Xã Ví Dụ|15062021",
                 true,
                 {},
                 {"hidden_characters"}},
        CccdCase{"InvalidUtf8InAddress",
                 "001090012345||Lê Văn Mẫu|01011990|Nam|X\xE3 \xFF|15062021",
                 false,
                 {"invalid_utf8"},
                 {}},
        CccdCase{"ThreeFields", "001090012345|123456789|Nguyễn Văn Thử", false, {"too_few_fields"}, {}},
        CccdCase{"SixFields",
                 "001090012345|123456789|Nguyễn Văn Thử|01011990|Nam|Xã Ví Dụ",
                 false,
                 {"too_few_fields"},
                 {}},
        CccdCase{"OnlyTheId", "001090012345|", false, {"too_few_fields"}, {}}),
    test::CaseName());

TEST(CccdCard, ReadsEveryField) {
    const auto result = parseCccd(kMale1990);
    ASSERT_TRUE(result.valid());
    const CccdCard& c = result.value;
    EXPECT_EQ(c.id, "001090012345");
    EXPECT_EQ(c.oldId, "123456789");
    EXPECT_EQ(c.name, "Nguyễn Văn Thử");
    ASSERT_TRUE(c.birthDate.has_value());
    EXPECT_EQ(c.birthDate->iso(), "1990-01-01");
    EXPECT_EQ(c.sex, Sex::male);
    EXPECT_EQ(c.address, "Số 1 Đường Mẫu, Xã Ví Dụ, Tỉnh Thử Nghiệm");
    ASSERT_TRUE(c.issueDate.has_value());
    EXPECT_EQ(c.issueDate->iso(), "2021-06-15");
}

TEST(CccdCard, ReadsAFemaleCardWithoutOldId) {
    const auto result = parseCccd(kFemale2004);
    ASSERT_TRUE(result.valid());
    EXPECT_EQ(result.value.sex, Sex::female);
    EXPECT_TRUE(result.value.oldId.empty());
    EXPECT_EQ(result.value.birthDate->iso(), "2004-02-29");
}

TEST(CccdCard, KeepsWhatItCouldReadFromAShortCode) {
    const auto result = parseCccd("001090012345|123456789|Nguyễn Văn Thử");
    EXPECT_EQ(result.value.id, "001090012345");
    EXPECT_EQ(result.value.name, "Nguyễn Văn Thử");
    EXPECT_FALSE(result.value.birthDate.has_value());
}

TEST(CccdCard, RemovesHiddenCharactersFromTheName) {
    EXPECT_EQ(parseCccd("001090012345||Lê \u202EVăn Mẫu|01011990|Nam|Xã|15062021").value.name, "Lê Văn Mẫu");
}

TEST(CccdCard, ProblemMessagesNeverQuoteTheData) {
    const auto result = parseCccd(card("001391012345", "02031990", "Male", "01011980"));
    ASSERT_FALSE(result.problems.empty());
    for (const ScanProblem& p : result.problems) {
        for (const char* secret : {"001391012345", "1990", "02031990", "Mẫu", "Ví Dụ", "123456789"}) {
            EXPECT_EQ(p.message.find(secret), std::string::npos) << p.code << ": " << p.message;
        }
    }
}

TEST(CccdCard, RecognisesTheQrByItsFirstField) {
    EXPECT_TRUE(looksLikeCccd(kMale1990));
    EXPECT_TRUE(looksLikeCccd("001090012345|"));
    EXPECT_FALSE(looksLikeCccd("001090012345"));
    EXPECT_FALSE(looksLikeCccd("00109001234|x"));
    EXPECT_FALSE(looksLikeCccd("A01090012345|x"));
}

TEST(CccdCard, ParsesOnlyRealDates) {
    EXPECT_EQ(parseDdMmYyyy("31122023")->iso(), "2023-12-31");
    EXPECT_FALSE(parseDdMmYyyy("31042023").has_value());
    EXPECT_FALSE(parseDdMmYyyy("0101199").has_value());
    EXPECT_FALSE(parseDdMmYyyy("01011899").has_value());
    EXPECT_FALSE(parseDdMmYyyy("+1011990").has_value());
}

// ---- masking ------------------------------------------------------------------------------------------

TEST(CccdMasking, ShowsOnlyTheLastFourDigitsOfTheId) {
    EXPECT_EQ(maskDigits("001090012345"), "********2345");
    EXPECT_EQ(maskDigits("123456789", 0), "*********");
    EXPECT_EQ(maskDigits("123"), "123");
    EXPECT_EQ(maskDigits(""), "");
}

TEST(CccdMasking, ReducesNamesToInitials) {
    EXPECT_EQ(nameInitials("Trần Thị Mẫu"), "T. T. M.");
    EXPECT_EQ(nameInitials("  Lê   Văn  "), "L. V.");
    EXPECT_EQ(nameInitials("Đặng"), "Đ.");
    EXPECT_EQ(nameInitials("ÂU DƯƠNG"), "Â. D.");
    EXPECT_EQ(nameInitials(""), "");
}

TEST(CccdMasking, MasksTheWholeCardAsOneLine) {
    const auto result = parseCccd(kMale1990);
    const std::string masked = maskedCccdText(result.value);
    EXPECT_EQ(masked, "********2345|*********|N. V. T.|********|***|***|********");
    for (const char* secret : {"001090012345", "123456789", "Nguyễn", "01011990", "Đường", "15062021"}) {
        EXPECT_EQ(masked.find(secret), std::string::npos) << secret;
    }
}

}  // namespace
}  // namespace kiosk::scan
