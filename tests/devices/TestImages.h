// Small helpers for the device tests: a clean rendered QR frame with known corners, and a
// temporary directory that cleans up after itself.
#pragma once

#include <opencv2/core.hpp>

#include <array>
#include <filesystem>
#include <string>

namespace devices::test {

struct RenderedCode {
    cv::Mat bgr;                         // light grey frame with the code drawn on it
    std::array<cv::Point2f, 4> corners;  // symbol corners: top-left, top-right, bottom-right, bottom-left
};

// An axis-aligned code with `modulePixels` px per module whose symbol's top-left corner is at
// `origin`, on a frame of `frameSize`. Four modules of white quiet zone are drawn around it.
RenderedCode renderCleanCode(const std::string& text, cv::Size frameSize, cv::Point origin, int modulePixels);

// The largest distance between corresponding corners.
double maxCornerDistance(const std::array<cv::Point2f, 4>& a, const std::array<cv::Point2f, 4>& b);

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace devices::test
