// Where in a frame a QR code probably is, found cheaply (about 1 ms for 1280x720) so the decode
// pipeline can spend its retries on a small crop instead of the whole frame. Pure: no I/O.
#pragma once

#include <opencv2/core.hpp>

#include <vector>

namespace devices {

// Up to `maxCount` rectangles in `gray`'s pixel coordinates, most code-like first, each with a
// margin for the quiet zone. A code's modules make dense edges in both directions; most text,
// lines and shapes are sparse or one-directional. `gray` must be 8-bit, one channel.
std::vector<cv::Rect> findCodeRegions(const cv::Mat& gray, int maxCount);

}  // namespace devices
