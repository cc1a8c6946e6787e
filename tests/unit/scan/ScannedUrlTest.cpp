#include "kiosk/scan/ScannedUrl.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

using test::codes;
using test::testBanks;
using testing::UnorderedElementsAreArray;

struct UrlCase {
    const char* name;
    std::string url;
    bool government;
    bool https;
    std::vector<std::string> problems;  // exactly these codes, errors and warnings
};

class UrlRules : public testing::TestWithParam<UrlCase> {};

TEST_P(UrlRules, JudgesTheAddress) {
    const UrlCase& c = GetParam();
    const auto result = checkUrl(c.url, testBanks());
    EXPECT_EQ(result.value.government, c.government);
    EXPECT_EQ(result.value.https, c.https);
    EXPECT_THAT(codes(result.problems), UnorderedElementsAreArray(c.problems));
}

// Hosts under example.* and documentation IP ranges only; nothing here is a live phishing site.
INSTANTIATE_TEST_SUITE_P(
    Table, UrlRules,
    testing::Values(
        // Government sites
        UrlCase{"PublicServicePortal", "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", true, true, {}},
        UrlCase{"BareGovVn", "https://gov.vn", true, true, {}},
        UrlCase{"UpperCaseAndTrailingDot", "HTTPS://VNEID.GOV.VN./", true, true, {}},
        UrlCase{"GovernmentOverHttp", "http://dichvucong.gov.vn", true, false, {"not_https"}},
        UrlCase{"GovernmentWithPort", "https://dichvucong.gov.vn:8443/", true, true, {}},
        UrlCase{"GovernmentWithoutScheme", "www.dichvucong.gov.vn", true, false, {"no_scheme", "not_https"}},
        UrlCase{"IdeographicDotsAreDotsToABrowser", "https://dichvucong\u3002gov\u3002vn/", true, true, {}},
        UrlCase{"OfficialPortalOutsideGovVn", "https://chinhphu.vn/", false, true, {}},
        // Look-alikes of official names
        UrlCase{
            "GovVnAsASubdomain", "https://gov.vn.evil.example/", false, true, {"official_name_lookalike"}},
        UrlCase{"GovWithADash", "https://vneid-gov.vn/xac-thuc", false, true, {"official_name_lookalike"}},
        UrlCase{"PortalNameOnAnotherDomain",
                "https://dichvucong-gov.vn.example.com/login",
                false,
                true,
                {"official_name_lookalike"}},
        UrlCase{
            "DigitZeroForLetterO", "https://dichvuc0ng.example/", false, true, {"official_name_lookalike"}},
        UrlCase{"VietnameseLettersInHost",
                "https://dịchvụcông.example/",
                false,
                true,
                {"unicode_host", "official_name_lookalike"}},
        UrlCase{"PunycodeCyrillicE",
                "https://xn--vnid-w4d.example/",
                false,
                true,
                {"punycode_host", "mixed_scripts", "confusable_characters", "official_name_lookalike"}},
        UrlCase{"WholeCyrillicLabel",
                "https://\u0430\u0440\u0440\u04CF\u0435.example/",
                false,
                true,
                {"unicode_host", "confusable_characters"}},
        UrlCase{"FullwidthGov",
                "https://\uFF47\uFF4F\uFF56.vn/",
                false,
                true,
                {"unicode_host", "confusable_characters", "official_name_lookalike"}},
        UrlCase{"PercentEncodedDot",
                "https://gov%2evn.example/",
                false,
                true,
                {"encoded_host", "official_name_lookalike"}},
        // Banks
        UrlCase{"BankOwnSite", "https://vietcombank.com.vn/", false, true, {}},
        UrlCase{"BankOwnSubdomain", "https://ebank.vietcombank.com.vn/", false, true, {}},
        UrlCase{
            "BankNameWithBait", "https://vietcombank-xacthuc.example/", false, true, {"bank_name_lookalike"}},
        UrlCase{"BankDomainAsSubdomain",
                "https://mbbank.com.vn.evil.example/",
                false,
                true,
                {"bank_name_lookalike"}},
        UrlCase{"BankNameWithZero", "https://vietc0mbank.example/", false, true, {"bank_name_lookalike"}},
        UrlCase{"BankNameWithRnForM", "https://techcornbank.example/", false, true, {"bank_name_lookalike"}},
        UrlCase{"ShortBankNameAsWord", "https://acb-online.example/", false, true, {"bank_name_lookalike"}},
        UrlCase{"ShortBankNameInsideAWord", "https://macbook.example/", false, true, {}},
        UrlCase{"ShortBankOwnSite", "https://acb.com.vn/", false, true, {}},
        // Shorteners
        UrlCase{"BitLy", "https://bit.ly/3abcdef", false, true, {"link_shortener"}},
        UrlCase{"TinyUrlWithWww", "https://www.tinyurl.com/abc", false, true, {"link_shortener"}},
        UrlCase{"TCo", "https://t.co/xyz", false, true, {"link_shortener"}},
        UrlCase{"NotAShortener", "https://notbit.ly/", false, true, {}},
        // Hosts that are numbers
        UrlCase{"DottedIp", "http://198.51.100.7/login", false, false, {"not_https", "ip_address_host"}},
        UrlCase{"DecimalIp", "http://3325256711/", false, false, {"not_https", "ip_address_host"}},
        UrlCase{"HexIp", "http://0x7f.1/", false, false, {"not_https", "ip_address_host"}},
        UrlCase{"Ipv6", "https://[2001:db8::1]/", false, true, {"ip_address_host"}},
        UrlCase{"NumericLabelsUnderGovVn", "https://198.51.100.7.gov.vn/", true, true, {}},
        // Userinfo and other tricks
        UrlCase{"UserinfoBeforeTheRealHost",
                "https://dichvucong.gov.vn@evil.example/",
                false,
                true,
                {"userinfo_trick"}},
        UrlCase{"BackslashEndsTheHost", "https://evil.example\\@dichvucong.gov.vn/", false, true, {}},
        UrlCase{"BidiOverrideInside", "https://dichvucong.gov.vn\u202E/", false, true, {"hidden_characters"}},
        UrlCase{"OtherScheme", "ftp://files.example.vn/", false, false, {"unusual_scheme"}},
        UrlCase{"JavascriptCannotBeGovernment",
                "javascript://gov.vn/%0Aalert(1)",
                false,
                false,
                {"unusual_scheme"}},
        // Broken addresses
        UrlCase{"NoHost", "https://", false, true, {"missing_host"}},
        UrlCase{"EmptyLabel", "https://example..vn/", false, true, {"bad_host"}},
        UrlCase{"BadPort", "https://dichvucong.gov.vn:99999/", false, true, {"bad_port"}},
        UrlCase{"BrokenPunycode",
                "https://xn--zzzzzzzz.example/",
                false,
                true,
                {"bad_punycode", "punycode_host"}},
        UrlCase{"BrokenPercentEscape", "https://gov%2.vn/", false, true, {"bad_host"}}),
    test::CaseName());

