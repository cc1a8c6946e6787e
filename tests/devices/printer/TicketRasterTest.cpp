#include "devices/printer/TicketRaster.h"

#include "PrinterTestSupport.h"

#include <gtest/gtest.h>

namespace {

using devices::MonoImage;

MonoImage render(const devices::TicketPrintout& printout, int width = devices::kPaper80mmDots) {
    auto raster = devices::renderTicketRaster(printout, width);
    EXPECT_TRUE(raster.ok()) << (raster.ok() ? "" : raster.error().message);
    return raster.ok() ? *raster : MonoImage{};
}

int blackDots(const MonoImage& image) {
    int count = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            count += image.black(x, y) ? 1 : 0;
    return count;
}

// True when no dot is black in the outer `columns` on either side.
bool sidesAreWhite(const MonoImage& image, int columns) {
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < columns; ++x) {
            if (image.black(x, y) || image.black(image.width - 1 - x, y)) return false;
        }
    }
    return true;
}

// Rows [first, last] where two same-width images differ; {-1, -1} when equal.
std::pair<int, int> differingRows(const MonoImage& a, const MonoImage& b) {
    int first = -1, last = -1;
    for (int y = 0; y < std::min(a.height, b.height); ++y) {
        for (int x = 0; x < a.width; ++x) {
            if (a.black(x, y) != b.black(x, y)) {
                if (first < 0) first = y;
                last = y;
                break;
            }
        }
    }
    return {first, last};
}

TEST(TicketRaster, FillsThePaperWidthAndKeepsTheMarginsWhite) {
    for (const int width : {devices::kPaper58mmDots, devices::kPaper80mmDots}) {
        SCOPED_TRACE(width);
        const MonoImage image = render(devices::test::fixedTicket(), width);
        EXPECT_EQ(image.width, width);
        EXPECT_GT(image.height, width / 2);  // five blocks of text and a big number
        EXPECT_LT(image.height, width * 2);  // but a short slip, not a roll
        EXPECT_GT(blackDots(image), image.width * image.height / 50);
        EXPECT_TRUE(sidesAreWhite(image, width / 48));
    }
}

TEST(TicketRaster, TheNumberIsPrintedLarge) {
    auto other = devices::test::fixedTicket();
    other.numberLabel = "A013";
    const MonoImage a = render(devices::test::fixedTicket());
    const MonoImage b = render(other);
    ASSERT_EQ(a.height, b.height);
    const auto [first, last] = differingRows(a, b);
    ASSERT_GE(first, 0);
    // The digits differ over most of their height: at least 1/6 of the paper width (~12 mm).
    EXPECT_GE(last - first, a.width / 6);
}

TEST(TicketRaster, VietnameseDiacriticsAreDrawn) {
    auto plain = devices::test::fixedTicket();
    plain.commune = "UBND xa Mau Thu";
    const MonoImage marked = render(devices::test::fixedTicket());
    const MonoImage unmarked = render(plain);
    ASSERT_EQ(marked.height, unmarked.height);
    // Same letters, so the difference is the marks: more ink, in the commune line only.
    EXPECT_GT(blackDots(marked), blackDots(unmarked));
    const auto [first, last] = differingRows(marked, unmarked);
    ASSERT_GE(first, 0);
    EXPECT_LT(last, marked.height / 4);
}

TEST(TicketRaster, DecomposedMarksStillPrintAsMarks) {
    auto decomposed = devices::test::fixedTicket();
    auto bare = devices::test::fixedTicket();
    auto composed = devices::test::fixedTicket();
    composed.commune = "Thử";
    decomposed.commune = "Thu\u031B\u0309";  // u + horn + hook above (NFD)
    bare.commune = "Thu";
    const int composedInk = blackDots(render(composed));
    const int decomposedInk = blackDots(render(decomposed));
    const int bareInk = blackDots(render(bare));
    EXPECT_GT(decomposedInk, bareInk);
    // Not a tofu box: about the ink of the precomposed letter.
    EXPECT_NEAR(decomposedInk, composedInk, (composedInk - bareInk) / 2);
}

TEST(TicketRaster, LongTextWrapsInsteadOfRunningOffThePaper) {
    auto longer = devices::test::fixedTicket();
    longer.serviceName = "Đăng ký khai sinh, khai tử, kết hôn và cấp bản sao trích lục hộ tịch";
    const MonoImage normal = render(devices::test::fixedTicket(), devices::kPaper58mmDots);
    const MonoImage wrapped = render(longer, devices::kPaper58mmDots);
    EXPECT_GT(wrapped.height, normal.height);
    EXPECT_TRUE(sidesAreWhite(wrapped, wrapped.width / 48));
}

TEST(TicketRaster, LongNumberShrinksToFitOnOneLine) {
    auto longer = devices::test::fixedTicket();
    longer.numberLabel = "A012-B345-C678";
    const MonoImage normal = render(devices::test::fixedTicket(), devices::kPaper58mmDots);
    const MonoImage shrunk = render(longer, devices::kPaper58mmDots);
    EXPECT_LT(shrunk.height, normal.height);  // smaller type, still one line
    EXPECT_TRUE(sidesAreWhite(shrunk, shrunk.width / 48));
}

TEST(TicketRaster, EmptyLinesTakeNoSpace) {
    auto shorter = devices::test::fixedTicket();
    shorter.peopleAheadText.clear();
    EXPECT_LT(render(shorter).height, render(devices::test::fixedTicket()).height);
}

TEST(TicketRaster, MissingFontIsANamedError) {
    devices::TicketFonts fonts;
    fonts.bold = "/nonexistent/NotoSans-Bold.ttf";
    const auto raster = devices::renderTicketRaster(devices::test::fixedTicket(), 384, fonts);
    ASSERT_FALSE(raster.ok());
    EXPECT_EQ(raster.error().code, "printer.font");
    EXPECT_NE(raster.error().message.find("fonts-noto-core"), std::string::npos);
}

TEST(TicketRaster, TooNarrowPaperIsANamedError) {
    const auto raster = devices::renderTicketRaster(devices::test::fixedTicket(), 40);
    ASSERT_FALSE(raster.ok());
    EXPECT_EQ(raster.error().code, "printer.width");
}

}  // namespace
