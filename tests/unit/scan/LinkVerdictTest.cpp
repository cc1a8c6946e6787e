#include "kiosk/scan/LinkVerdict.h"

#include <string>

#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

using test::testBanks;

struct LinkCase {
    const char* name;
    std::string text;
    bool impostor;
};

class ImpostorLinks : public testing::TestWithParam<LinkCase> {};

TEST_P(ImpostorLinks, AreToldFromGenuineOnes) {
    const ScanPayload payload = understandPayload(GetParam().text, testBanks());
    EXPECT_EQ(looksLikeImpostor(payload), GetParam().impostor) << payload.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ImpostorLinks,
    testing::Values(
        // Genuine: the real government and bank sites, and harmless but unofficial ones.
        LinkCase{"GovernmentPortal", "https://dichvucong.gov.vn/p/home", false},
        LinkCase{"BankOwnSite", "https://vietcombank.com.vn/", false},
        LinkCase{"OrdinarySite", "https://example.vn/lich-hen", false},
        // A shortener hides where it goes, but pretends to be no one: its own warning, not this one.
        LinkCase{"Shortener", "https://bit.ly/3abcdef", false},
        LinkCase{"PlainHttp", "http://example.vn/", false},
        // Impostors, one per sign.
        LinkCase{"OfficialNameLookalike", "https://vneid-gov.vn/xac-thuc", true},
        LinkCase{"BankNameLookalike", "https://vietc0mbank.example/", true},
        LinkCase{"ConfusableCharacters", "https://\u0430\u0440\u0440\u04CF\u0435.example/", true},
        LinkCase{"MixedScriptsInPunycode", "https://xn--vnid-w4d.example/", true},
        LinkCase{"UserinfoTrick", "https://dichvucong.gov.vn@evil.example/", true},
        LinkCase{"UnicodeHost", "https://dịchvụcông.example/", true},
        LinkCase{"EncodedHost", "https://gov%2evn.example/", true},
        // Not links at all.
        LinkCase{"SentenceNamingAWebsite", "Xem dichvucong.gov.vn@evil.example", false},
        LinkCase{
            "VietQr",
            "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304E8DB",
            false}),
    test::CaseName());

// The rule belongs to web addresses: the same problem code on another kind never makes an impostor.
TEST(LinkVerdict, OnlyWebAddressesCanBeImpostors) {
    ScanPayload text;
    text.kind = PayloadKind::text;
    text.problems.push_back({"mixed_scripts", Severity::warning, "made up for the test"});
    EXPECT_FALSE(looksLikeImpostor(text));
    ScanPayload url;
    url.kind = PayloadKind::url;
    url.problems.push_back({"mixed_scripts", Severity::warning, "made up for the test"});
    EXPECT_TRUE(looksLikeImpostor(url));
}

// Every sign the verdict names is a code ScannedUrl can actually report (a renamed code there
// would silently switch the warning off here).
TEST(LinkVerdict, EverySignIsReportedBySomeAddress) {
    const char* kExamples[] = {"https://vneid-gov.vn/",
                               "https://vietc0mbank.example/",
                               "https://\u0430\u0440\u0440\u04CF\u0435.example/",
                               "https://xn--vnid-w4d.example/",
                               "https://dichvucong.gov.vn@evil.example/",
                               "https://dịchvụcông.example/",
                               "https://gov%2evn.example/"};
    for (std::string_view sign : kImpostorSigns) {
        bool seen = false;
        for (const char* example : kExamples) {
            for (const ScanProblem& problem : understandPayload(example, testBanks()).problems)
                seen = seen || problem.code == sign;
        }
        EXPECT_TRUE(seen) << sign;
    }
}

}  // namespace
}  // namespace kiosk::scan