TEST(ScannedUrl, DecodesPunycodeForDisplay) {
    const auto result = checkUrl("https://xn--vnid-w4d.example/dang-nhap", testBanks());
    EXPECT_EQ(result.value.scheme, "https");
    EXPECT_EQ(result.value.host, "xn--vnid-w4d.example");
    EXPECT_EQ(result.value.hostUnicode, "vn\u0435id.example");
}

TEST(ScannedUrl, ReadsPortAndFlags) {
    const auto result = checkUrl("http://user@198.51.100.7:8080/x", testBanks());
    EXPECT_EQ(result.value.host, "198.51.100.7");
    EXPECT_EQ(result.value.port, 8080);
    EXPECT_TRUE(result.value.ipAddress);
    EXPECT_TRUE(result.value.userinfo);
    EXPECT_FALSE(result.value.shortener);
}

TEST(ScannedUrl, ShowsTheAddressWithoutHiddenCharacters) {
    const auto result = checkUrl("https://example.vn/\u202Efdp.exe", testBanks());
    EXPECT_EQ(result.value.url, "https://example.vn/fdp.exe");
    EXPECT_FALSE(result.valid());
}

TEST(ScannedUrl, CleansBidiOverridesSmuggledInThroughPunycode) {
    // "xn--a-qin" decodes to "a" followed by U+202E.
    const auto result = checkUrl("https://xn--a-qin.example/", testBanks());
    EXPECT_EQ(result.value.hostUnicode.find("\u202E"), std::string::npos);
    EXPECT_FALSE(result.valid());
}

TEST(ScannedUrl, GovernmentRuleIsExactSuffixMatch) {
    EXPECT_TRUE(isGovernmentHost("gov.vn"));
    EXPECT_TRUE(isGovernmentHost("a.b.gov.vn"));
    EXPECT_FALSE(isGovernmentHost("vneid-gov.vn"));
    EXPECT_FALSE(isGovernmentHost("gov.vn.evil.example"));
    EXPECT_FALSE(isGovernmentHost("xgov.vn"));
    EXPECT_FALSE(isGovernmentHost("gov.vnx"));
    EXPECT_FALSE(isGovernmentHost(""));
}

TEST(ScannedUrl, RecognisesAddresses) {
    EXPECT_TRUE(looksLikeUrl("https://example.vn"));
    EXPECT_TRUE(looksLikeUrl("  HTTP://example.vn/a?b=c  "));
    EXPECT_TRUE(looksLikeUrl("www.example.vn"));
    EXPECT_TRUE(looksLikeUrl("ftp://example.vn"));
    EXPECT_FALSE(looksLikeUrl("example.vn"));
    EXPECT_FALSE(looksLikeUrl("https://example.vn and more words"));
    EXPECT_FALSE(looksLikeUrl("mailto:someone@example.vn"));
    EXPECT_FALSE(looksLikeUrl(""));
}

}  // namespace
}  // namespace kiosk::scan
