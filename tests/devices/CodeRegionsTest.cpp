#include "devices/decode/CodeRegions.h"

#include "SyntheticFrames.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <string>
#include <vector>

namespace {

using devices::synth::Distortion;

bool containsCode(const std::vector<cv::Rect>& regions, const devices::synth::SyntheticFrame& frame) {
    for (const cv::Rect& region : regions) {
        bool all = true;
        for (const cv::Point2f& corner : frame.corners)
            all = all && region.contains(cv::Point(corner));
        if (all) return true;
    }
    return false;
}

TEST(CodeRegions, FindsSmallAndFaintCodesAmongClutter) {
    constexpr Distortion kClasses[] = {Distortion::SmallCode, Distortion::LowContrast, Distortion::Clean};
    const auto set = devices::synth::makeSet(77, 6, kClasses);
    int found = 0;
    for (const auto& frame : set) {
        cv::Mat gray;
        cv::cvtColor(frame.bgr, gray, cv::COLOR_BGR2GRAY);
        const auto regions = devices::findCodeRegions(gray, 3);
        EXPECT_LE(regions.size(), 3u);
        found += containsCode(regions, frame);
    }
    // Whole code inside one of the top three regions, margin included, for nearly every frame.
    EXPECT_GE(found, static_cast<int>(set.size()) - 2) << found << " of " << set.size();
}

// Issue 17: a code touching a line or a shape (a pen across a slip, the edge of a phone) merged
// with it into one blob that was not square enough to be a code, and no region was tried. Here
// each code gets a thick line leaving one corner and a dark band along one side.
TEST(CodeRegions, FindsCodesTouchingLinesAndShapes) {
    constexpr Distortion kClasses[] = {Distortion::Clean, Distortion::SmallTurnedBlur};
    const auto set = devices::synth::makeSet(4711, 6, kClasses);
    int found = 0;
    for (const auto& frame : set) {
        cv::Mat gray;
        cv::cvtColor(frame.bgr, gray, cv::COLOR_BGR2GRAY);
        const auto& c = frame.corners;
        const cv::Point2f centre = (c[0] + c[1] + c[2] + c[3]) * 0.25f;
        const cv::Point2f outward = c[1] - centre;
        cv::line(gray, c[1], c[1] + outward * 3.0f, cv::Scalar(30), 6, cv::LINE_AA);
        // A band along the side from c[2] to c[3], just outside the code's quiet zone.
        const cv::Point2f away = (c[2] + c[3]) * 0.5f - centre;
        const cv::Point2f shift = away * 0.12f;
        const std::vector<cv::Point> band = {c[2] + shift, c[3] + shift, c[3] + shift + away * 0.6f,
                                             c[2] + shift + away * 0.6f};
        cv::fillConvexPoly(gray, band, cv::Scalar(60), cv::LINE_AA);
        found += containsCode(devices::findCodeRegions(gray, 3), frame);
    }
    EXPECT_GE(found, static_cast<int>(set.size()) - 1) << found << " of " << set.size();
}

// A slip's heading printed right up to the code: three lines of text ending in its quiet zone merge
// with it into a wide blob the opening does not cut, as the text's strokes are as thick as the
// code's modules. The code's edges are denser, so the blob's own energy level cuts it out. Of
// these 24 frames the region finder found 18 before that cut and 22 with it.
TEST(CodeRegions, FindsCodesPrintedAgainstLinesOfText) {
    constexpr Distortion kClasses[] = {Distortion::Clean, Distortion::SmallTurnedBlur, Distortion::SmallCode};
    constexpr int kFoundAtLeast = 21;
    const auto set = devices::synth::makeSet(4711, 8, kClasses);
    int found = 0;
    for (const auto& frame : set) {
        cv::Mat gray;
        cv::cvtColor(frame.bgr, gray, cv::COLOR_BGR2GRAY);
        const cv::Rect box =
            cv::boundingRect(std::vector<cv::Point2f>(frame.corners.begin(), frame.corners.end()));
        const double lineHeight = box.height * 0.15;
        const double fontScale = lineHeight / 22.0;
        constexpr int kStroke = 2;
        const std::string heading = "UBND XA 2024 SO 22";
        int baseline = 0;
        const cv::Size text =
            cv::getTextSize(heading, cv::FONT_HERSHEY_SIMPLEX, fontScale, kStroke, &baseline);
        for (int line = 0; line < 3; ++line) {
            const cv::Point at(box.x - text.width - box.width * 3 / 100,
                               box.y + static_cast<int>(lineHeight * (1.5 * line + 1)));
            cv::putText(gray, heading, at, cv::FONT_HERSHEY_SIMPLEX, fontScale, cv::Scalar(40), kStroke,
                        cv::LINE_AA);
        }
        found += containsCode(devices::findCodeRegions(gray, 3), frame);
    }
    EXPECT_GE(found, kFoundAtLeast) << found << " of " << set.size();
}

TEST(CodeRegions, FlatFramesAndTinyImagesGiveNoRegions) {
    EXPECT_TRUE(devices::findCodeRegions(cv::Mat(720, 1280, CV_8UC1, cv::Scalar(128)), 3).empty());
    EXPECT_TRUE(devices::findCodeRegions(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), 3).empty());
    EXPECT_TRUE(devices::findCodeRegions(cv::Mat(720, 1280, CV_8UC1, cv::Scalar(128)), 0).empty());
}

}  // namespace
