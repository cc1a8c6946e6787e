#include "kiosk/scan/ImageHeader.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace kiosk::scan {
namespace {

std::uint32_t bigEndian(const unsigned char* bytes, int count) {
    std::uint32_t value = 0;
    for (int i = 0; i < count; ++i)
        value = (value << 8) | bytes[i];
    return value;
}

std::uint32_t littleEndian32(const unsigned char* bytes) {
    return bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (std::uint32_t{bytes[3]} << 24);
}

bool readBytes(std::istream& in, unsigned char* into, std::streamsize count) {
    in.read(reinterpret_cast<char*>(into), count);
    return in.gcount() == count;
}

// JPEG: walk the marker segments up to the first frame header (SOF0-SOF15 except DHT C4, JPG C8
// and DAC CC), seeking over each segment, so large EXIF blocks before it cost nothing.
std::optional<ImageSize> jpegSize(std::istream& in) {
    in.seekg(2);
    for (int segments = 0; segments < 1000; ++segments) {
        unsigned char marker[2];
        if (!readBytes(in, marker, 2) || marker[0] != 0xFF) return std::nullopt;
        while (marker[1] == 0xFF) {  // fill bytes
            if (!readBytes(in, marker + 1, 1)) return std::nullopt;
        }
        const unsigned char type = marker[1];
        if (type == 0xD8 || (type >= 0xD0 && type <= 0xD7) || type == 0x01) continue;  // no length
        if (type == 0xD9 || type == 0xDA) return std::nullopt;  // end or scan data before any frame
        unsigned char length[2];
        if (!readBytes(in, length, 2)) return std::nullopt;
        const std::uint32_t segmentLength = bigEndian(length, 2);
        if (segmentLength < 2) return std::nullopt;
        const bool frame = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
        if (frame) {
            unsigned char header[5];  // precision, height (2), width (2)
            if (!readBytes(in, header, 5)) return std::nullopt;
            return ImageSize{bigEndian(header + 3, 2), bigEndian(header + 1, 2)};
        }
        in.seekg(segmentLength - 2, std::ios::cur);
        if (!in) return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::optional<ImageSize> imageSizeFromHeader(std::istream& in) {
    std::array<unsigned char, 26> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto got = in.gcount();
    in.clear();
    // PNG: the signature, then IHDR as the first chunk: width and height, big-endian.
    static constexpr unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (got >= 24 && std::equal(std::begin(kPng), std::end(kPng), head.begin()) && head[12] == 'I' &&
        head[13] == 'H' && head[14] == 'D' && head[15] == 'R') {
        return ImageSize{bigEndian(&head[16], 4), bigEndian(&head[20], 4)};
    }
    if (got >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return jpegSize(in);
    // BMP with a BITMAPINFOHEADER or later: signed width and height (negative height: top-down).
    if (got >= 26 && head[0] == 'B' && head[1] == 'M' && littleEndian32(&head[14]) >= 40) {
        const auto width = static_cast<std::int32_t>(littleEndian32(&head[18]));
        const auto height = static_cast<std::int32_t>(littleEndian32(&head[22]));
        return ImageSize{static_cast<std::uint32_t>(std::abs(static_cast<std::int64_t>(width))),
                         static_cast<std::uint32_t>(std::abs(static_cast<std::int64_t>(height)))};
    }
    return std::nullopt;
}

}  // namespace kiosk::scan
