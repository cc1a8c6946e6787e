// Pure: no I/O. CRC-16/CCITT-FALSE as required by EMVCo merchant-presented QR (field 63):
// polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR. Check value for
// "123456789" is 0x29B1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::scan {

std::uint16_t crc16CcittFalse(std::string_view bytes);
// Four upper-case hex digits, as EMVCo writes the CRC.
std::string crc16Hex(std::uint16_t crc);

}  // namespace kiosk::scan
