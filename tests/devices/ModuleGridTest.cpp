#include "devices/decode/ModuleGrid.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <string>

namespace {

// ISO/IEC 18004:2015 table E.1, rows for versions 2, 7, 15, 32 (the one irregular step), 36, 40.
TEST(ModuleGrid, AlignmentPositionsFollowTheStandardsTable) {
    EXPECT_TRUE(devices::alignmentPositions(1).empty());
    EXPECT_EQ(devices::alignmentPositions(2), (std::vector<int>{6, 18}));
    EXPECT_EQ(devices::alignmentPositions(7), (std::vector<int>{6, 22, 38}));
    EXPECT_EQ(devices::alignmentPositions(15), (std::vector<int>{6, 26, 48, 70}));
    EXPECT_EQ(devices::alignmentPositions(32), (std::vector<int>{6, 34, 60, 86, 112, 138}));
    EXPECT_EQ(devices::alignmentPositions(36), (std::vector<int>{6, 24, 50, 76, 102, 128, 154}));
    EXPECT_EQ(devices::alignmentPositions(40), (std::vector<int>{6, 30, 58, 86, 114, 142, 170}));
}

std::string readPlainly(const cv::Mat& gray, bool pure) {
    const ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum,
                                static_cast<int>(gray.step));
    const auto hints = ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode).setIsPure(pure);
    const auto result = ZXing::ReadBarcode(view, hints);
    return result.isValid() ? result.text() : std::string();
}

// A dense code (version 10 or so, 57 modules) drawn at `modulePixels`, bent round a vertical
// cylinder over `halfArcDegrees` each side of its middle as a slip held in one hand bends, and
// blurred like a camera: what the rectified pass hands the module grid, with `inset` px round the
// symbol.
cv::Mat bentCode(const std::string& text, double modulePixels, double halfArcDegrees, int inset) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(0).setEccLevel(2);
    const ZXing::BitMatrix bits = writer.encode(text, 0, 0);
    const int n = bits.width();
    const int symbol = static_cast<int>(std::lround(n * modulePixels));
    const int side = symbol + 2 * inset;
    const double halfArc = halfArcDegrees * CV_PI / 180.0;
    cv::Mat mapX(side, side, CV_32F), mapY(side, side, CV_32F);
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            // The symbol's horizontal middle at the image's; a screen column shows the paper at
            // the angle whose sine it is, so the paper crowds towards the sides.
            const double s = (x + 0.5 - side / 2.0) / (symbol / 2.0);
            const double paper = std::asin(std::clamp(s * std::sin(halfArc), -1.0, 1.0)) / halfArc;
            // Source pixel k of `modules` covers [k - 0.5, k + 0.5) in remap's coordinates.
            mapX.at<float>(y, x) = static_cast<float>(paper * symbol / 2.0 / modulePixels + n / 2.0 - 0.5);
            mapY.at<float>(y, x) = static_cast<float>((y + 0.5 - inset) / modulePixels - 0.5);
        }
    }
    cv::Mat modules(n, n, CV_8U);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            modules.at<uchar>(r, c) = bits.get(c, r) ? 30 : 220;
    cv::Mat bent;
    cv::remap(modules, bent, mapX, mapY, cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(220));
    cv::GaussianBlur(bent, bent, cv::Size(), modulePixels * 0.3);
    return bent;
}

const std::string kDenseText =
    "00020101021238570010A00000072701270006970436011300112233445566770208QRIBFTTA53037045802VN"
    "5913CONG TY MAU 6006HA NOI62300826Thanh toan hoa don thang 116304ABCD plus more filler text";

TEST(ModuleGrid, ReadsADenseCodeOnBentPaperInEveryTurn) {
    const cv::Mat bent = bentCode(kDenseText, 5.0, 40.0, 24);
    // The case this exists for: ZXing's one homography does not read it.
    EXPECT_EQ(readPlainly(bent, false), "");
    for (int turn = 0; turn < 4; ++turn) {
        cv::Mat turned = bent;
        if (turn > 0) cv::rotate(bent, turned, turn - 1);
        const auto codes = devices::redrawnCodes(turned, 24.0f);
        ASSERT_FALSE(codes.empty()) << "turn " << turn;
        bool read = false;
        for (const auto& code : codes)
            read = read || readPlainly(code.image, true) == kDenseText;
        EXPECT_TRUE(read) << "turn " << turn << ", best dimension " << codes.front().dimension;
    }
}

TEST(ModuleGrid, FindsNothingWithoutFinderPatterns) {
    cv::Mat noise(400, 400, CV_8U);
    cv::RNG rng(5);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
    cv::GaussianBlur(noise, noise, cv::Size(), 3.0);
    for (const auto& code : devices::redrawnCodes(noise, 30.0f))
        EXPECT_EQ(readPlainly(code.image, true), "");
    EXPECT_TRUE(devices::redrawnCodes(cv::Mat(400, 400, CV_8U, cv::Scalar(200)), 30.0f).empty());
}

}  // namespace
