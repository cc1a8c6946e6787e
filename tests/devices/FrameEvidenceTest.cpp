#include "devices/decode/FrameEvidence.h"

#include "TestImages.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

TEST(FrameEvidence, TheSharperFrameOfACodeScoresHigher) {
    const auto rendered =
        devices::test::renderCleanCode("https://example.vn/lich-hen?ma=12345678", {640, 480}, {200, 120}, 5);
    cv::Mat blurred;
    cv::GaussianBlur(rendered.bgr, blurred, cv::Size(), 2.0);
    const cv::Rect code(180, 100, 240, 240);
    EXPECT_GT(devices::regionSharpness(rendered.bgr, code), 2.0 * devices::regionSharpness(blurred, code));
    EXPECT_EQ(devices::regionSharpness(rendered.bgr, cv::Rect(2000, 2000, 10, 10)), 0.0);
    EXPECT_EQ(devices::regionSharpness(cv::Mat(), code), 0.0);
}

TEST(FrameEvidence, ACandidateThatDriftsAFewModulesIsTheSameCode) {
    const cv::Rect seen(400, 200, 300, 300);
    EXPECT_TRUE(devices::sameCandidate(seen, seen));
    EXPECT_TRUE(devices::sameCandidate(seen, cv::Rect(430, 215, 300, 300)));
    EXPECT_FALSE(devices::sameCandidate(seen, cv::Rect(600, 200, 300, 300)));  // a third overlaps
    EXPECT_FALSE(devices::sameCandidate(seen, cv::Rect(0, 0, 100, 100)));
    EXPECT_FALSE(devices::sameCandidate(cv::Rect(), cv::Rect()));
}

}  // namespace
