#include "TestImages.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <opencv2/imgproc.hpp>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <system_error>

namespace devices::test {

RenderedCode renderCleanCode(const std::string& text, cv::Size frameSize, cv::Point origin,
                             int modulePixels) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(0).setEncoding(ZXing::CharacterSet::UTF8);
    const ZXing::BitMatrix bits = writer.encode(text, 0, 0);
    RenderedCode out;
    out.bgr = cv::Mat(frameSize, CV_8UC3, cv::Scalar(170, 170, 170));
    const int side = bits.width() * modulePixels;
    const int quiet = 4 * modulePixels;
    cv::rectangle(out.bgr, cv::Rect(origin.x - quiet, origin.y - quiet, side + 2 * quiet, side + 2 * quiet),
                  cv::Scalar(250, 250, 250), cv::FILLED);
    for (int y = 0; y < bits.height(); ++y)
        for (int x = 0; x < bits.width(); ++x)
            if (bits.get(x, y))
                cv::rectangle(out.bgr,
                              cv::Rect(origin.x + x * modulePixels, origin.y + y * modulePixels, modulePixels,
                                       modulePixels),
                              cv::Scalar(20, 20, 20), cv::FILLED);
    const auto f = [](int x, int y) { return cv::Point2f(static_cast<float>(x), static_cast<float>(y)); };
    out.corners = {f(origin.x, origin.y), f(origin.x + side, origin.y), f(origin.x + side, origin.y + side),
                   f(origin.x, origin.y + side)};
    return out;
}

double maxCornerDistance(const std::array<cv::Point2f, 4>& a, const std::array<cv::Point2f, 4>& b) {
    double worst = 0.0;
    for (std::size_t i = 0; i < 4; ++i)
        worst = std::max(worst, cv::norm(a[i] - b[i]));
    return worst;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kiosk-devices-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
}

}  // namespace devices::test
