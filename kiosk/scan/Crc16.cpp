#include "kiosk/scan/Crc16.h"

namespace kiosk::scan {

std::uint16_t crc16CcittFalse(std::string_view bytes) {
    std::uint16_t crc = 0xFFFF;
    for (const char c : bytes) {
        crc ^= static_cast<std::uint16_t>(static_cast<unsigned char>(c) << 8);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 0x8000u) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021u)
                                  : static_cast<std::uint16_t>(crc << 1);
        }
    }
    return crc;
}

std::string crc16Hex(std::uint16_t crc) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out(4, '0');
    for (int i = 3; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[crc & 0xFu];
        crc = static_cast<std::uint16_t>(crc >> 4);
    }
    return out;
}

}  // namespace kiosk::scan
