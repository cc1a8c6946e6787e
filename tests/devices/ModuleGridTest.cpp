#include "devices/decode/ModuleGrid.h"

#include "SyntheticFrames.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace {

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

// A flat code drawn at `modulePixels` with `inset` px round the symbol (as the rectified pass
// hands it over), at ZXing's `eccLevel` (2 L, 4 M), grey 40 on 210.
cv::Mat flatCode(const std::string& text, int eccLevel, double modulePixels, int inset) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(0).setEccLevel(eccLevel);
    const ZXing::BitMatrix bits = writer.encode(text, 0, 0);
    const int n = bits.width();
    const int side = static_cast<int>(std::lround(n * modulePixels)) + 2 * inset;
    cv::Mat flat(side, side, CV_8U, cv::Scalar(210));
    for (int y = inset; y < side - inset; ++y) {
        for (int x = inset; x < side - inset; ++x) {
            const int c = std::min(n - 1, static_cast<int>((x - inset) / modulePixels));
            const int r = std::min(n - 1, static_cast<int>((y - inset) / modulePixels));
            if (bits.get(c, r)) flat.at<uchar>(y, x) = 40;
        }
    }
    return flat;
}

void addNoise(cv::Mat& image, double sigma, std::uint64_t seed) {
    cv::Mat noise(image.size(), CV_32F);
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    cv::Mat grey;
    image.convertTo(grey, CV_32F);
    grey += noise;
    grey.convertTo(image, CV_8U);
}

bool anyReads(const std::vector<devices::RedrawnCode>& codes, const std::string& text) {
    return std::any_of(codes.begin(), codes.end(), [&](const devices::RedrawnCode& code) {
        return readPlainly(code.image, true) == text;
    });
}

constexpr const char* kPaymentText =
    "00020101021238570010A000000727012700069704220113VQRQ0000TEST10208QRIBFTTA530370454061500005802VN"
    "62150811Hoc phi lop6304C0DE";

// Out of focus by 0.6 module, as a code held too close: a light module between dark ones samples
// dark. Read module by module against the local mean or the local extremes it does not read;
// unmixing the blur from the neighbours' readings does.
TEST(ModuleGrid, ReadsADefocusedCodeByUnmixingTheBlur) {
    cv::Mat flat = flatCode(kPaymentText, 4, 7.0, 28);
    cv::GaussianBlur(flat, flat, cv::Size(), 0.6 * 7.0);
    addNoise(flat, 3.0, 17);
    EXPECT_EQ(readPlainly(flat, false), "");
    const auto codes = devices::redrawnCodes(flat, 28.0f);
    ASSERT_FALSE(codes.empty());
    EXPECT_TRUE(anyReads(codes, kPaymentText)) << "best dimension " << codes.front().dimension;
}

// A lamp's reflection saturating the middle of a low-level code: the modules under it are white
// whatever they were, more than L's errors-only correction carries, but as erasures they are
// within it.
TEST(ModuleGrid, ReadsACodeUnderGlareWithTheSaturatedModulesErased) {
    cv::Mat flat = flatCode(kPaymentText, 2, 6.0, 24);
    cv::Mat spot(flat.size(), CV_32F, cv::Scalar(0));
    cv::ellipse(spot, cv::Point(flat.cols / 2 + 10, flat.rows / 2 - 6), cv::Size(48, 32), 20, 0, 360,
                cv::Scalar(240), cv::FILLED);
    cv::GaussianBlur(spot, spot, cv::Size(), 6.0);
    cv::Mat lit;
    flat.convertTo(lit, CV_32F);
    lit += spot;
    lit.convertTo(flat, CV_8U);
    addNoise(flat, 2.0, 23);
    EXPECT_EQ(readPlainly(flat, false), "");
    const auto codes = devices::redrawnCodes(flat, 24.0f);
    ASSERT_FALSE(codes.empty());
    EXPECT_TRUE(anyReads(codes, kPaymentText)) << "best dimension " << codes.front().dimension;
}

// Camera-like glare frames (tests/devices/SyntheticFrames.h) flattened along their true outline,
// as the rectified pass flattens them when it finds the code: the spot's edge, a module or two
// wide, lifts dark modules well above the dark ones a few modules off. Judging the lift from the
// eight nearest modules reads 77 of these 80; judged over the 5x5 the threshold spans, it read 74.
// 78 can be read at all (synth::readableDespiteSaturation).
TEST(ModuleGrid, ReadsGlareFramesAsFarAsTheSaturatedModulesAllow) {
    constexpr devices::synth::Distortion kGlare[] = {devices::synth::Distortion::Glare};
    constexpr int kReadAtLeast = 76;
    int read = 0, readable = 0;
    for (const std::uint64_t seed : {777u, 5u}) {
        for (const auto& frame : devices::synth::makeSet(seed, 40, kGlare)) {
            cv::Mat gray, flat;
            cv::cvtColor(frame.bgr, gray, cv::COLOR_BGR2GRAY);
            constexpr float kSide = 480.0f, kInset = kSide * 0.08f;
            const std::array<cv::Point2f, 4> square = {
                cv::Point2f(kInset, kInset), cv::Point2f(kSide - kInset, kInset),
                cv::Point2f(kSide - kInset, kSide - kInset), cv::Point2f(kInset, kSide - kInset)};
            cv::warpPerspective(gray, flat, cv::getPerspectiveTransform(frame.corners.data(), square.data()),
                                cv::Size(static_cast<int>(kSide), static_cast<int>(kSide)), cv::INTER_LINEAR,
                                cv::BORDER_REPLICATE);
            read += anyReads(devices::redrawnCodes(flat, kInset), frame.payload);
            readable += devices::synth::readableDespiteSaturation(frame);
        }
    }
    RecordProperty("read", read);
    EXPECT_GE(read, kReadAtLeast) << read << " of 80, " << readable << " readable";
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
