// Draws a QR code for the screen (e.g. the practice payment code) with ZXing's writer.
#pragma once

#include <string_view>
#include <vector>

#include "kiosk/Result.h"

namespace devices {

struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> pixels;  // width * height * 4, rows top-down
};

// Black modules on white with a quiet zone; `modulePixels` sets how large each module is.
kiosk::Result<RgbaImage> renderQrCode(std::string_view text, int modulePixels = 8);

}  // namespace devices
