#include "devices/decode/FrameEvidence.h"

#include <opencv2/imgproc.hpp>

namespace devices {

double regionSharpness(const cv::Mat& image, const cv::Rect& region) {
    const cv::Rect inside = region & cv::Rect(0, 0, image.cols, image.rows);
    if (inside.empty() || image.empty()) return 0.0;
    cv::Mat gray = image(inside);
    if (gray.channels() == 3) cv::cvtColor(gray, gray, cv::COLOR_BGR2GRAY);
    if (gray.channels() == 4) cv::cvtColor(gray, gray, cv::COLOR_BGRA2GRAY);
    cv::Mat laplacian;
    cv::Laplacian(gray, laplacian, CV_32F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    return deviation[0] * deviation[0];
}

bool sameCandidate(const cv::Rect& a, const cv::Rect& b) {
    const double common = (a & b).area();
    const double either = a.area() + b.area() - common;
    return either > 0 && common >= 0.5 * either;
}

}  // namespace devices
