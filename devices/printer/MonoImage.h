// A 1-bit picture as a thermal printer takes it: rows packed MSB-first, a set bit is a black dot.
// This is exactly the data layout of ESC/POS "GS v 0", so encoding is a copy, not a conversion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace devices {

struct MonoImage {
    int width = 0;                   // dots across the paper
    int height = 0;                  // dot rows
    std::vector<std::uint8_t> bits;  // height * bytesPerRow(), bit 7 of byte 0 is the top-left dot

    MonoImage() = default;
    MonoImage(int w, int h) : width(w), height(h), bits(static_cast<std::size_t>(bytesPerRow()) * h) {}

    int bytesPerRow() const { return (width + 7) / 8; }
    bool black(int x, int y) const { return (bits[index(x, y)] & (0x80u >> (x % 8))) != 0; }
    void setBlack(int x, int y) { bits[index(x, y)] |= static_cast<std::uint8_t>(0x80u >> (x % 8)); }

    bool operator==(const MonoImage&) const = default;

private:
    std::size_t index(int x, int y) const {
        return static_cast<std::size_t>(y) * static_cast<std::size_t>(bytesPerRow()) +
               static_cast<std::size_t>(x / 8);
    }
};

}  // namespace devices
