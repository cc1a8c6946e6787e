#include "kiosk/scan/EmvPayment.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"
#include "kiosk/scan/Crc16.h"
#include "kiosk/scan/ScanPayload.h"

namespace kiosk::scan {
namespace {

using nlohmann::json;
using test::codes;
using test::testBanks;
using testing::IsEmpty;

// Real payment codes quoted from public specifications and code, never made up here.
//
// EMV QR Code Specification for Payment Systems, Merchant-Presented Mode (EMVCo, v1.0 and v1.1),
// the example payload of its annex: two accounts (tags 29 and 31, GUIDs D15600000000 and
// D15600000001), Chinese text in the alternate-language template 64 counted in characters,
// CRC A13A over the UTF-8 bytes. Quoted verbatim as the "official sample" in the test suites of
// several EMV libraries (e.g. exemvi's test/mpm_test.exs).
const std::string kEmvcoSpecExample =
    "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST "
    "TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A6008667"
    "0902ME91320016A0112233449988770708123456786304A13A";
// Thai PromptPay, from dtinth/promptpay-qr index.test.js ("Local phone number" 0801234567, and
// "Amount" 4.22 to 000-000-0000): AID A000000677010111, currency 764 (baht), no merchant name.
const std::string kPromptPayPhone =
    "00020101021129370016A000000677010111011300668012345675802TH530376463046197";
const std::string kPromptPayAmount =
    "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469";
// Brazilian Pix, the static example of Banco Central do Brasil's "Manual de Padrões para
// Iniciação do Pix" (section on the static QR code, random key, no amount): GUID br.gov.bcb.pix
// in lower case, no field 01, CRC 1D3D.
const std::string kPixBcbExample =
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de "
    "Tal6008BRASILIA62070503***63041D3D";

// A NAPAS VietQR (made up, with its CRC) for the boundary.
const std::string kVietQr =
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304E8DB";

std::string withCrc(std::string body) {
    body += "6304";
    return body + crc16Hex(crc16CcittFalse(body));
}

TEST(EmvPayment, ReadsTheEmvcoSpecificationExample) {
    ASSERT_TRUE(isOtherSchemeEmv(kEmvcoSpecExample));
    const auto parsed = parseEmvPayment(kEmvcoSpecExample);
    EXPECT_THAT(codes(parsed.problems), IsEmpty());
    EXPECT_TRUE(parsed.valid());
    const EmvPayment& payment = parsed.value;
    ASSERT_EQ(payment.accounts.size(), 2u);
    EXPECT_EQ(payment.accounts[0].tag, "29");
    EXPECT_EQ(payment.accounts[0].guid, "D15600000000");
    EXPECT_EQ(payment.accounts[1].tag, "31");
    EXPECT_EQ(payment.accounts[1].guid, "D15600000001");
    EXPECT_EQ(payment.guid(), "D15600000000");
    EXPECT_EQ(payment.scheme(), "");  // an example GUID, no scheme people know
    EXPECT_EQ(payment.merchantName, "BEST TRANSPORT");
    EXPECT_EQ(payment.merchantCity, "BEIJING");
    EXPECT_EQ(payment.amount, "23.72");
    EXPECT_EQ(payment.currency, "156");
    EXPECT_EQ(payment.currencyCode, "CNY");
    EXPECT_EQ(payment.country, "CN");
    EXPECT_EQ(payment.initiation, Initiation::dynamicCode);
    EXPECT_EQ(payment.crc, "A13A");
    EXPECT_EQ(payment.lengthUnit, LengthUnit::codePoints);
}

TEST(EmvPayment, ReadsPromptPayCodes) {
    const auto phone = parseEmvPayment(kPromptPayPhone);
    EXPECT_TRUE(phone.valid()) << testing::PrintToString(codes(phone.problems));
    ASSERT_EQ(phone.value.accounts.size(), 1u);
    EXPECT_EQ(phone.value.accounts[0].tag, "29");
    EXPECT_EQ(phone.value.guid(), "A000000677010111");
    EXPECT_EQ(phone.value.scheme(), "PromptPay");
    EXPECT_EQ(phone.value.initiation, Initiation::staticCode);
    EXPECT_EQ(phone.value.amount, "");
    EXPECT_EQ(phone.value.currencyCode, "THB");
    EXPECT_EQ(phone.value.merchantName, "");

    const auto amount = parseEmvPayment(kPromptPayAmount);
    EXPECT_TRUE(amount.valid());
    EXPECT_EQ(amount.value.amount, "4.22");
    EXPECT_EQ(amount.value.initiation, Initiation::dynamicCode);
}

TEST(EmvPayment, ReadsTheCentralBankPixExample) {
    const auto pix = parseEmvPayment(kPixBcbExample);
    EXPECT_THAT(codes(pix.problems), IsEmpty());
    ASSERT_EQ(pix.value.accounts.size(), 1u);
    EXPECT_EQ(pix.value.accounts[0].tag, "26");
    EXPECT_EQ(pix.value.guid(), "br.gov.bcb.pix");
    EXPECT_EQ(pix.value.scheme(), "Pix");
    EXPECT_EQ(pix.value.merchantName, "Fulano de Tal");
    EXPECT_EQ(pix.value.merchantCity, "BRASILIA");
    EXPECT_EQ(pix.value.currencyCode, "BRL");
    EXPECT_EQ(pix.value.initiation, Initiation::unknown);  // field 01 is optional
}

struct DamageCase {
    const char* name;
    std::string text;
    std::vector<std::string> problems;
    bool valid;
};

class DamagedCodes : public testing::TestWithParam<DamageCase> {};

TEST_P(DamagedCodes, AreInvalidOnlyWhenCrcOrTlvIsBroken) {
    const auto parsed = parseEmvPayment(GetParam().text);
    EXPECT_EQ(codes(parsed.problems), GetParam().problems);
    EXPECT_EQ(parsed.valid(), GetParam().valid);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DamagedCodes,
    testing::Values(
        // One digit of the phone number changed: the CRC no longer matches.
        DamageCase{"AlteredDigit",
                   "00020101021129370016A000000677010111011300668012345695802TH530376463046197",
                   {"crc_mismatch"},
                   false},
        DamageCase{"CutOff", kPromptPayPhone.substr(0, 50), {"length_overrun", "missing_crc"}, false},
        DamageCase{"LowercaseCrc",
                   kPixBcbExample.substr(0, kPixBcbExample.size() - 4) + "1d3d",
                   {"crc_lowercase"},
                   true},
        DamageCase{"InnerTemplateBroken",
                   withCrc("000201010211290800160A005802TH5303764"),
                   {"length_overrun"},
                   false},
        DamageCase{"AmountNotANumber",
                   withCrc("00020101021229370016A000000677010111011300660000000005802TH530376454044,22"),
                   {"bad_amount"},
                   true}),
    test::CaseName());

TEST(EmvPaymentScheme, NapasCodesStayVietQrAndOthersBecomeEmv) {
    EXPECT_FALSE(isOtherSchemeEmv(kVietQr));
    EXPECT_TRUE(isOtherSchemeEmv(kPromptPayPhone));
    EXPECT_TRUE(isOtherSchemeEmv(kPixBcbExample));
    // No account template names any scheme: a broken VietQR, explained by the VietQR parser.
    EXPECT_FALSE(isOtherSchemeEmv(withCrc("0002010102115303704")));
    // A code naming NAPAS and another scheme is payable by Vietnamese banks: VietQR.
    const std::string both = withCrc(
        "00020101021129370016A00000067701011101130066801234567"
        "38570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN");
    EXPECT_FALSE(isOtherSchemeEmv(both));
    EXPECT_FALSE(isOtherSchemeEmv("https://example.vn"));
}

struct RoutingCase {
    const char* name;
    std::string text;
    PayloadKind kind;
    bool valid;
};

class Routing : public testing::TestWithParam<RoutingCase> {};

TEST_P(Routing, NamesEveryPaymentCodeRightly) {
    const ScanPayload payload = understandPayload(GetParam().text, testBanks());
    EXPECT_EQ(kindName(payload.kind), kindName(GetParam().kind));
    EXPECT_EQ(payload.valid(), GetParam().valid) << testing::PrintToString(codes(payload.problems));
}

INSTANTIATE_TEST_SUITE_P(
    Table, Routing,
    testing::Values(RoutingCase{"EmvcoExample", kEmvcoSpecExample, PayloadKind::emv, true},
                    RoutingCase{"PromptPay", kPromptPayPhone, PayloadKind::emv, true},
                    RoutingCase{"PromptPayAmount", kPromptPayAmount, PayloadKind::emv, true},
                    RoutingCase{"Pix", kPixBcbExample, PayloadKind::emv, true},
                    RoutingCase{"NapasVietQr", kVietQr, PayloadKind::vietqr, true},
                    RoutingCase{"NoAccountIsBrokenVietQr", withCrc("0002010102115303704"),
                                PayloadKind::vietqr, false}),
    test::CaseName());

TEST(EmvPaymentJson, DescribesTheSchemeWhoAndHowMuch) {
    const ScanPayload payload = understandPayload(kPromptPayAmount, testBanks());
    const json fields = payloadFields(payload, false);
    EXPECT_EQ(fields["guid"], "A000000677010111");
    EXPECT_EQ(fields["scheme"], "PromptPay");
    EXPECT_EQ(fields["accounts"],
              json::parse(R"([{"tag":"29","guid":"A000000677010111","scheme":"PromptPay"}])"));
    EXPECT_EQ(fields["amount"], "4.22");
    EXPECT_EQ(fields["currency"], "764");
    EXPECT_EQ(fields["currency_code"], "THB");
    EXPECT_EQ(fields["country"], "TH");
    EXPECT_TRUE(fields["merchant_name"].is_null());
    EXPECT_TRUE(fields["merchant_city"].is_null());
    EXPECT_EQ(fields["initiation"], "dynamic");
    EXPECT_EQ(fields["crc"], "E469");
    EXPECT_EQ(fields["length_unit"], "characters");
    EXPECT_EQ(kindName(payload.kind), "emv");
}

TEST(EmvPaymentJson, KeepsNonLatinTextValid) {
    const ScanPayload payload = understandPayload(kEmvcoSpecExample, testBanks());
    const json fields = payloadFields(payload, false);
    EXPECT_EQ(fields["merchant_name"], "BEST TRANSPORT");
    EXPECT_EQ(fields["accounts"].size(), 2u);
    EXPECT_NO_THROW((void)fields.dump());
}

}  // namespace
}  // namespace kiosk::scan
