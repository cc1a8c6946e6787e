#include "devices/printer/EscPos.h"

#include "PrinterTestSupport.h"

#include <gtest/gtest.h>

namespace {

using devices::MonoImage;

TEST(EscPos, SmallRasterIsResetOneBandFeedAndPartialCut) {
    MonoImage image(10, 2);  // 2 bytes per row; the last 6 bits of each row are padding
    image.setBlack(0, 0);
    image.setBlack(9, 0);
    image.setBlack(4, 1);
    const std::vector<std::uint8_t> expected{0x1B, 0x40,  // ESC @
                                             0x1D, 0x76, 0x30, 0x00,
                                             0x02, 0x00, 0x02, 0x00,   // GS v 0, m=0, 2 bytes x 2 rows
                                             0x80, 0x40, 0x08, 0x00,   // the dots, MSB first
                                             0x1B, 0x64, 0x03,         // ESC d 3
                                             0x1D, 0x56, 0x42, 0x00};  // GS V 66 0
    EXPECT_EQ(devices::encodeEscPos(image), expected);
}

TEST(EscPos, TallRasterIsSplitIntoBandsThatReassembleExactly) {
    MonoImage image(24, 600);
    for (int y = 0; y < image.height; ++y)
        image.setBlack((y * 7) % image.width, y);
    const auto bytes = devices::encodeEscPos(image);

    int bands = 0;
    std::vector<int> rows;
    for (std::size_t i = 0; i + 8 <= bytes.size(); ++i) {
        if (bytes[i] == 0x1D && bytes[i + 1] == 'v' && bytes[i + 2] == '0') {
            ++bands;
            rows.push_back(bytes[i + 6] | (bytes[i + 7] << 8));
            i += 7 + 3u * static_cast<std::size_t>(rows.back());
        }
    }
    EXPECT_EQ(bands, 3);
    EXPECT_EQ(rows, (std::vector<int>{255, 255, 90}));
    const auto decoded = devices::test::decodeRasterBands(bytes);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, image);
}

TEST(EscPos, StatusQueriesAreDleEotN) {
    EXPECT_EQ(devices::statusQuery(1), (std::vector<std::uint8_t>{0x10, 0x04, 0x01}));
    EXPECT_EQ(devices::statusQuery(4), (std::vector<std::uint8_t>{0x10, 0x04, 0x04}));
}

TEST(EscPos, StatusRepliesAreParsedBitByBit) {
    struct Case {
        const char* what;
        std::uint8_t printer, offlineCause, paper;
        devices::PrinterStatus expected;
    };
    const Case cases[] = {
        {"all well", 0x12, 0x12, 0x12, {true, false, false, false}},
        {"drawer pin high is not an error", 0x16, 0x12, 0x12, {true, false, false, false}},
        {"paper near end, both bits", 0x12, 0x12, 0x1E, {true, false, true, false}},
        {"paper near end, one bit (clone)", 0x12, 0x12, 0x16, {true, false, true, false}},
        {"paper out", 0x1E, 0x32, 0x72, {false, true, false, false}},
        {"paper out seen only as stop cause", 0x1E, 0x32, 0x12, {false, true, false, false}},
        {"cover open", 0x1E, 0x16, 0x12, {false, false, false, true}},
        {"offline, other error", 0x1E, 0x52, 0x12, {false, false, false, false}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const auto status = devices::parseStatusReplies(c.printer, c.offlineCause, c.paper);
        ASSERT_TRUE(status.has_value());
        EXPECT_EQ(*status, c.expected);
    }
}

TEST(EscPos, BytesWithoutTheFixedBitsAreNotAStatus) {
    EXPECT_FALSE(devices::parseStatusReplies(0x00, 0x12, 0x12).has_value());
    EXPECT_FALSE(devices::parseStatusReplies(0x12, 0xFF, 0x12).has_value());
    EXPECT_FALSE(devices::parseStatusReplies(0x12, 0x12, 'A').has_value());  // an echo, not a printer
}

}  // namespace
