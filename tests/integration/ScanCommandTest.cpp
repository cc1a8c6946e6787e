// `commune-kiosk scan FILE...` end to end: images made here with ZXing's writer, the real
// binary, and its JSON lines checked field by field. All data is synthetic.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "devices/QrCodeImage.h"
#include "kiosk/scan/VietQrBuilder.h"
#include "support/Process.h"

namespace fs = std::filesystem;
using testsupport::runProcess;

namespace {

fs::path writeQr(const std::string& name, const std::string& text) {
    auto image = devices::renderQrCode(text, 6);
    EXPECT_TRUE(image.ok());
    const fs::path file = testsupport::freshTempDir("image-" + name) / name;
    cv::Mat rgba(image->height, image->width, CV_8UC4, image->pixels.data());
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    EXPECT_TRUE(cv::imwrite(file.string(), bgr));
    return file;
}

std::vector<nlohmann::json> jsonLines(const std::string& output) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.front() == '{') lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
}

// A made-up citizen: the ID's province 001, century/sex digit 0 (1900s, male), year 85.
const std::string kSyntheticCccd =
    "001085012345|123456789|Nguyen Van Thu|15031985|Nam|So 1, Thon Mau, Xa Thu|01022021";

}  // namespace

TEST(ScanCommand, PrintsOneJsonLinePerFileWithTheContractFields) {
    auto payload = kiosk::scan::buildVietQr(
        {.bin = "970436", .account = "0011001234567", .amount = 50000, .purpose = "Thanh toan don 12"});
    ASSERT_TRUE(payload.ok());
    const fs::path vietqr = writeQr("scan-vietqr.png", *payload);
    const fs::path cccd = writeQr("scan-cccd.png", kSyntheticCccd);
    const fs::path url = writeQr("scan-url.png", "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html");
    const fs::path blank = testsupport::freshTempDir("scan-blank") / "scan-blank.png";
    cv::imwrite(blank.string(), cv::Mat(200, 200, CV_8UC3, cv::Scalar(255, 255, 255)));

    const auto run =
        runProcess({KIOSK_BINARY, "scan", vietqr.string(), cccd.string(), url.string(), blank.string()});
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto lines = jsonLines(run.output);
    ASSERT_EQ(lines.size(), 4u) << run.output;
    for (const auto& line : lines) {
        for (const char* key :
             {"file", "found", "format", "text", "kind", "valid", "fields", "problems", "ms"}) {
            EXPECT_TRUE(line.contains(key)) << key << " in " << line.dump();
        }
    }

    EXPECT_EQ(lines[0]["found"], true);
    EXPECT_EQ(lines[0]["kind"], "vietqr");
    EXPECT_EQ(lines[0]["valid"], true);
    EXPECT_EQ(lines[0]["fields"]["bin"], "970436");
    EXPECT_EQ(lines[0]["fields"]["amount"], 50000);
    EXPECT_EQ(lines[0]["fields"]["initiation"], "dynamic");
    EXPECT_FALSE(lines[0]["fields"]["bank"].is_null());

    EXPECT_EQ(lines[1]["kind"], "cccd");
    EXPECT_EQ(lines[1]["text"].get<std::string>().find("Nguyen Van Thu"), std::string::npos)
        << "masked by default";
    EXPECT_EQ(lines[1]["fields"]["id"].get<std::string>().find("001085012345"), std::string::npos);
    EXPECT_EQ(run.output.find("001085012345"), std::string::npos);

    EXPECT_EQ(lines[2]["kind"], "url");
    EXPECT_EQ(lines[2]["fields"]["host"], "dichvucong.gov.vn");
    EXPECT_EQ(lines[2]["fields"]["https"], true);
    EXPECT_EQ(lines[2]["fields"]["government"], true);

    EXPECT_EQ(lines[3]["found"], false);
    EXPECT_TRUE(lines[3]["kind"].is_null());
}

// Another scheme's payment code is kind emv, and every line says how long its decode took.
TEST(ScanCommand, NamesAnotherSchemesPaymentCodeAndTimesEachFile) {
    // dtinth/promptpay-qr's "Amount" test case (see tests/unit/scan/EmvPaymentTest.cpp).
    const fs::path promptPay = writeQr(
        "scan-emv.png", "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469");
    const auto run = runProcess({KIOSK_BINARY, "scan", promptPay.string()});
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto lines = jsonLines(run.output);
    ASSERT_EQ(lines.size(), 1u) << run.output;
    EXPECT_EQ(lines[0]["kind"], "emv");
    EXPECT_EQ(lines[0]["valid"], true);
    EXPECT_EQ(lines[0]["fields"]["guid"], "A000000677010111");
    EXPECT_EQ(lines[0]["fields"]["scheme"], "PromptPay");
    EXPECT_EQ(lines[0]["fields"]["amount"], "4.22");
    EXPECT_EQ(lines[0]["fields"]["currency_code"], "THB");
    EXPECT_TRUE(lines[0]["problems"].empty()) << lines[0].dump();
    ASSERT_TRUE(lines[0]["ms"].is_number());
    EXPECT_GT(lines[0]["ms"].get<double>(), 0.0);
    EXPECT_LT(lines[0]["ms"].get<double>(), 10000.0);
}

