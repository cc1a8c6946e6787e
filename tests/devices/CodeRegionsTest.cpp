#include "devices/decode/CodeRegions.h"

#include "SyntheticFrames.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

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

TEST(CodeRegions, FlatFramesAndTinyImagesGiveNoRegions) {
    EXPECT_TRUE(devices::findCodeRegions(cv::Mat(720, 1280, CV_8UC1, cv::Scalar(128)), 3).empty());
    EXPECT_TRUE(devices::findCodeRegions(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), 3).empty());
    EXPECT_TRUE(devices::findCodeRegions(cv::Mat(720, 1280, CV_8UC1, cv::Scalar(128)), 0).empty());
}

}  // namespace
