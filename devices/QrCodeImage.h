// Draws a QR code for the screen (e.g. the practice payment code) with ZXing's writer.
#pragma once

#include <string_view>

#include "devices/camera/Frame.h"
#include "kiosk/Result.h"

namespace devices {

// Black modules on white with a quiet zone; `modulePixels` sets how large each module is.
kiosk::Result<RgbaImage> renderQrCode(std::string_view text, int modulePixels = 8);

}  // namespace devices
