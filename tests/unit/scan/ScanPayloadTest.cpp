#include "kiosk/scan/ScanPayload.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScanTestSupport.h"

namespace kiosk::scan {
namespace {

using nlohmann::json;
using test::testBanks;

const std::string kDynamic =
    "00020101021238560010A0000007270126000697041501121234567890120208QRIBFTTA53037045405500005802VN62220818"
    "THU PHI THU NGHIEM63042428";
const std::string kStatic =
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304E8DB";
const std::string kCccd =
    "001090012345|123456789|Nguyễn Văn Thử|01011990|Nam|Số 1 Đường Mẫu, Xã Ví Dụ|15062021";

struct KindCase {
    const char* name;
    std::string text;
    PayloadKind kind;
    bool valid;
};

class Classification : public testing::TestWithParam<KindCase> {};

TEST_P(Classification, PicksTheKindAndValidity) {
    const ScanPayload payload = understandPayload(GetParam().text, testBanks());
    EXPECT_EQ(kindName(payload.kind), kindName(GetParam().kind));
    EXPECT_EQ(payload.valid(), GetParam().valid);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Classification,
    testing::Values(KindCase{"VietQr", kDynamic, PayloadKind::vietqr, true},
                    KindCase{"BrokenVietQrIsStillVietQr", kDynamic.substr(0, 30), PayloadKind::vietqr, false},
                    KindCase{"Cccd", kCccd, PayloadKind::cccd, true},
                    KindCase{"BrokenCccdIsStillCccd", "001090012345|x", PayloadKind::cccd, false},
                    KindCase{"GovernmentUrl", "https://dichvucong.gov.vn", PayloadKind::url, true},
                    KindCase{"WwwUrl", "www.example.vn", PayloadKind::url, true},
                    KindCase{"UrlWithHiddenCharacters", "https://example.vn/\u202Ex", PayloadKind::url,
                             false},
                    KindCase{"Sentence", "Xin chào! Quầy số 3.", PayloadKind::text, true},
                    KindCase{"ElevenDigitsAndBarIsText", "00109001234|x", PayloadKind::text, true},
                    KindCase{"PhoneNumber", "0912345678", PayloadKind::text, true},
                    KindCase{"Empty", "", PayloadKind::text, true},
                    KindCase{"InvalidUtf8Text", "\xFF\xFE\xFD", PayloadKind::text, true}),
    test::CaseName());

TEST(ScanPayloadJson, DescribesAVietQrPayment) {
    const ScanPayload payload = understandPayload(kDynamic, testBanks());
    const json expected = {{"bin", "970415"},
                           {"bank", "VietinBank"},
                           {"bank_name", "Ngân hàng TMCP Công thương Việt Nam"},
                           {"account", "123456789012"},
                           {"service", "QRIBFTTA"},
                           {"amount", 50000},
                           {"currency", "704"},
                           {"country", "VN"},
                           {"merchant_name", nullptr},
                           {"merchant_city", nullptr},
                           {"bill", nullptr},
                           {"reference", nullptr},
                           {"purpose", "THU PHI THU NGHIEM"},
                           {"initiation", "dynamic"},
                           {"crc", "2428"},
                           {"length_unit", "characters"}};
    EXPECT_EQ(payloadFields(payload, false), expected);
}

TEST(ScanPayloadJson, StaticCodeHasANullAmount) {
    const json fields = payloadFields(understandPayload(kStatic, testBanks()), false);
    EXPECT_TRUE(fields["amount"].is_null());
    EXPECT_EQ(fields["initiation"], "static");
    EXPECT_EQ(fields["bank"], "Vietcombank");
}

TEST(ScanPayloadJson, MasksACccdByDefault) {
    const ScanPayload payload = understandPayload(kCccd, testBanks());
    const json expected = {{"id", "********2345"},       {"old_id", "*********"}, {"name", "N. V. T."},
                           {"birth_date", "****-**-**"}, {"sex", "***"},          {"address", "***"},
                           {"issue_date", "****-**-**"}, {"masked", true}};
    EXPECT_EQ(payloadFields(payload, false), expected);
    const std::string everything = payloadFields(payload, false).dump() + payloadText(payload, false) +
                                   problemsJson(payload.problems).dump();
    for (const char* secret : {"001090012345", "123456789", "Nguyễn", "1990", "Đường"}) {
        EXPECT_EQ(everything.find(secret), std::string::npos) << secret;
    }
}

TEST(ScanPayloadJson, RevealsACccdOnlyWhenAsked) {
    const ScanPayload payload = understandPayload(kCccd, testBanks());
    const json expected = {
        {"id", "001090012345"},       {"old_id", "123456789"}, {"name", "Nguyễn Văn Thử"},
        {"birth_date", "1990-01-01"}, {"sex", "Nam"},          {"address", "Số 1 Đường Mẫu, Xã Ví Dụ"},
        {"issue_date", "2021-06-15"}, {"masked", false}};
    EXPECT_EQ(payloadFields(payload, true), expected);
    EXPECT_EQ(payloadText(payload, true), kCccd);
    EXPECT_EQ(payloadText(payload, false), "********2345|*********|N. V. T.|********|***|***|********");
}

TEST(ScanPayloadJson, DescribesAUrl) {
    const ScanPayload payload = understandPayload("http://xn--vnid-w4d.example:8080/a", testBanks());
    const json fields = payloadFields(payload, false);
    EXPECT_EQ(fields["url"], "http://xn--vnid-w4d.example:8080/a");
    EXPECT_EQ(fields["scheme"], "http");
    EXPECT_EQ(fields["host"], "xn--vnid-w4d.example");
    EXPECT_EQ(fields["host_unicode"], "vn\u0435id.example");
    EXPECT_EQ(fields["port"], 8080);
    EXPECT_EQ(fields["https"], false);
    EXPECT_EQ(fields["government"], false);
    EXPECT_EQ(fields["shortener"], false);
    EXPECT_EQ(fields["ip_address"], false);
    EXPECT_EQ(fields["userinfo"], false);
    EXPECT_EQ(fields["warnings"], json({"not_https", "punycode_host", "mixed_scripts",
                                        "confusable_characters", "official_name_lookalike"}));
}

TEST(ScanPayloadJson, DescribesAGovernmentUrl) {
    const json fields = payloadFields(understandPayload("https://dichvucong.gov.vn/", testBanks()), false);
    EXPECT_EQ(fields["host"], "dichvucong.gov.vn");
    EXPECT_EQ(fields["https"], true);
    EXPECT_EQ(fields["government"], true);
    EXPECT_TRUE(fields["port"].is_null());
    EXPECT_EQ(fields["warnings"], json::array());
}

TEST(ScanPayloadJson, DescribesCleanedText) {
    const ScanPayload payload = understandPayload("Quầy \u202E3\x01\xFF", testBanks());
    const json expected = {
        {"text", "Quầy 3\uFFFD"},
        {"length", 7},
        {"truncated", false},
        {"removed",
         {{"control", 1}, {"bidi", 1}, {"invisible", 0}, {"combining_marks", 0}, {"invalid_utf8", 1}}}};
    EXPECT_EQ(payloadFields(payload, false), expected);
}

TEST(ScanPayloadJson, ListsProblemsWithCodeSeverityAndMessage) {
    const ScanPayload payload =
        understandPayload(kStatic.substr(0, kStatic.size() - 4) + "0000", testBanks());
    const json problems = problemsJson(payload.problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0]["code"], "crc_mismatch");
    EXPECT_EQ(problems[0]["severity"], "error");
    EXPECT_FALSE(problems[0]["message"].get<std::string>().empty());
    EXPECT_EQ(problemsJson({}), json::array());
}

TEST(ScanPayloadJson, AlwaysSerialisesWhateverWasScanned) {
    const std::string nasty[] = {
        std::string("\x00\x01\xFF", 3),
        "000201"
        "5903\xFF\xFE\xFD"
        "6304ABCD",
        "001090012345|\xFF|\xC3|\xE2\x82|\xF0|\x80|\xBF",
        "https://\xFF\xFE.example/\xC0\xAF",
        "https://%FF%FE.example/",
        "https://xn--a-qin.example/",
    };
    for (const std::string& text : nasty) {
        const ScanPayload payload = understandPayload(text, testBanks());
        EXPECT_NO_THROW((void)payloadFields(payload, false).dump()) << kindName(payload.kind);
        EXPECT_NO_THROW((void)payloadFields(payload, true).dump()) << kindName(payload.kind);
        EXPECT_NO_THROW((void)problemsJson(payload.problems).dump()) << kindName(payload.kind);
        EXPECT_NO_THROW((void)json(payloadText(payload, true)).dump()) << kindName(payload.kind);
    }
}

}  // namespace
}  // namespace kiosk::scan
