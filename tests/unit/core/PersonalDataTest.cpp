#include "kiosk/PersonalData.h"

#include <gtest/gtest.h>

namespace {

struct TypedCase {
    const char* text;
    bool personal;
};

class TypedText : public testing::TestWithParam<TypedCase> {};

TEST_P(TypedText, RefusesNumbersAndEmailButNotEverydayWords) {
    EXPECT_EQ(kiosk::typedTextLooksPersonal(GetParam().text), GetParam().personal) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Cases, TypedText,
                         testing::Values(TypedCase{"Lan", false}, TypedCase{"cô Lan 2", false},
                                         TypedCase{"cài VNeID mức 2 cho 3 - 4 người", false},
                                         TypedCase{"Lan 0912", true}, TypedCase{"0912 345 678", true},
                                         TypedCase{"001.234.567.890", true},
                                         TypedCase{"lan@example.com", true}, TypedCase{"năm 2026", true}));

TEST(MachineText, FindsAndMasksLongNumbersButNotTimestamps) {
    EXPECT_FALSE(kiosk::containsLongNumber("2026-01-05 08:00:01.123 pid 12345678"));
    EXPECT_TRUE(kiosk::containsLongNumber("id 123456789"));
    EXPECT_TRUE(kiosk::containsLongNumber("001234567890"));
    EXPECT_FALSE(kiosk::containsLongNumber("0912 345 678"));
    EXPECT_EQ(kiosk::maskLongNumbers("rejected 001234567890: bad"), "rejected …: bad");
    EXPECT_EQ(kiosk::maskLongNumbers("pid 1234 at 20260105"), "pid 1234 at 20260105");
}

TEST(EventValues, WholeNumbersThatLookLikePhonesOrIdsAreCaught) {
    EXPECT_TRUE(kiosk::looksLikePersonalNumber("+84 912 345 678"));
    EXPECT_TRUE(kiosk::looksLikePersonalNumber("001234567890"));
    EXPECT_FALSE(kiosk::looksLikePersonalNumber("A012"));
    EXPECT_FALSE(kiosk::looksLikePersonalNumber("12345678"));
}

}  // namespace