TEST(ScanCommand, RevealsPersonalDataOnlyWhenAsked) {
    const fs::path cccd = writeQr("scan-cccd-reveal.png", kSyntheticCccd);
    const auto run = runProcess({KIOSK_BINARY, "scan", "--reveal-personal-data", cccd.string()});
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const auto lines = jsonLines(run.output);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["fields"]["id"], "001085012345");
    EXPECT_EQ(lines[0]["fields"]["birth_date"], "1985-03-15");
    EXPECT_EQ(lines[0]["fields"]["name"], "Nguyen Van Thu");
}

TEST(ScanCommand, UnreadableFileIsAProblemAndStatusTwoAtTheEnd) {
    const fs::path good = writeQr("scan-after-missing.png", "xin chào");
    const fs::path notAnImage = testsupport::freshTempDir("scan-bad") / "scan-not-an-image.png";
    std::ofstream(notAnImage) << "this is not a PNG";
    const auto run =
        runProcess({KIOSK_BINARY, "scan", "/nonexistent/photo.jpg", notAnImage.string(), good.string()});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    const auto lines = jsonLines(run.output);
    ASSERT_EQ(lines.size(), 3u) << run.output;
    EXPECT_EQ(lines[0]["found"], false);
    ASSERT_FALSE(lines[0]["problems"].empty());
    EXPECT_FALSE(lines[1]["problems"].empty());
    EXPECT_EQ(lines[2]["found"], true) << "the files after a bad one are still read";
    EXPECT_EQ(lines[2]["kind"], "text");
    EXPECT_EQ(lines[2]["text"], "xin chào");
}

// Issue #16 item 11: a real 20000x20000 PNG took 49 s and 7.9 GB. Pictures whose header
// claims more than 40 megapixels are refused per file before decoding; the next file is read.
TEST(ScanCommand, PicturesOverFortyMegapixelsAreRefusedBeforeDecoding) {
    const fs::path dir = testsupport::freshTempDir("scan-huge");
    // A tiny file whose PNG header claims 20000x20000 (valid IHDR CRC, an empty IDAT).
    const auto bigEndian = [](uint32_t value) {
        return std::string{static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                           static_cast<char>(value >> 8), static_cast<char>(value)};
    };
    const auto chunk = [&](const std::string& typeAndData) {
        uint32_t crc = 0xFFFFFFFFu;
        for (unsigned char byte : typeAndData) {
            crc ^= byte;
            for (int bit = 0; bit < 8; ++bit)
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
        return bigEndian(static_cast<uint32_t>(typeAndData.size() - 4)) + typeAndData + bigEndian(~crc);
    };
    std::ofstream(dir / "claims-400mp.png", std::ios::binary)
        << std::string("\x89PNG\r\n\x1a\n", 8)
        << chunk("IHDR" + bigEndian(20000) + bigEndian(20000) + std::string{8, 0, 0, 0, 0})
        << chunk("IDAT" + std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) << chunk("IEND");
    // A genuine 7000x6000 picture (42 MP), cheap to make because it is one colour.
    ASSERT_TRUE(cv::imwrite((dir / "real-42mp.png").string(), cv::Mat(6000, 7000, CV_8UC1, cv::Scalar(255))));
    const fs::path good = writeQr("scan-after-huge.png", "xin chào");

    const auto run = runProcess({KIOSK_BINARY, "scan", (dir / "claims-400mp.png").string(),
                                 (dir / "real-42mp.png").string(), good.string()});
    EXPECT_EQ(run.exitCode, 2) << run.output;
    const auto lines = jsonLines(run.output);
    ASSERT_EQ(lines.size(), 3u) << run.output;
    for (int i = 0; i < 2; ++i) {
        ASSERT_EQ(lines[i]["problems"].size(), 1u) << lines[i];
        EXPECT_EQ(lines[i]["problems"][0]["code"], "scan.image_too_large") << lines[i];
    }
    EXPECT_NE(lines[1]["problems"][0]["message"].get<std::string>().find("7000x6000"), std::string::npos);
    EXPECT_EQ(lines[2]["text"], "xin chào") << "the files after a refused one are still read";
}
