#include "kiosk/scan/VietQrBuilder.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"
#include "kiosk/scan/VietQr.h"

namespace kiosk::scan {
namespace {

using test::codes;
using test::testBanks;
using testing::Contains;
using testing::Not;

TEST(VietQrBuilder, ReproducesAnIndependentlyComputedStaticPayload) {
    const auto built = buildVietQr({.bin = "970436", .account = "0011001234567"});
    ASSERT_TRUE(built.ok()) << built.error().message;
    EXPECT_EQ(
        *built,
        "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304E8DB");
}

TEST(VietQrBuilder, ReproducesAnIndependentlyComputedDynamicPayload) {
    const auto built = buildVietQr(
        {.bin = "970415", .account = "123456789012", .amount = 50000, .purpose = "THU PHI THU NGHIEM"});
    ASSERT_TRUE(built.ok()) << built.error().message;
    EXPECT_EQ(
        *built,
        "00020101021238560010A0000007270126000697041501121234567890120208QRIBFTTA53037045405500005802VN6222"
        "0818THU PHI THU NGHIEM63042428");
}

TEST(VietQrBuilder, ReproducesByteCountedLengthsForTests) {
    const auto built = buildVietQr({.bin = "970418",
                                    .account = "9999000011",
                                    .purpose = "Phí mẫu",
                                    .merchantName = "CỬA HÀNG THỬ",
                                    .merchantCity = "HÀ NỘI",
                                    .lengthUnit = LengthUnit::bytes});
    ASSERT_TRUE(built.ok()) << built.error().message;
    EXPECT_EQ(
        *built,
        "00020101021138540010A00000072701240006970418011099990000110208QRIBFTTA53037045802VN5917CỬA HÀNG "
        "THỬ6009HÀ NỘI62140810Phí mẫu6304E966");
}

struct RoundTripCase {
    const char* name;
    VietQrRequest request;
};

class VietQrRoundTrip : public testing::TestWithParam<RoundTripCase> {};

TEST_P(VietQrRoundTrip, ParsesBackToTheSamePayment) {
    const VietQrRequest& request = GetParam().request;
    const auto built = buildVietQr(request);
    ASSERT_TRUE(built.ok()) << built.error().message;
    const auto parsed = parseVietQr(*built, testBanks());
    EXPECT_TRUE(parsed.valid());
    EXPECT_THAT(codes(parsed.problems), Not(Contains("length_in_bytes")));
    const VietQrPayment& p = parsed.value;
    EXPECT_EQ(p.bin, request.bin);
    EXPECT_EQ(p.account, request.account);
    EXPECT_EQ(p.service, request.service);
    EXPECT_EQ(p.amount, request.amount);
    EXPECT_EQ(p.purpose, request.purpose);
    EXPECT_EQ(p.billNumber, request.billNumber);
    EXPECT_EQ(p.merchantName, request.merchantName);
    EXPECT_EQ(p.merchantCity, request.merchantCity);
    EXPECT_EQ(p.initiation,
              request.initiation.value_or(request.amount ? Initiation::dynamicCode : Initiation::staticCode));
}

INSTANTIATE_TEST_SUITE_P(
    Table, VietQrRoundTrip,
    testing::Values(
        RoundTripCase{"StaticAccount", {.bin = "970436", .account = "0011001234567"}},
        RoundTripCase{
            "DynamicWithPurpose",
            {.bin = "970422", .account = "0123456789", .amount = 150000, .purpose = "Le phi chung thuc"}},
        RoundTripCase{"VietnamesePurposeAndMerchant",
                      {.bin = "970418",
                       .account = "12345678",
                       .amount = 20000,
                       .purpose = "Lệ phí chứng thực",
                       .merchantName = "UBND XÃ THỬ NGHIỆM",
                       .merchantCity = "HÀ NỘI"}},
        RoundTripCase{"CardWithBill",
                      {.bin = "970407",
                       .account = "9704071234567890",
                       .service = "QRIBFTTC",
                       .billNumber = "HD-2024-0001"}},
        RoundTripCase{
            "StaticWithAmountWhenAsked",
            {.bin = "970416", .account = "ABC123", .amount = 1, .initiation = Initiation::staticCode}},
        RoundTripCase{"LargestAmount", {.bin = "970416", .account = "1", .amount = 9'999'999'999'999}},
        RoundTripCase{"LongestFields",
                      {.bin = "970416",
                       .account = "1234567890123456789",
                       .purpose = "1234567890123456789012345",
                       .billNumber = "ABCDEFGHIJKLMNOPQRSTUVWXY",
                       .merchantName = "ẮẰẲẴẶẤẦẨẪẬÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊ",
                       .merchantCity = "ỐỒỔỖỘỚỜỞỠỢÓÒỎÕỌ"}}),
    test::CaseName());

struct BadRequestCase {
    const char* name;
    VietQrRequest request;
    const char* code;
};

class VietQrBadRequest : public testing::TestWithParam<BadRequestCase> {};

TEST_P(VietQrBadRequest, IsRefusedWithANamedError) {
    const auto built = buildVietQr(GetParam().request);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.error().code, GetParam().code);
    EXPECT_FALSE(built.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, VietQrBadRequest,
    testing::Values(
        BadRequestCase{"ShortBin", {.bin = "97043", .account = "1"}, "vietqr.bad_bin"},
        BadRequestCase{"LetterInBin", {.bin = "97043x", .account = "1"}, "vietqr.bad_bin"},
        BadRequestCase{"EmptyAccount", {.bin = "970436", .account = ""}, "vietqr.bad_account"},
        BadRequestCase{"AccountWithSpace", {.bin = "970436", .account = "123 456"}, "vietqr.bad_account"},
        BadRequestCase{
            "AccountTooLong", {.bin = "970436", .account = "12345678901234567890"}, "vietqr.bad_account"},
        BadRequestCase{
            "UnknownService", {.bin = "970436", .account = "1", .service = "QRPUSH"}, "vietqr.bad_service"},
        BadRequestCase{"AmountTooLarge",
                       {.bin = "970436", .account = "1", .amount = 10'000'000'000'000},
                       "vietqr.bad_amount"},
        BadRequestCase{"PurposeTooLong",
                       {.bin = "970436", .account = "1", .purpose = std::string(26, 'x')},
                       "vietqr.too_long"},
        BadRequestCase{"CityTooLong",
                       {.bin = "970436", .account = "1", .merchantCity = std::string(16, 'x')},
                       "vietqr.too_long"},
        BadRequestCase{
            "PurposeWithNewline", {.bin = "970436", .account = "1", .purpose = "a\nb"}, "vietqr.bad_text"},
        BadRequestCase{"PurposeWithBidiOverride",
                       {.bin = "970436", .account = "1", .purpose = "a\u202Eb"},
                       "vietqr.bad_text"},
        BadRequestCase{"NameWithInvalidUtf8",
                       {.bin = "970436", .account = "1", .merchantName = "a\xFF"},
                       "vietqr.bad_text"}),
    test::CaseName());

}  // namespace
}  // namespace kiosk::scan
