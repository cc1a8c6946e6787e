#include "kiosk/scan/VietQr.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"
#include "kiosk/scan/Crc16.h"
#include "kiosk/scan/Tlv.h"

namespace kiosk::scan {
namespace {

using test::codes;
using test::errorCodes;
using test::testBanks;
using testing::Contains;
using testing::Not;
using testing::UnorderedElementsAreArray;

// Literal payloads computed with an independent Python implementation (synthetic accounts).
const std::string kStatic =
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304E8DB";
const std::string kDynamic =
    "00020101021238560010A0000007270126000697041501121234567890120208QRIBFTTA53037045405500005802VN62220818"
    "THU PHI THU NGHIEM63042428";
const std::string kVietnameseInCharacters =
    "00020101021138540010A00000072701240006970418011099990000110208QRIBFTTA53037045802VN5912CỬA HÀNG THỬ6006"
    "HÀ NỘI62110807Phí mẫu63044B1A";
// The same payment from an issuer that counts UTF-8 bytes: 5917, 6009, 6214/0810.
const std::string kVietnameseInBytes =
    "00020101021138540010A00000072701240006970418011099990000110208QRIBFTTA53037045802VN5917CỬA HÀNG THỬ6009"
    "HÀ NỘI62140810Phí mẫu6304E966";
const std::string kCard =
    "00020101021238600010A00000072701300006970422011697042299123456780208QRIBFTTC530370454061200005802VN6210"
    "0106HD000163048DD8";

// ---- helpers to assemble broken payloads ---------------------------------------------------------

std::string tlv(std::string_view id, std::string_view value) {
    std::string out;
    EXPECT_TRUE(appendTlv(out, id, value));
    return out;
}

std::string withCrc(std::string body) {
    body += "6304";
    body += crc16Hex(crc16CcittFalse(body));
    return body;
}

std::string napas(std::string_view guid, std::string_view bin, std::string_view account,
                  std::string_view service = "QRIBFTTA") {
    std::string beneficiary;
    if (!bin.empty()) beneficiary += tlv("00", bin);
    if (!account.empty()) beneficiary += tlv("01", account);
    std::string inner;
    if (!guid.empty()) inner += tlv("00", guid);
    inner += tlv("01", beneficiary);
    if (!service.empty()) inner += tlv("02", service);
    return tlv("38", inner);
}

const std::string kHead =
    "000201"
    "010211";
const std::string kNapas = napas("A000000727", "970436", "0011001234567");
const std::string kVndVn =
    "5303704"
    "5802VN";

// ---- table: every rule ----------------------------------------------------------------------------

struct VietQrCase {
    const char* name;
    std::string payload;
    bool valid;
    std::vector<std::string> errors;    // exactly these error codes
    std::vector<std::string> warnings;  // at least these warning codes
};

class VietQrRules : public testing::TestWithParam<VietQrCase> {};

TEST_P(VietQrRules, ReportsExactlyTheNamedProblems) {
    const VietQrCase& c = GetParam();
    const auto result = parseVietQr(c.payload, testBanks());
    EXPECT_EQ(result.valid(), c.valid);
    EXPECT_THAT(errorCodes(result.problems), UnorderedElementsAreArray(c.errors));
    for (const std::string& warning : c.warnings)
        EXPECT_THAT(codes(result.problems), Contains(warning));
}

std::string replaceOnce(std::string s, std::string_view from, std::string_view to) {
    const std::size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

std::string lowerCrc(std::string s) {
    std::transform(s.end() - 4, s.end(), s.end() - 4,
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

INSTANTIATE_TEST_SUITE_P(
    Table, VietQrRules,
    testing::Values(
        VietQrCase{"ValidStatic", kStatic, true, {}, {}}, VietQrCase{"ValidDynamic", kDynamic, true, {}, {}},
        VietQrCase{"ValidToCard", kCard, true, {}, {}},
        VietQrCase{"VietnameseCountedInCharacters", kVietnameseInCharacters, true, {}, {}},
        VietQrCase{"VietnameseCountedInBytesWithGoodCrc", kVietnameseInBytes, true, {}, {"length_in_bytes"}},
        // Bytes are only trusted when the CRC proves the payload intact.
        VietQrCase{"VietnameseCountedInBytesWithBadCrc",
                   kVietnameseInBytes.substr(0, kVietnameseInBytes.size() - 4) + "0000",
                   false,
                   {"malformed_tlv", "crc_mismatch"},
                   {}},
        VietQrCase{"LowercaseCrcIsAcceptedWithAWarning", lowerCrc(kStatic), true, {}, {"crc_lowercase"}},
        VietQrCase{"WrongCrc", kStatic.substr(0, kStatic.size() - 4) + "E8DC", false, {"crc_mismatch"}, {}},
        VietQrCase{
            "CrcNotHex", kStatic.substr(0, kStatic.size() - 4) + "E8DG", false, {"bad_crc_format"}, {}},
        VietQrCase{"AlteredAccount",
                   replaceOnce(kStatic, "0011001234567", "0011001234568"),
                   false,
                   {"crc_mismatch"},
                   {}},
        // After a structural problem the rest is unknown: no "missing X" noise, just the cause.
        VietQrCase{"Truncated", kStatic.substr(0, 40), false, {"length_overrun", "missing_crc"}, {}},
        VietQrCase{"CutInsideFieldHeader",
                   kStatic.substr(0, kStatic.size() - 9),
                   false,
                   {"length_overrun", "missing_crc"},
                   {}},
        VietQrCase{"TrailingDataAfterCrc", kStatic + "99", false, {"length_overrun", "crc_not_last"}, {}},
        VietQrCase{"CrcNotLast", withCrc(kHead + kNapas + "5303704") + "5802VN", false, {"crc_not_last"}, {}},
        VietQrCase{"CrcLengthNotFour", kHead + kNapas + kVndVn + "6303ABC", false, {"bad_crc_format"}, {}},
        VietQrCase{"MissingCrc", kHead + kNapas + kVndVn, false, {"missing_crc"}, {}},
        VietQrCase{"MissingGuid",
                   withCrc(kHead + napas("", "970436", "0011001234567") + kVndVn),
                   false,
                   {"missing_guid"},
                   {}},
        VietQrCase{"WrongGuid",
                   withCrc(kHead + napas("A000000775", "970436", "0011001234567") + kVndVn),
                   false,
                   {"wrong_guid"},
                   {}},
        VietQrCase{
            "MissingMerchantAccount", withCrc(kHead + kVndVn), false, {"missing_merchant_account"}, {}},
        VietQrCase{"NestedLengthOverrunIn38",
                   withCrc(kHead + tlv("38", "0010A00000072701990006970436") + kVndVn),
                   false,
                   {"length_overrun"},
                   {}},
        VietQrCase{"NestedLengthOverrunIn3801",
                   withCrc(kHead +
                           tlv("38",
                               "0010A0000007270114"
                               "00069704360199") +
                           kVndVn),
                   false,
                   {"length_overrun"},
                   {}},
        VietQrCase{"NestedMalformedIn62",
                   withCrc(kHead + kNapas + kVndVn + tlv("62", "08xxABC")),
                   false,
                   {"malformed_tlv"},
                   {}},
        VietQrCase{"MalformedTopLevelLength",
                   "000201"
                   "01AB11" +
                       kNapas,
                   false,
                   {"malformed_tlv", "missing_crc"},
                   {}},
        VietQrCase{
            "DuplicateField", withCrc(kHead + kNapas + kVndVn + "5802VN"), false, {"duplicate_field"}, {}},
        VietQrCase{"WrongCurrency",
                   withCrc(kHead + kNapas +
                           "5303840"
                           "5802VN"),
                   false,
                   {"wrong_currency"},
                   {}},
        VietQrCase{"MissingCurrency", withCrc(kHead + kNapas + "5802VN"), false, {"missing_currency"}, {}},
        VietQrCase{"WrongCountry",
                   withCrc(kHead + kNapas +
                           "5303704"
                           "5802US"),
                   false,
                   {"wrong_country"},
                   {}},
        VietQrCase{"LowercaseCountry",
                   withCrc(kHead + kNapas +
                           "5303704"
                           "5802vn"),
                   false,
                   {"wrong_country"},
                   {}},
        VietQrCase{"MissingCountry", withCrc(kHead + kNapas + "5303704"), false, {"missing_country"}, {}},
        VietQrCase{"UnknownBinIsOnlyAWarning",
                   withCrc(kHead + napas("A000000727", "999999", "12345") + kVndVn),
                   true,
                   {},
                   {"unknown_bank"}},
        VietQrCase{"BinNotSixDigits",
                   withCrc(kHead + napas("A000000727", "97043", "12345") + kVndVn),
                   false,
                   {"bad_bin"},
                   {}},
        VietQrCase{"MissingBin",
                   withCrc(kHead + napas("A000000727", "", "12345") + kVndVn),
                   false,
                   {"missing_bin"},
                   {}},
        VietQrCase{"AccountWithPunctuation",
                   withCrc(kHead + napas("A000000727", "970436", "12-34") + kVndVn),
                   false,
                   {"bad_account"},
                   {}},
        VietQrCase{"AccountTooLong",
                   withCrc(kHead + napas("A000000727", "970436", "12345678901234567890") + kVndVn),
                   false,
                   {"bad_account"},
                   {}},
        VietQrCase{"MissingAccount",
                   withCrc(kHead + napas("A000000727", "970436", "") + kVndVn),
                   false,
                   {"missing_account"},
                   {}},
        VietQrCase{"UnknownServiceIsAWarning",
                   withCrc(kHead + napas("A000000727", "970436", "12345", "QRPUSH") + kVndVn),
                   true,
                   {},
                   {"unknown_service"}},
        VietQrCase{"MissingServiceIsAWarning",
                   withCrc(kHead + napas("A000000727", "970436", "12345", "") + kVndVn),
                   true,
                   {},
                   {"missing_service"}},
        VietQrCase{"BadInitiation",
                   withCrc("000201"
                           "010213" +
                           kNapas + kVndVn),
                   false,
                   {"bad_initiation"},
                   {}},
        VietQrCase{"MissingInitiationIsAWarning",
                   withCrc("000201" + kNapas + kVndVn),
                   true,
                   {},
                   {"missing_initiation"}},
        VietQrCase{"WrongFormatIndicator",
                   withCrc("000202"
                           "010211" +
                           kNapas + kVndVn),
                   false,
                   {"bad_format_indicator"},
                   {}},
        VietQrCase{"AmountWithCents",
                   withCrc(kHead + kNapas +
                           "5303704"
                           "540512.50"
                           "5802VN"),
                   false,
                   {"bad_amount"},
                   {}},
        VietQrCase{"AmountNotANumber",
                   withCrc(kHead + kNapas +
                           "5303704"
                           "5403abc"
                           "5802VN"),
                   false,
                   {"bad_amount"},
                   {}},
        VietQrCase{"AmountTooLong",
                   withCrc(kHead + kNapas +
                           "5303704"
                           "541412345678901234"
                           "5802VN"),
                   false,
                   {"bad_amount"},
                   {}},
        VietQrCase{"InvalidUtf8InMerchantName",
                   withCrc(kHead + kNapas + kVndVn +
                           "5903A\xFF"
                           "B"),
                   false,
                   {"invalid_utf8"},
                   {}},
        VietQrCase{"BidiOverrideInMerchantName",
                   withCrc(kHead + kNapas + kVndVn + tlv("59", "SHOP \u202EGNAH AUC")),
                   true,
                   {},
                   {"hidden_characters"}},
        VietQrCase{"OnlyTheHeader",
                   "000201",
                   false,
                   {"missing_crc", "missing_merchant_account", "missing_currency", "missing_country"},
                   {"missing_initiation"}}),
    test::CaseName());

// ---- fields -----------------------------------------------------------------------------------------

TEST(VietQr, ReadsAStaticTransferToAnAccount) {
    const auto result = parseVietQr(kStatic, testBanks());
    ASSERT_TRUE(result.valid());
    const VietQrPayment& p = result.value;
    EXPECT_EQ(p.initiation, Initiation::staticCode);
    EXPECT_EQ(p.bin, "970436");
    EXPECT_EQ(p.bankShortName, "Vietcombank");
    EXPECT_EQ(p.bankName, "Ngân hàng TMCP Ngoại thương Việt Nam");
    EXPECT_EQ(p.account, "0011001234567");
    EXPECT_EQ(p.service, "QRIBFTTA");
    EXPECT_FALSE(p.amount.has_value());
    EXPECT_EQ(p.currency, "704");
    EXPECT_EQ(p.country, "VN");
    EXPECT_EQ(p.crc, "E8DB");
    EXPECT_TRUE(result.problems.empty());
}

TEST(VietQr, ReadsADynamicTransferWithAmountAndPurpose) {
    const auto result = parseVietQr(kDynamic, testBanks());
    ASSERT_TRUE(result.valid());
    EXPECT_EQ(result.value.initiation, Initiation::dynamicCode);
    EXPECT_EQ(result.value.bankShortName, "VietinBank");
    EXPECT_EQ(result.value.account, "123456789012");
    EXPECT_EQ(result.value.amount, 50000u);
    EXPECT_EQ(result.value.purpose, "THU PHI THU NGHIEM");
}

TEST(VietQr, ReadsACardTransferWithABillNumber) {
    const auto result = parseVietQr(kCard, testBanks());
    ASSERT_TRUE(result.valid());
    EXPECT_EQ(result.value.service, "QRIBFTTC");
    EXPECT_EQ(result.value.account, "9704229912345678");
    EXPECT_EQ(result.value.billNumber, "HD0001");
    EXPECT_EQ(result.value.amount, 120000u);
}

TEST(VietQr, ReadsVietnameseTextTheSameInEitherLengthUnit) {
    const auto chars = parseVietQr(kVietnameseInCharacters, testBanks());
    const auto bytes = parseVietQr(kVietnameseInBytes, testBanks());
    ASSERT_TRUE(chars.valid());
    ASSERT_TRUE(bytes.valid());
    EXPECT_EQ(chars.value.lengthUnit, LengthUnit::codePoints);
    EXPECT_EQ(bytes.value.lengthUnit, LengthUnit::bytes);
    EXPECT_THAT(codes(chars.problems), Not(Contains("length_in_bytes")));
    for (const auto* p : {&chars.value, &bytes.value}) {
        EXPECT_EQ(p->merchantName, "CỬA HÀNG THỬ");
        EXPECT_EQ(p->merchantCity, "HÀ NỘI");
        EXPECT_EQ(p->purpose, "Phí mẫu");
        EXPECT_EQ(p->account, "9999000011");
    }
}

TEST(VietQr, AcceptsAZeroFractionAmount) {
    const auto result = parseVietQr(withCrc(kHead + kNapas +
                                            "5303704"
                                            "540850000.00"
                                            "5802VN"),
                                    testBanks());
    EXPECT_TRUE(result.valid());
    EXPECT_EQ(result.value.amount, 50000u);
}

TEST(VietQr, ReportsUnknownBankWithoutABankName) {
    const auto result =
        parseVietQr(withCrc(kHead + napas("A000000727", "999999", "12345") + kVndVn), testBanks());
    EXPECT_EQ(result.value.bin, "999999");
    EXPECT_TRUE(result.value.bankShortName.empty());
    EXPECT_TRUE(result.value.bankName.empty());
}

TEST(VietQr, NamesTheNestedFieldInLengthOverrunMessages) {
    const auto result = parseVietQr(withCrc(kHead +
                                            tlv("38",
                                                "0010A0000007270114"
                                                "00069704360199") +
                                            kVndVn),
                                    testBanks());
    const auto overrun = std::find_if(result.problems.begin(), result.problems.end(),
                                      [](const ScanProblem& p) { return p.code == "length_overrun"; });
    ASSERT_NE(overrun, result.problems.end());
    EXPECT_NE(overrun->message.find("38.01.01"), std::string::npos) << overrun->message;
}

TEST(VietQr, CleansHiddenCharactersOutOfDisplayedFields) {
    const auto result =
        parseVietQr(withCrc(kHead + kNapas + kVndVn + tlv("59", "SHOP \u202EGNAH AUC")), testBanks());
    EXPECT_EQ(result.value.merchantName, "SHOP GNAH AUC");
}

TEST(VietQr, ShowsInvalidBytesAsReplacementCharacters) {
    const auto result = parseVietQr(withCrc(kHead + kNapas + kVndVn +
                                            "5903A\xFF"
                                            "B"),
                                    testBanks());
    EXPECT_EQ(result.value.merchantName, "A\uFFFDB");
}

TEST(VietQr, EveryTruncationIsInvalid) {
    for (std::size_t length = 0; length < kDynamic.size(); ++length) {
        SCOPED_TRACE(length);
        EXPECT_FALSE(parseVietQr(kDynamic.substr(0, length), testBanks()).valid());
    }
}

TEST(VietQr, EverySingleCharacterCorruptionIsDetected) {
    for (std::size_t i = 0; i < kStatic.size(); ++i) {
        std::string corrupted = kStatic;
        corrupted[i] = '#';
        SCOPED_TRACE(i);
        EXPECT_FALSE(parseVietQr(corrupted, testBanks()).valid());
    }
}

TEST(VietQr, RecognisesEmvPayloadsByTheirFirstField) {
    EXPECT_TRUE(looksLikeEmvQr(kStatic));
    EXPECT_TRUE(looksLikeEmvQr("000201"));
    EXPECT_FALSE(looksLikeEmvQr("00020"));
    EXPECT_FALSE(looksLikeEmvQr("https://example.vn"));
}

}  // namespace
}  // namespace kiosk::scan
