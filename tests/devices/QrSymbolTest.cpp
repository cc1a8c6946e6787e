#include "devices/decode/QrSymbol.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <random>
#include <set>
#include <string>

namespace {

// ISO/IEC 18004:2015 table E.1, rows for versions 2, 7, 15, 32 (the one irregular step), 36, 40.
TEST(QrSymbol, AlignmentPositionsFollowTheStandardsTable) {
    EXPECT_TRUE(devices::alignmentPositions(1).empty());
    EXPECT_EQ(devices::alignmentPositions(2), (std::vector<int>{6, 18}));
    EXPECT_EQ(devices::alignmentPositions(7), (std::vector<int>{6, 22, 38}));
    EXPECT_EQ(devices::alignmentPositions(15), (std::vector<int>{6, 26, 48, 70}));
    EXPECT_EQ(devices::alignmentPositions(32), (std::vector<int>{6, 34, 60, 86, 112, 138}));
    EXPECT_EQ(devices::alignmentPositions(36), (std::vector<int>{6, 24, 50, 76, 102, 128, 154}));
    EXPECT_EQ(devices::alignmentPositions(40), (std::vector<int>{6, 30, 58, 86, 114, 142, 170}));
}

// Table 1's codeword counts for versions 1, 2, 7, 14, 27 and 40.
TEST(QrSymbol, CodewordCountsFollowTheStandardsTable) {
    EXPECT_EQ(devices::symbolCodewords(21), 26);
    EXPECT_EQ(devices::symbolCodewords(25), 44);
    EXPECT_EQ(devices::symbolCodewords(45), 196);
    EXPECT_EQ(devices::symbolCodewords(73), 581);
    EXPECT_EQ(devices::symbolCodewords(125), 1828);
    EXPECT_EQ(devices::symbolCodewords(177), 3706);
}

// The symbol ZXing writes for `text` at `eccLevel` (0..8; 2 L, 4 M, 6 Q, 8 H), 1 where dark,
// without quiet zone.
cv::Mat written(const std::string& text, int eccLevel) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(0).setEccLevel(eccLevel).setEncoding(ZXing::CharacterSet::UTF8);
    const ZXing::BitMatrix bits = writer.encode(text, 0, 0);
    cv::Mat dark(bits.height(), bits.width(), CV_8U);
    for (int y = 0; y < bits.height(); ++y)
        for (int x = 0; x < bits.width(); ++x)
            dark.at<uchar>(y, x) = bits.get(x, y) ? 1 : 0;
    return dark;
}

std::string readPure(const cv::Mat& dark) {
    cv::Mat image(dark.rows + 8, dark.cols + 8, CV_8U, cv::Scalar(255));
    image(cv::Rect(4, 4, dark.cols, dark.rows)).setTo(0, dark);
    cv::resize(image, image, cv::Size(), 4, 4, cv::INTER_NEAREST);
    const ZXing::ImageView view(image.data, image.cols, image.rows, ZXing::ImageFormat::Lum,
                                static_cast<int>(image.step));
    const auto result = ZXing::ReadBarcode(
        view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode).setIsPure(true));
    return result.isValid() ? result.text() : std::string();
}

cv::Mat sure(const cv::Mat& dark) {
    return cv::Mat(dark.size(), CV_32F, cv::Scalar(1.0f));
}

// Every version and level, through ZXing's encoder: a symbol read without doubt needs no
// correction, so each block's syndromes vanish only if table 9's block split, the placement order,
// the masks and the format bits are all as the encoder has them.
TEST(QrSymbol, EverySymbolZXingWritesIsReadBackUnchanged) {
    std::set<std::pair<int, int>> seen;  // (version, level) pairs covered
    for (int eccLevel : {2, 4, 6, 8}) {
        std::string text = "x";
        for (int version = 1; version <= 40;) {
            cv::Mat dark;
            try {
                dark = written(text, eccLevel);
            } catch (const std::exception&) {
                break;  // past version 40
            }
            const int got = (dark.rows - 17) / 4;
            if (got >= version) {
                const auto corrected = devices::correctedModules(dark, sure(dark));
                ASSERT_TRUE(corrected) << "version " << got << " level " << eccLevel;
                EXPECT_EQ(cv::countNonZero(*corrected != dark), 0)
                    << "version " << got << " level " << eccLevel;
                seen.insert({got, eccLevel});
                version = got + 1;
            }
            text.append(std::max<std::size_t>(1, text.size() / 40), static_cast<char>('a' + version % 26));
        }
    }
    EXPECT_GE(seen.size(), 4u * 36u);
}

