// The pixel size an image file claims in its header, read without decoding it: PNG (IHDR), JPEG
// (the first SOFn frame header) and BMP. `scan` refuses pictures above kMaxScanPixels before
// OpenCV decodes them: a real 20000x20000 PNG took 49 s and 7.9 GB, and OpenCV's own limit
// (2^30 pixels) is far above what a kiosk can afford. Reads only headers from the stream.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>

namespace kiosk::scan {

// 40 megapixels: a phone's full-size photo is 12-50 MP; a QR code needs a tiny fraction of that.
inline constexpr std::uint64_t kMaxScanPixels = 40'000'000;

struct ImageSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::uint64_t pixels() const { return std::uint64_t{width} * height; }
};

// Nothing for other formats or a header cut short; OpenCV then decides, within its own limit.
std::optional<ImageSize> imageSizeFromHeader(std::istream& in);

}  // namespace kiosk::scan
