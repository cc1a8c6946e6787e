#include "devices/printer/EscPos.h"

#include <algorithm>

namespace devices {

namespace {

constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kGs = 0x1D;
constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;

std::uint8_t low(int value) {
    return static_cast<std::uint8_t>(value & 0xFF);
}
std::uint8_t high(int value) {
    return static_cast<std::uint8_t>((value >> 8) & 0xFF);
}

// Every DLE EOT answer has bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0.
bool hasFixedBits(std::uint8_t reply) {
    return (reply & 0x93) == 0x12;
}

}  // namespace

std::vector<std::uint8_t> encodeEscPos(const MonoImage& raster) {
    const int bytesPerRow = raster.bytesPerRow();
    std::vector<std::uint8_t> out{kEsc, '@'};
    out.reserve(raster.bits.size() + 16 + 8 * static_cast<std::size_t>(raster.height / kRasterBandRows + 1));
    for (int top = 0; top < raster.height; top += kRasterBandRows) {
        const int rows = std::min(kRasterBandRows, raster.height - top);
        // GS v 0 m xL xH yL yH: m = 0 is normal density; x counts bytes, y counts dot rows.
        out.insert(out.end(), {kGs, 'v', '0', 0, low(bytesPerRow), high(bytesPerRow), low(rows), high(rows)});
        const auto first = raster.bits.begin() + static_cast<std::ptrdiff_t>(top) * bytesPerRow;
        out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(rows) * bytesPerRow);
    }
    out.insert(out.end(), {kEsc, 'd', 3});     // feed 3 lines
    out.insert(out.end(), {kGs, 'V', 66, 0});  // function B: feed to cut position, partial cut
    return out;
}

std::vector<std::uint8_t> statusQuery(int n) {
    return {kDle, kEot, static_cast<std::uint8_t>(n)};
}

std::optional<PrinterStatus> parseStatusReplies(std::uint8_t printer, std::uint8_t offlineCause,
                                                std::uint8_t paper) {
    if (!hasFixedBits(printer) || !hasFixedBits(offlineCause) || !hasFixedBits(paper)) return std::nullopt;
    PrinterStatus status;
    status.online = (printer & 0x08) == 0;          // n=1 bit 3: offline
    status.coverOpen = (offlineCause & 0x04) != 0;  // n=2 bit 2: cover open
    // n=4 bits 2-3: roll near its end; bits 5-6: no paper. Some clones set only one bit of each
    // pair, so either bit counts.
    status.paperLow = (paper & 0x0C) != 0;
    status.paperOut = (paper & 0x60) != 0 || (offlineCause & 0x20) != 0;  // n=2 bit 5: stopped, paper end
    return status;
}

}  // namespace devices
