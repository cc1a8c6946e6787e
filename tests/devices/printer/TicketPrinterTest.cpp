#include "devices/printer/TicketPrinter.h"

#include "devices/printer/EscPos.h"

#include "PrinterTestSupport.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

const fs::path kExpectedBytes = fs::path(PRINTER_TEST_DATA_DIR) / "ticket_58mm.bin";
const fs::path kOutputDir = PRINTER_TEST_OUTPUT_DIR;

std::vector<std::uint8_t> fixedTicketBytes(int width) {
    const auto raster = devices::renderTicketRaster(devices::test::fixedTicket(), width);
    if (!raster) throw std::runtime_error(raster.error().message);
    return devices::encodeEscPos(*raster);
}

devices::PrinterAddress address(const std::string& text) {
    auto parsed = devices::parsePrinterAddress(text);
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return *parsed;
}

// The checked-in bytes pin the whole chain (font, layout, threshold, ESC/POS framing).
// After an intended change, regenerate with KIOSK_UPDATE_EXPECTED=1 and look at the PNG.
TEST(TicketPrinter, FixedTicketBytesMatchTheExpectedFile) {
    EXPECT_TRUE(devices::test::matchesExpectedFile(fixedTicketBytes(devices::kPaper58mmDots), kExpectedBytes,
                                                   kOutputDir / "ticket_58mm.png"));
}

// What the printer would put on paper, decoded from the bytes themselves, for a person to look at.
TEST(TicketPrinter, BytesDecodeBackToTheRenderedTicketAndAreSavedAsPng) {
    for (const auto& [width, name] : {std::pair{devices::kPaper58mmDots, "ticket_58mm.png"},
                                      std::pair{devices::kPaper80mmDots, "ticket_80mm.png"}}) {
        SCOPED_TRACE(name);
        const auto raster = devices::renderTicketRaster(devices::test::fixedTicket(), width);
        ASSERT_TRUE(raster.ok());
        const auto decoded = devices::test::decodeRasterBands(devices::encodeEscPos(*raster));
        ASSERT_TRUE(decoded.has_value());
        EXPECT_EQ(*decoded, *raster);
        EXPECT_TRUE(devices::test::writePng(*decoded, kOutputDir / name));
        EXPECT_TRUE(fs::file_size(kOutputDir / name) > 0);
    }
}

TEST(TicketPrinter, FileGetsTheTicketAndStatusIsUnknown) {
    const auto path =
        fs::path(::testing::TempDir()) / ("ticket-printer-" + std::to_string(::getpid()) + ".bin");
    const auto report = devices::printTicket(address("file:" + path.string()), devices::test::fixedTicket(),
                                             devices::kPaper58mmDots);
    EXPECT_TRUE(report.sent);
    EXPECT_EQ(report.state, devices::PrinterState::Unknown);
    EXPECT_EQ(report.detail, "");
    EXPECT_EQ(devices::test::readFile(path), fixedTicketBytes(devices::kPaper58mmDots));
    fs::remove(path);
}

TEST(TicketPrinter, NetworkPrinterIsAskedThenGetsTheTicket) {
    devices::test::LoopbackPrinter printer;
    const auto report = devices::printTicket(address(printer.address()), devices::test::fixedTicket());
    EXPECT_TRUE(report.sent);
    EXPECT_EQ(report.state, devices::PrinterState::Ready);
    std::vector<std::uint8_t> expected{0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4};
    const auto ticket = fixedTicketBytes(devices::kPaper80mmDots);
    expected.insert(expected.end(), ticket.begin(), ticket.end());
    EXPECT_TRUE(printer.receivedAfterClose() == expected);
}

TEST(TicketPrinter, PaperOutIsReportedAndNothingIsPrintedLater) {
    devices::test::LoopbackPrinter printer;
    printer.answerPaperOut();
    const auto report = devices::printTicket(address(printer.address()), devices::test::fixedTicket());
    EXPECT_FALSE(report.sent);
    EXPECT_EQ(report.state, devices::PrinterState::PaperOut);
    // Only the three questions went out: no slip waits in the buffer for the next roll.
    EXPECT_EQ(printer.receivedAfterClose(), (std::vector<std::uint8_t>{0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4}));
}

TEST(TicketPrinter, PrinterThatCannotAnswerStillGetsTheTicket) {
    devices::test::LoopbackPrinter printer(devices::test::LoopbackPrinter::Behaviour::Silent);
    const auto report = devices::printTicket(address(printer.address()), devices::test::fixedTicket(),
                                             devices::kPaper58mmDots, 200ms);
    EXPECT_TRUE(report.sent);
    EXPECT_EQ(report.state, devices::PrinterState::Unknown);
    const auto received = printer.receivedAfterClose();
    const auto ticket = fixedTicketBytes(devices::kPaper58mmDots);
    ASSERT_GE(received.size(), ticket.size());
    EXPECT_TRUE(std::equal(ticket.begin(), ticket.end(),
                           received.end() - static_cast<std::ptrdiff_t>(ticket.size())));
}

TEST(TicketPrinter, UnreachablePrinterIsReportedWithoutBlocking) {
    devices::test::UnansweredListener listener;
    const auto start = std::chrono::steady_clock::now();
    const auto report = devices::printTicket(address(listener.address()), devices::test::fixedTicket(),
                                             devices::kPaper58mmDots, 300ms);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
    EXPECT_FALSE(report.sent);
    EXPECT_EQ(report.state, devices::PrinterState::Unreachable);
    EXPECT_NE(report.detail.find("did not answer"), std::string::npos);
}

TEST(TicketPrinter, MissingFontIsReportedBeforeTouchingThePrinter) {
    devices::test::LoopbackPrinter printer;
    devices::TicketFonts fonts;
    fonts.regular = "/nonexistent/NotoSans-Regular.ttf";
    const auto report = devices::printTicket(address(printer.address()), devices::test::fixedTicket(),
                                             devices::kPaper58mmDots, 300ms, fonts);
    EXPECT_FALSE(report.sent);
    EXPECT_NE(report.detail.find("fonts-noto-core"), std::string::npos);
}

}  // namespace
