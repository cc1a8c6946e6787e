// The take-home guide slip: its bytes against a checked-in file, the 40 cm limit (the steps give
// way, the safety rules never do), every shipped walkthrough's slip in both languages, and PNGs of
// them under printer-output/ for a person to look at.
#include "devices/printer/GuideSlipRaster.h"

#include "devices/printer/EscPos.h"
#include "devices/printer/TicketPrinter.h"
#include "kiosk/content/ContentLoader.h"
#include "kiosk/i18n/Catalogue.h"

#include "PrinterTestSupport.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using devices::MonoImage;

const fs::path kExpectedBytes = fs::path(PRINTER_TEST_DATA_DIR) / "guide_80mm.bin";
const fs::path kOutputDir = PRINTER_TEST_OUTPUT_DIR;
const fs::path kAssets = KIOSK_ASSETS_DIR;

MonoImage render(const kiosk::content::GuideSlip& slip, int width = devices::kPaper80mmDots) {
    auto raster = devices::renderGuideSlipRaster(slip, width);
    EXPECT_TRUE(raster.ok()) << (raster.ok() ? "" : raster.error().message);
    return raster.ok() ? *raster : MonoImage{};
}

int blackDots(const MonoImage& image, int fromRow = 0) {
    int count = 0;
    for (int y = fromRow; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            count += image.black(x, y) ? 1 : 0;
    return count;
}

bool sameRows(const MonoImage& a, int fromA, const MonoImage& b, int fromB, int rows) {
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < a.width; ++x)
            if (a.black(x, fromA + y) != b.black(x, fromB + y)) return false;
    return true;
}

double centimetres(const MonoImage& image) {
    return image.height / (10.0 * devices::kPrinterDotsPerMm);
}

// The checked-in bytes pin the whole chain (font, layout, threshold, ESC/POS framing).
// After an intended change, regenerate with KIOSK_UPDATE_EXPECTED=1 and look at the PNG.
TEST(GuideSlip, FixedSlipBytesMatchTheExpectedFile) {
    const MonoImage raster = render(devices::test::fixedGuideSlip());
    const auto bytes = devices::encodeEscPos(raster);
    ASSERT_TRUE(devices::test::writePng(raster, kOutputDir / "guide_80mm.png"));
    EXPECT_TRUE(devices::test::matchesExpectedFile(bytes, kExpectedBytes, kOutputDir / "guide_80mm.png"));
    const auto decoded = devices::test::decodeRasterBands(bytes);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, raster);
    EXPECT_LE(raster.height, devices::kMaxGuideSlipDots);
    std::printf("fixed guide slip: %.1f cm on 80 mm paper\n", centimetres(raster));
}

TEST(GuideSlip, VietnameseMarksAreDrawn) {
    auto plain = devices::test::fixedGuideSlip();
    plain.centre = "UBND xa Mau Thu";
    const MonoImage marked = render(devices::test::fixedGuideSlip());
    const MonoImage unmarked = render(plain);
    ASSERT_EQ(marked.height, unmarked.height);
    EXPECT_GT(blackDots(marked), blackDots(unmarked));
}

TEST(GuideSlip, EachStepAddsANumberedLine) {
    auto fewer = devices::test::fixedGuideSlip();
    fewer.steps.pop_back();
    const MonoImage all = render(devices::test::fixedGuideSlip());
    const MonoImage less = render(fewer);
    EXPECT_GT(all.height, less.height);
    // The part under the steps (safety rules, footer) is the same, dot for dot.
    const int tail = less.height / 3;
    EXPECT_TRUE(sameRows(all, all.height - tail, less, less.height - tail, tail));
}

TEST(GuideSlip, NeverLongerThanFortyCentimetresAndTheSafetyRulesStay) {
    auto endless = devices::test::fixedGuideSlip();
    for (int i = 0; i < 200; ++i)
        endless.steps.push_back(
            "Một bước rất dài để thử xem tờ hướng dẫn có bị cắt cho vừa 40 cm hay không, số " +
            std::to_string(i));
    for (const int width : {devices::kPaper58mmDots, devices::kPaper80mmDots}) {
        SCOPED_TRACE(width);
        const MonoImage cut = render(endless, width);
        EXPECT_LE(cut.height, devices::kMaxGuideSlipDots);
        EXPECT_GT(cut.height, devices::kMaxGuideSlipDots * 9 / 10);  // it used the paper it had
        // The "see the rest on the kiosk" line is printed, so the cut is visible to the citizen.
        auto otherMore = endless;
        otherMore.moreSteps = "… xem tiếp";
        EXPECT_NE(cut, render(otherMore, width));
        // The safety rules and footer end the slip, as on a short one.
        const MonoImage shortSlip = render(devices::test::fixedGuideSlip(), width);
        const int tail = shortSlip.height / 3;
        EXPECT_TRUE(sameRows(cut, cut.height - tail, shortSlip, shortSlip.height - tail, tail));
        if (width == devices::kPaper80mmDots) devices::test::writePng(cut, kOutputDir / "guide_80mm_cut.png");
    }
}

