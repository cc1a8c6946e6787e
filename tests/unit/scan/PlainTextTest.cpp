#include "kiosk/scan/PlainText.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::scan {
namespace {

using test::codes;
using testing::Contains;

struct HostileTextCase {
    const char* name;
    std::string raw;
    std::string shown;
    std::size_t controls, bidi, invisible, invalid;
    const char* problem;  // expected warning code
};

class HostileText : public testing::TestWithParam<HostileTextCase> {};

TEST_P(HostileText, IsCleanedAndReported) {
    const HostileTextCase& c = GetParam();
    const auto checked = checkText(c.raw);
    EXPECT_EQ(checked.value.text, c.shown);
    EXPECT_EQ(checked.value.removedControls, c.controls);
    EXPECT_EQ(checked.value.removedBidi, c.bidi);
    EXPECT_EQ(checked.value.removedInvisible, c.invisible);
    EXPECT_EQ(checked.value.replacedInvalid, c.invalid);
    EXPECT_THAT(codes(checked.problems), Contains(c.problem));
    EXPECT_TRUE(checked.valid()) << "plain text is always shown, with warnings";
    EXPECT_TRUE(isValidUtf8(checked.value.text));
}

INSTANTIATE_TEST_SUITE_P(
    Table, HostileText,
    testing::Values(
        HostileTextCase{"RightToLeftOverride", "Tai lieu \u202Efdp.exe\u202C", "Tai lieu fdp.exe", 0, 2, 0, 0,
                        "removed_bidi_controls"},
        HostileTextCase{"IsolatesAndMarks", "a\u2066b\u2067c\u2068d\u2069e\u200Ef\u200Fg\u061Ch", "abcdefgh",
                        0, 7, 0, 0, "removed_bidi_controls"},
        HostileTextCase{"EmbeddingsAll", "\u202A1\u202B2\u202C3\u202D4\u202E5", "12345", 0, 5, 0, 0,
                        "removed_bidi_controls"},
        HostileTextCase{"C0Controls",
                        "a\x01"
                        "b\x1B[31mc\x7F"
                        "d",
                        "ab[31mcd", 3, 0, 0, 0, "removed_control_characters"},
        HostileTextCase{"NulByte", std::string("x\0y", 3), "xy", 1, 0, 0, 0, "removed_control_characters"},
        HostileTextCase{"C1Controls", "a\u0085b\u009Bc", "a\nbc", 1, 0, 0, 0, "removed_control_characters"},
        HostileTextCase{"ZeroWidthAndBom", "\uFEFFxin\u200Bchào\u2060", "xinchào", 0, 0, 3, 0,
                        "removed_invisible_characters"},
        HostileTextCase{"TagCharacters", "ok\U000E0041\U000E0042", "ok", 0, 0, 2, 0,
                        "removed_invisible_characters"},
        HostileTextCase{"InvalidUtf8", "Van \xFF\xFE ban \xC3", "Van \uFFFD\uFFFD ban \uFFFD", 0, 0, 0, 3,
                        "invalid_utf8"}),
    test::CaseName());

TEST(PlainText, KeepsVietnameseNewlinesAndTabs) {
    const auto checked = checkText("Giờ làm việc:\n\tThứ Hai – Thứ Sáu");
    EXPECT_EQ(checked.value.text, "Giờ làm việc:\n\tThứ Hai – Thứ Sáu");
    EXPECT_TRUE(checked.problems.empty());
}

TEST(PlainText, TurnsCarriageReturnsIntoSingleNewlines) {
    EXPECT_EQ(sanitizeText("a\r\nb\rc\u2028d").text, "a\nb\nc\nd");
}

TEST(PlainText, DropsLineBreaksWhenSingleLineIsAsked) {
    const CleanText clean = sanitizeText("a\r\nb\tc", TextLimits{.keepLineBreaks = false});
    EXPECT_EQ(clean.text, "abc");
    EXPECT_EQ(clean.removedControls, 2u);
}

TEST(PlainText, KeepsEmojiJoinersAndVariationSelectors) {
    const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467 \u2764\uFE0F";
    EXPECT_EQ(sanitizeText(family).text, family);
}

TEST(PlainText, LimitsStackedCombiningMarks) {
    // Decomposed Vietnamese needs two marks; a "Zalgo" run of ten is cut to four.
    const std::string decomposed = "Vie\u0323\u0302t";
    EXPECT_EQ(sanitizeText(decomposed).text, decomposed);
    std::string zalgo = "a";
    for (int i = 0; i < 10; ++i)
        zalgo += "\u0301";
    const auto checked = checkText(zalgo);
    EXPECT_EQ(checked.value.removedMarks, 6u);
    EXPECT_EQ(countCodePoints(checked.value.text), 5u);
    EXPECT_THAT(codes(checked.problems), Contains("removed_combining_marks"));
}

TEST(PlainText, CapsHugeInputAndCountsWhatWasCut) {
    const std::string huge(1'000'000, 'x');
    const auto checked = checkText(huge);
    EXPECT_EQ(checked.value.codePoints, kMaxTextCodePoints);
    EXPECT_EQ(checked.value.text.size(), kMaxTextCodePoints);
    EXPECT_EQ(checked.value.droppedCodePoints, 1'000'000 - kMaxTextCodePoints);
    EXPECT_THAT(codes(checked.problems), Contains("truncated"));
}

TEST(PlainText, CapsByCodePointsNotBytes) {
    std::string text;
    for (int i = 0; i < 3000; ++i)
        text += "ệ";
    const CleanText clean = sanitizeText(text);
    EXPECT_EQ(clean.codePoints, kMaxTextCodePoints);
    EXPECT_EQ(clean.text.size(), kMaxTextCodePoints * 3);
    EXPECT_EQ(clean.droppedCodePoints, 1000u);
}

TEST(PlainText, HugeInvalidInputStaysValidUtf8) {
    std::string garbage;
    for (int i = 0; i < 100'000; ++i)
        garbage.push_back(static_cast<char>(0x80 + i % 64));
    const CleanText clean = sanitizeText(garbage);
    EXPECT_TRUE(isValidUtf8(clean.text));
    EXPECT_EQ(clean.replacedInvalid, kMaxTextCodePoints);
    EXPECT_TRUE(clean.truncated());
}

}  // namespace
}  // namespace kiosk::scan
