// A camera frame as it travels from the camera thread to the decoder and the UI. Frames are
// shared read-only (shared_ptr<const Frame>): once published, nobody writes to the pixels.
#pragma once

#include <opencv2/core.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace devices {

struct Frame {
    cv::Mat image;               // 8-bit BGR (3 channels) or grayscale (1 channel)
    std::uint64_t sequence = 0;  // 1, 2, 3... per slot; 0 means "no frame"
    std::chrono::steady_clock::time_point captured;
};

using FramePtr = std::shared_ptr<const Frame>;

// Tightly packed RGBA pixels (width * 4 bytes per row), ready for glTexImage2D/glTexSubImage2D.
struct RgbaImage {
    int width = 0;
    int height = 0;
    std::uint64_t sequence = 0;  // the frame these pixels came from; 0 = empty
    std::vector<std::uint8_t> pixels;
};

}  // namespace devices
