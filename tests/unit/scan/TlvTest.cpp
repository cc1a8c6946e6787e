#include "kiosk/scan/Tlv.h"

#include <string>

#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

TEST(Tlv, SplitsFieldsInOrder) {
    const TlvList list = parseTlv(
        "000201"
        "0102AB"
        "5303704",
        LengthUnit::codePoints, "");
    ASSERT_FALSE(list.problem.has_value());
    ASSERT_EQ(list.fields.size(), 3u);
    EXPECT_EQ(list.fields[1].id, "01");
    EXPECT_EQ(list.fields[1].value, "AB");
    EXPECT_EQ(list.find("53")->value, "704");
    EXPECT_EQ(list.find("54"), nullptr);
}

TEST(Tlv, AllowsAnEmptyValue) {
    const TlvList list = parseTlv(
        "5900"
        "6001X",
        LengthUnit::codePoints, "");
    ASSERT_FALSE(list.problem.has_value());
    EXPECT_EQ(list.find("59")->value, "");
    EXPECT_EQ(list.find("60")->value, "X");
}

TEST(Tlv, CountsCharactersOrBytes) {
    const std::string text =
        "5903Thử"
        "6001X";  // "Thử" is 3 characters, 5 bytes
    EXPECT_FALSE(parseTlv(text, LengthUnit::codePoints, "").problem.has_value());
    const TlvList inBytes = parseTlv(text, LengthUnit::bytes, "");
    ASSERT_TRUE(inBytes.problem.has_value());
    EXPECT_EQ(inBytes.problem->code, "malformed_tlv");  // 3 bytes end inside "ử"
}

struct BrokenTlvCase {
    const char* name;
    std::string text;
    const char* code;
};

class BrokenTlv : public testing::TestWithParam<BrokenTlvCase> {};

TEST_P(BrokenTlv, StopsWithANamedProblemAndKeepsWhatWasRead) {
    const TlvList list = parseTlv(GetParam().text, LengthUnit::codePoints, "62");
    ASSERT_TRUE(list.problem.has_value());
    EXPECT_EQ(list.problem->code, GetParam().code);
    EXPECT_EQ(list.problem->severity, Severity::error);
    ASSERT_FALSE(list.fields.empty());
    EXPECT_EQ(list.fields[0].id, "01");
}

INSTANTIATE_TEST_SUITE_P(Table, BrokenTlv,
                         testing::Values(BrokenTlvCase{"ValueRunsPastTheEnd",
                                                       "0102AB"
                                                       "0810abc",
                                                       "length_overrun"},
                                         BrokenTlvCase{"HeaderCutOff",
                                                       "0102AB"
                                                       "08",
                                                       "length_overrun"},
                                         BrokenTlvCase{"LetterInId",
                                                       "0102AB"
                                                       "0A02xy",
                                                       "malformed_tlv"},
                                         BrokenTlvCase{"LetterInLength",
                                                       "0102AB"
                                                       "08x2xy",
                                                       "malformed_tlv"},
                                         BrokenTlvCase{"SignInLength",
                                                       "0102AB"
                                                       "08-1xy",
                                                       "malformed_tlv"},
                                         BrokenTlvCase{"RepeatedId",
                                                       "0102AB"
                                                       "0102CD",
                                                       "duplicate_field"}),
                         test::CaseName());

TEST(Tlv, NamesTheTemplateInMessages) {
    const TlvList list = parseTlv("0810abc", LengthUnit::codePoints, "62");
    ASSERT_TRUE(list.problem.has_value());
    EXPECT_NE(list.problem->message.find("62.08"), std::string::npos) << list.problem->message;
}

TEST(Tlv, AppendWritesTwoDigitLengthsInTheChosenUnit) {
    std::string out;
    EXPECT_TRUE(appendTlv(out, "59", "Thử"));
    EXPECT_TRUE(appendTlv(out, "60", "Thử", LengthUnit::bytes));
    EXPECT_EQ(out, "5903Thử6005Thử");
}

TEST(Tlv, AppendRefusesValuesLongerThan99) {
    std::string out = "x";
    EXPECT_FALSE(appendTlv(out, "62", std::string(100, 'a')));
    EXPECT_TRUE(appendTlv(out, "62", std::string(99, 'a')));
    EXPECT_EQ(out.size(), 1u + 4u + 99u);
}

}  // namespace
}  // namespace kiosk::scan
