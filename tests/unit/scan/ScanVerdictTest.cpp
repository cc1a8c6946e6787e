#include "kiosk/scan/ScanVerdict.h"

#include <gtest/gtest.h>

#include <string>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

using i18n::MessageId;
using test::testBanks;

ScanVerdict verdictOf(const std::string& text) {
    return verdictFor(understandPayload(text, testBanks()));
}

// The static VietQR of ScanPayloadTest; its last four characters are the CRC.
const std::string kVietQr =
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304E8DB";
// PromptPay, quoted in EmvPaymentTest from public EMV test vectors.
const std::string kPromptPay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197";

TEST(ScanVerdict, AnyLinkButAGovernmentSiteOverHttpsSaysDoNotOpen) {
    EXPECT_EQ(verdictOf("https://vietcombank-xacthuc.com/login").level, VerdictLevel::Danger);
    EXPECT_EQ(verdictOf("https://vietcombank-xacthuc.com/login").headline, MessageId::ScanVerdictDoNotOpen);
    EXPECT_EQ(verdictOf("https://example.vn").level, VerdictLevel::Danger) << "an unknown link is red too";
    EXPECT_EQ(verdictOf("https://bit.ly/abc").level, VerdictLevel::Danger);
    EXPECT_EQ(verdictOf("https://dichvucong.gov.vn").level, VerdictLevel::Safe);
    EXPECT_EQ(verdictOf("http://dichvucong.gov.vn").level, VerdictLevel::Caution);
}

TEST(ScanVerdict, PaymentCodesAreGreenOnlyWhenWellFormedVietQr) {
    EXPECT_EQ(verdictOf(kVietQr).level, VerdictLevel::Safe);
    EXPECT_EQ(verdictOf(kVietQr).headline, MessageId::ScanVerdictPaymentWellFormed);
    std::string damaged = kVietQr;
    damaged.back() = damaged.back() == 'B' ? 'C' : 'B';  // a wrong CRC
    EXPECT_EQ(verdictOf(damaged).level, VerdictLevel::Caution);
    EXPECT_EQ(verdictOf(damaged).headline, MessageId::ScanVerdictPaymentDamaged);
    EXPECT_EQ(verdictOf(kPromptPay).level, VerdictLevel::Caution);
    EXPECT_EQ(verdictOf(kPromptPay).headline, MessageId::ScanVerdictOtherScheme);
}

TEST(ScanVerdict, PlainTextIsNeutral) {
    EXPECT_EQ(verdictOf("Xin chào").level, VerdictLevel::Neutral);
    EXPECT_EQ(verdictOf("Xin chào").headline, MessageId::ScanVerdictText);
}

}  // namespace
}  // namespace kiosk::scan
