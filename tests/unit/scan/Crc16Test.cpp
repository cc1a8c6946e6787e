#include "kiosk/scan/Crc16.h"

#include <gtest/gtest.h>

namespace kiosk::scan {
namespace {

TEST(Crc16, MatchesTheCcittFalseCheckValue) {
    EXPECT_EQ(crc16CcittFalse("123456789"), 0x29B1);
}

TEST(Crc16, EmptyInputIsTheInitialValue) {
    EXPECT_EQ(crc16CcittFalse(""), 0xFFFF);
}

TEST(Crc16, MatchesAnIndependentlyComputedVietQrChecksum) {
    // Computed with a separate Python implementation over a synthetic static VietQR.
    EXPECT_EQ(
        crc16Hex(crc16CcittFalse(
            "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN6304")),
        "E8DB");
}

TEST(Crc16, WritesFourUpperCaseHexDigits) {
    EXPECT_EQ(crc16Hex(0x29B1), "29B1");
    EXPECT_EQ(crc16Hex(0x000A), "000A");
    EXPECT_EQ(crc16Hex(0xABCD), "ABCD");
    EXPECT_EQ(crc16Hex(0), "0000");
}

TEST(Crc16, ChangesWhenOneByteChanges) {
    EXPECT_NE(crc16CcittFalse("123456789"), crc16CcittFalse("123456788"));
}

}  // namespace
}  // namespace kiosk::scan