TEST(GuideSlip, ErrorsAreNamed) {
    devices::TicketFonts fonts;
    fonts.regular = "/nonexistent/NotoSans-Regular.ttf";
    const auto noFont = devices::renderGuideSlipRaster(devices::test::fixedGuideSlip(), 576, fonts);
    ASSERT_FALSE(noFont.ok());
    EXPECT_EQ(noFont.error().code, "printer.font");
    const auto narrow = devices::renderGuideSlipRaster(devices::test::fixedGuideSlip(), 40);
    ASSERT_FALSE(narrow.ok());
    EXPECT_EQ(narrow.error().code, "printer.width");
}

TEST(GuideSlip, PrintedToAFileAsEscPosRaster) {
    const auto path =
        fs::path(::testing::TempDir()) / ("guide-printer-" + std::to_string(::getpid()) + ".bin");
    auto address = devices::parsePrinterAddress("file:" + path.string());
    ASSERT_TRUE(address.ok());
    const auto report = devices::printGuideSlip(*address, devices::test::fixedGuideSlip());
    EXPECT_TRUE(report.sent) << report.detail;
    EXPECT_EQ(devices::test::readFile(path), devices::encodeEscPos(render(devices::test::fixedGuideSlip())));
    fs::remove(path);
}

// Every shipped walkthrough, in both languages and on both papers, fits in 40 cm with every key
// step on it (nothing cut); the longest is reported, and the Vietnamese 80 mm slips are saved.
TEST(GuideSlip, EveryShippedWalkthroughFitsWithAllItsSteps) {
    const auto library = kiosk::content::loadContentDir(kAssets / "content", kAssets / "images");
    ASSERT_TRUE(library.problems.empty());
    std::vector<kiosk::i18n::CatalogueProblem> problems;
    const auto catalogue = kiosk::i18n::Catalogue::loadDir(kAssets / "i18n", problems);
    ASSERT_TRUE(problems.empty());
    const kiosk::content::SlipCentre centre{"Trung tâm phục vụ hành chính công xã Mẫu Thử",
                                            "Thứ Hai – Thứ Sáu, 7:30 – 11:30, 13:30 – 17:00"};
    double longest = 0;
    std::string longestName;
    for (const auto& walkthrough : library.walkthroughs) {
        for (const auto language : {kiosk::i18n::Language::Vi, kiosk::i18n::Language::En}) {
            const auto slip =
                kiosk::content::makeGuideSlip(walkthrough, {}, catalogue, language, centre, "03/12/2026");
            auto withoutMore = slip;
            withoutMore.moreSteps = "SHOULD NOT BE PRINTED";
            for (const int width : {devices::kPaper58mmDots, devices::kPaper80mmDots}) {
                SCOPED_TRACE(walkthrough.id + " " + std::to_string(width));
                const MonoImage image = render(slip, width);
                EXPECT_LE(image.height, devices::kMaxGuideSlipDots);
                // Nothing was cut: the same slip with another "more" text renders identically.
                EXPECT_EQ(image, render(withoutMore, width));
                if (centimetres(image) > longest) {
                    longest = centimetres(image);
                    longestName = walkthrough.id + (language == kiosk::i18n::Language::Vi ? " vi " : " en ") +
                                  std::to_string(width) + " dots";
                }
                if (width == devices::kPaper80mmDots && language == kiosk::i18n::Language::Vi) {
                    devices::test::writePng(image, kOutputDir / ("guide_" + walkthrough.id + ".png"));
                }
            }
        }
    }
    std::printf("longest guide slip: %.1f cm (%s)\n", longest, longestName.c_str());
    EXPECT_LE(longest, 40.0);
}

}  // namespace