// A code a third of whose modules glare has saturated: errors alone are past a low level's
// correction, so ZXing cannot read it, but as erasures they are within it.
TEST(QrSymbol, ReadsACodeWithAPatchOfUnknownModulesAsErasures) {
    const std::string text =
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304";
    const cv::Mat original = written(text, 2);
    ASSERT_EQ(readPure(original), text);
    cv::Mat dark = original.clone(), confidence = sure(original);
    const int n = dark.rows;
    // A patch over the middle, as glare leaves it: every module light, none of them known.
    const cv::Rect patch(n / 2 - 5, n / 2 - 6, 11, 10);
    dark(patch).setTo(0);
    confidence(patch).setTo(0.0f);
    EXPECT_EQ(readPure(dark), "");
    const auto corrected = devices::correctedModules(dark, confidence);
    ASSERT_TRUE(corrected);
    EXPECT_EQ(readPure(*corrected), text);
    EXPECT_EQ(cv::countNonZero(*corrected != original), 0);
}

// The same patch with nothing known about it: without erasures, no correction.
TEST(QrSymbol, WithoutDoubtsThePatchIsBeyondCorrection) {
    const std::string text =
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304";
    cv::Mat dark = written(text, 2);
    const int n = dark.rows;
    dark(cv::Rect(n / 2 - 5, n / 2 - 6, 11, 10)).setTo(0);
    EXPECT_FALSE(devices::correctedModules(dark, sure(dark)));
}

// Scattered wrong modules, the least sure of which are the wrong ones, in a multi-block symbol.
TEST(QrSymbol, UsesTheLeastSureCodewordsOfEachBlockAsErasures) {
    std::string text;
    for (int i = 0; i < 30; ++i)
        text += "Tổ công nghệ số cộng đồng ";
    const cv::Mat original = written(text, 4);
    ASSERT_GE(original.rows, 57);
    cv::Mat dark = original.clone(), confidence = sure(original);
    std::mt19937 random(7);
    const cv::Mat fixed = devices::functionPatterns(dark.rows);
    int flipped = 0;
    while (flipped < dark.rows * dark.rows / 30) {
        const int r = static_cast<int>(random() % static_cast<unsigned>(dark.rows));
        const int c = static_cast<int>(random() % static_cast<unsigned>(dark.cols));
        if (fixed.at<schar>(r, c) >= 0 || (r <= 8 && c <= 8) || (r <= 8 && c >= dark.cols - 8) ||
            (c <= 8 && r >= dark.rows - 8) || confidence.at<float>(r, c) < 1.0f)
            continue;
        dark.at<uchar>(r, c) ^= 1;
        confidence.at<float>(r, c) = 0.1f + 0.01f * static_cast<float>(random() % 10);
        ++flipped;
    }
    EXPECT_EQ(readPure(dark), "");
    const auto corrected = devices::correctedModules(dark, confidence);
    ASSERT_TRUE(corrected);
    EXPECT_EQ(readPure(*corrected), text);
}

// Noise that is not a code at all is refused, not "corrected" into one.
TEST(QrSymbol, RefusesModulesThatAreNotACode) {
    std::mt19937 random(11);
    int accepted = 0;
    for (int round = 0; round < 200; ++round) {
        const int n = 21 + 4 * static_cast<int>(random() % 8);
        cv::Mat dark(n, n, CV_8U), confidence(n, n, CV_32F);
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                dark.at<uchar>(r, c) = random() & 1;
                confidence.at<float>(r, c) = static_cast<float>(random() % 100) / 100.0f;
            }
        }
        if (devices::correctedModules(dark, confidence)) ++accepted;
    }
    EXPECT_EQ(accepted, 0);
}

}  // namespace
