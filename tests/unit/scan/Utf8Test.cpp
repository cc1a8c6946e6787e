#include "kiosk/scan/Utf8.h"

#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

struct Utf8Case {
    const char* name;
    std::string bytes;
    bool valid;
    std::size_t codePoints;
};

class Utf8Validation : public testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Validation, ValidatesAndCounts) {
    const Utf8Case& c = GetParam();
    EXPECT_EQ(isValidUtf8(c.bytes), c.valid);
    EXPECT_EQ(countCodePoints(c.bytes), c.codePoints);
    EXPECT_TRUE(isValidUtf8(toValidUtf8(c.bytes)));
    if (c.valid) {
        EXPECT_EQ(toValidUtf8(c.bytes), c.bytes);
    }
}

INSTANTIATE_TEST_SUITE_P(Table, Utf8Validation,
                         testing::Values(Utf8Case{"Ascii", "abc", true, 3},
                                         Utf8Case{"Vietnamese", "Việt Nam", true, 8},
                                         Utf8Case{"FourByte", "\xF0\x9F\x98\x80", true, 1},
                                         Utf8Case{"LoneContinuation",
                                                  "a\x80"
                                                  "b",
                                                  false, 3},
                                         Utf8Case{"TruncatedThreeByte", "a\xE1\xBB", false, 2},
                                         Utf8Case{"OverlongSlash", "\xC0\xAF", false, 2},
                                         Utf8Case{"OverlongThreeByte", "\xE0\x80\xAF", false, 1},
                                         Utf8Case{"Surrogate", "\xED\xA0\x80", false, 1},
                                         Utf8Case{"AboveUnicode", "\xF4\x90\x80\x80", false, 1},
                                         Utf8Case{"InvalidLeadBytes", "\xFE\xFF", false, 2},
                                         Utf8Case{"BrokenThenValid",
                                                  "\xE1\xBB"
                                                  "A",
                                                  false, 2}),
                         test::CaseName());

TEST(Utf8, BytesForCodePointsCountsMultiByteCharacters) {
    EXPECT_EQ(bytesForCodePoints("Việt", 2), 2u);
    EXPECT_EQ(bytesForCodePoints("Việt", 3), 5u);  // "ệ" is 3 bytes
    EXPECT_EQ(bytesForCodePoints("Việt", 4), 6u);
    EXPECT_EQ(bytesForCodePoints("Việt", 0), 0u);
    EXPECT_FALSE(bytesForCodePoints("Việt", 5).has_value());
}

TEST(Utf8, EncodesEveryLengthAndReplacesSurrogates) {
    std::string out;
    appendUtf8(out, U'A');
    appendUtf8(out, U'\u00E0');
    appendUtf8(out, U'\u1EC7');
    appendUtf8(out, U'\U0001F600');
    EXPECT_EQ(out, "A\xC3\xA0\xE1\xBB\x87\xF0\x9F\x98\x80");
    std::string bad;
    appendUtf8(bad, static_cast<char32_t>(0xD800));
    EXPECT_EQ(bad, "\xEF\xBF\xBD");
}

TEST(Utf8, ReplacesEachInvalidUnitWithOneReplacementCharacter) {
    EXPECT_EQ(toValidUtf8("a\xFF"
                          "b\xE1\xBB"),
              "a\xEF\xBF\xBD"
              "b\xEF\xBF\xBD");
}

}  // namespace
}  // namespace kiosk::scan
