#include "devices/QrCodeImage.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>
#include <string>

namespace devices {

kiosk::Result<RgbaImage> renderQrCode(std::string_view text, int modulePixels) {
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setMargin(4).setEccLevel(2);
        // Size 0 asks for one pixel per module; we scale up ourselves so edges stay sharp.
        const ZXing::BitMatrix modules = writer.encode(std::string(text), 0, 0);
        RgbaImage image;
        image.width = modules.width() * modulePixels;
        image.height = modules.height() * modulePixels;
        image.pixels.assign(static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 4, 255);
        for (int y = 0; y < image.height; ++y) {
            for (int x = 0; x < image.width; ++x) {
                if (!modules.get(x / modulePixels, y / modulePixels)) continue;
                unsigned char* pixel =
                    &image.pixels[(static_cast<size_t>(y) * static_cast<size_t>(image.width) +
                                   static_cast<size_t>(x)) *
                                  4];
                pixel[0] = pixel[1] = pixel[2] = 0;
            }
        }
        return image;
    } catch (const std::exception& error) {
        return kiosk::Error{"qr.encode", std::string("cannot draw the QR code: ") + error.what()};
    }
}

}  // namespace devices
