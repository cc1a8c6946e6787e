#include "kiosk/scan/ImageHeader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

using kiosk::scan::imageSizeFromHeader;

namespace {

std::string bigEndian32(std::uint32_t value) {
    return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
            static_cast<char>(value)};
}

std::string littleEndian32(std::uint32_t value) {
    return {static_cast<char>(value), static_cast<char>(value >> 8), static_cast<char>(value >> 16),
            static_cast<char>(value >> 24)};
}

std::string pngClaiming(std::uint32_t width, std::uint32_t height) {
    return std::string("\x89PNG\r\n\x1a\n", 8) + bigEndian32(13) + "IHDR" + bigEndian32(width) +
           bigEndian32(height) + std::string{8, 0, 0, 0, 0};
}

// SOI, an APP1 (EXIF-like) segment of `appBytes`, a DQT, then SOF2 (progressive).
std::string jpegClaiming(std::uint16_t width, std::uint16_t height, std::size_t appBytes) {
    const auto length = [](std::size_t n) {
        return std::string{static_cast<char>(n >> 8), static_cast<char>(n & 0xFF)};
    };
    return std::string("\xFF\xD8", 2) + "\xFF\xE1" + length(appBytes + 2) + std::string(appBytes, 'x') +
           "\xFF\xDB" + length(3) + std::string(1, 0) + "\xFF\xC2" + length(17) + std::string(1, 8) +
           length(height) + length(width) + std::string(12, 1);
}

std::string bmpClaiming(std::int32_t width, std::int32_t height) {
    return std::string("BM") + std::string(12, 0) + littleEndian32(40) +
           littleEndian32(static_cast<std::uint32_t>(width)) +
           littleEndian32(static_cast<std::uint32_t>(height)) + std::string(30, 0);
}

std::optional<kiosk::scan::ImageSize> sizeOf(const std::string& bytes) {
    std::istringstream in(bytes);
    return imageSizeFromHeader(in);
}

}  // namespace

TEST(ImageHeader, ReadsTheClaimedSizeOfPngJpegAndBmp) {
    struct Case {
        const char* name;
        std::string bytes;
        std::uint32_t width, height;
    };
    const Case cases[] = {
        {"png", pngClaiming(20000, 20000), 20000, 20000},
        {"jpeg after a 60 KB EXIF block", jpegClaiming(9000, 6000, 60000), 9000, 6000},
        {"bmp", bmpClaiming(640, 480), 640, 480},
        {"bmp stored top-down", bmpClaiming(640, -480), 640, 480},
    };
    for (const auto& c : cases) {
        const auto size = sizeOf(c.bytes);
        ASSERT_TRUE(size) << c.name;
        EXPECT_EQ(size->width, c.width) << c.name;
        EXPECT_EQ(size->height, c.height) << c.name;
    }
    EXPECT_GT(sizeOf(pngClaiming(20000, 20000))->pixels(), kiosk::scan::kMaxScanPixels);
    EXPECT_LE(sizeOf(pngClaiming(8000, 5000))->pixels(), kiosk::scan::kMaxScanPixels);
}

TEST(ImageHeader, OtherOrCutShortFilesClaimNothing) {
    for (const std::string& bytes :
         {std::string("this is not a PNG"), pngClaiming(1, 1).substr(0, 20),
          jpegClaiming(100, 100, 10).substr(0, 20), std::string("GIF89a"), std::string()}) {
        EXPECT_FALSE(sizeOf(bytes)) << bytes.size();
    }
}
