#include "kiosk/scan/Punycode.h"

#include <string>

#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

struct PunycodeCase {
    const char* name;
    std::string encoded;
    std::string decoded;  // UTF-8
};

class PunycodeVectors : public testing::TestWithParam<PunycodeCase> {};

TEST_P(PunycodeVectors, DecodesToTheExpectedText) {
    const auto label = decodeIdnaLabel("xn--" + GetParam().encoded);
    ASSERT_TRUE(label.has_value());
    EXPECT_EQ(*label, GetParam().decoded);
}

// RFC 3492 section 7.1 samples, plus look-alike hosts relevant to the kiosk.
INSTANTIATE_TEST_SUITE_P(
    Table, PunycodeVectors,
    testing::Values(PunycodeCase{"RfcVietnamese", "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g",
                                 "TạisaohọkhôngthểchỉnóitiếngViệt"},
                    PunycodeCase{"RfcCzech", "Proprostnemluvesky-uyb24dma41a", "Pročprostěnemluvíčesky"},
                    PunycodeCase{"RfcJapaneseMixed", "3B-ww4c5e180e575a65lsy2b", "3年B組金八先生"},
                    PunycodeCase{"RfcChinese", "ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"},
                    PunycodeCase{"CyrillicLookAlike", "vnid-w4d", "vn\u0435id"},
                    PunycodeCase{"VietnameseHost", "dchvcng-x0a0689dsha", "dịchvụcông"},
                    PunycodeCase{"AstralPlane", "e28h", "\U0001F600"}),
    test::CaseName());

TEST(Punycode, IsCaseInsensitiveInThePrefixAndDigitsButKeepsTheCaseOfBasicLetters) {
    EXPECT_EQ(decodeIdnaLabel("XN--vnid-W4D"), "vn\u0435id");
    EXPECT_EQ(decodeIdnaLabel("xn--VNID-w4d"), "VN\u0435ID");
}

TEST(Punycode, LeavesOrdinaryLabelsAlone) {
    EXPECT_EQ(decodeIdnaLabel("dichvucong"), "dichvucong");
    EXPECT_EQ(decodeIdnaLabel("xn-"), "xn-");
}

struct MalformedCase {
    const char* name;
    std::string label;
};

class MalformedPunycode : public testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedPunycode, IsRejected) {
    EXPECT_FALSE(decodeIdnaLabel(GetParam().label).has_value());
}

INSTANTIATE_TEST_SUITE_P(Table, MalformedPunycode,
                         testing::Values(MalformedCase{"Empty", "xn--"},
                                         MalformedCase{"InvalidDigit", "xn--abc-d$f"},
                                         MalformedCase{"TruncatedDelta", "xn--abc-9"},
                                         MalformedCase{"Overflow", "xn--99999999999999999999"},
                                         MalformedCase{"EndsMidNumber", "xn--zzzzzzzz"},
                                         MalformedCase{"BeyondUnicode", "xn--9999z"},
                                         MalformedCase{"NonAsciiBasic", "xn--\xC3\xA0-abc"},
                                         MalformedCase{"LongerThanADnsLabel", "xn--" + std::string(60, 'a')}),
                         test::CaseName());

TEST(Punycode, DecodesWithoutPrefixToCodePoints) {
    const auto decoded = decodePunycode("vnid-w4d");
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, U"vn\u0435id");
}

}  // namespace
}  // namespace kiosk::scan
