#include "devices/printer/PrinterConnection.h"

#include "PrinterTestSupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

namespace {

using devices::PrinterKind;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

devices::PrinterConnection openOrFail(std::string_view text, std::chrono::milliseconds timeout = 2000ms) {
    const auto address = devices::parsePrinterAddress(text);
    if (!address) throw std::runtime_error(address.error().message);
    auto connection = devices::PrinterConnection::open(*address, timeout);
    if (!connection) throw std::runtime_error(connection.error().message);
    return std::move(connection).value();
}

// A port on 127.0.0.1 that nothing listens on: bound, then released.
int closedLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

TEST(PrinterAddress, OneStringChoosesFileDeviceOrTcp) {
    struct Case {
        const char* text;
        PrinterKind kind;
        const char* path;
        const char* host;
        int port;
    };
    for (const Case& c : {Case{"file:/tmp/out.bin", PrinterKind::File, "/tmp/out.bin", "", 9100},
                          Case{"/dev/usb/lp0", PrinterKind::Device, "/dev/usb/lp0", "", 9100},
                          Case{"tcp:192.168.1.50:9100", PrinterKind::Tcp, "", "192.168.1.50", 9100},
                          Case{"tcp:10.0.0.7:9101", PrinterKind::Tcp, "", "10.0.0.7", 9101},
                          Case{"tcp:10.0.0.7", PrinterKind::Tcp, "", "10.0.0.7", 9100}}) {
        SCOPED_TRACE(c.text);
        const auto address = devices::parsePrinterAddress(c.text);
        ASSERT_TRUE(address.ok()) << address.error().message;
        EXPECT_EQ(address->kind, c.kind);
        EXPECT_EQ(address->path, c.path);
        EXPECT_EQ(address->host, c.host);
        EXPECT_EQ(address->port, c.port);
    }
}

TEST(PrinterAddress, AnythingElseIsRejectedWithTheAcceptedForms) {
    for (const char* text :
         {"", "printer", "file:", "/dev/", "tcp:", "tcp:printer.local:9100", "tcp:10.0.0.7:0",
          "tcp:10.0.0.7:70000", "tcp:10.0.0.7:91x", "tcp:10.0.0.7:", "usb:lp0"}) {
        SCOPED_TRACE(text);
        const auto address = devices::parsePrinterAddress(text);
        ASSERT_FALSE(address.ok());
        EXPECT_EQ(address.error().code, "printer.bad_address");
        EXPECT_NE(address.error().message.find("tcp:192.168.1.50:9100"), std::string::npos);
    }
}

TEST(PrinterConnection, FileGetsTheBytesAndCannotTellItsStatus) {
    const auto path = std::filesystem::path(::testing::TempDir()) /
                      ("printer-connection-" + std::to_string(::getpid()) + ".bin");
    {
        auto connection = openOrFail("file:" + path.string());
        const std::vector<std::uint8_t> bytes{0x1B, 0x40, 0x00, 0xFF};
        ASSERT_TRUE(connection.write(bytes).ok());
        EXPECT_FALSE(connection.queryStatus().has_value());
    }
    EXPECT_EQ(devices::test::readFile(path), (std::vector<std::uint8_t>{0x1B, 0x40, 0x00, 0xFF}));
    std::filesystem::remove(path);
}

TEST(PrinterConnection, MissingDeviceIsUnreachableWithAdvice) {
    const auto connection = devices::PrinterConnection::open(
        devices::PrinterAddress{PrinterKind::Device, "/dev/usb/lp-commune-kiosk-test-absent", "", 9100});
    ASSERT_FALSE(connection.ok());
    EXPECT_EQ(connection.error().code, "printer.unreachable");
    EXPECT_NE(connection.error().message.find("USB"), std::string::npos);
}

TEST(PrinterConnection, TcpStatusComesFromTheDleEotAnswers) {
    devices::test::LoopbackPrinter printer;
    {
        auto connection = openOrFail(printer.address());
        const auto ready = connection.queryStatus();
        ASSERT_TRUE(ready.has_value());
        EXPECT_EQ(ready->state(), devices::PrinterState::Ready);
        printer.answerPaperOut();
        const auto empty = connection.queryStatus();
        ASSERT_TRUE(empty.has_value());
        EXPECT_TRUE(empty->paperOut);
        EXPECT_FALSE(empty->online);
        EXPECT_EQ(empty->state(), devices::PrinterState::PaperOut);
    }
    const auto received = printer.receivedAfterClose();
    EXPECT_EQ(received, (std::vector<std::uint8_t>{0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4,  //
                                                   0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4}));
}

TEST(PrinterConnection, SilentPrinterGivesNoStatusAfterOneTimeout) {
    devices::test::LoopbackPrinter printer(devices::test::LoopbackPrinter::Behaviour::Silent);
    auto connection = openOrFail(printer.address(), 300ms);
    const auto start = Clock::now();
    EXPECT_FALSE(connection.queryStatus().has_value());
    const auto elapsed = Clock::now() - start;
    EXPECT_GE(elapsed, 250ms);
    EXPECT_LT(elapsed, 800ms);  // one timeout, not three (900 ms)
}

TEST(PrinterConnection, RefusedConnectionIsUnreachable) {
    const auto address =
        devices::parsePrinterAddress("tcp:127.0.0.1:" + std::to_string(closedLoopbackPort()));
    ASSERT_TRUE(address.ok());
    const auto connection = devices::PrinterConnection::open(*address, 500ms);
    ASSERT_FALSE(connection.ok());
    EXPECT_EQ(connection.error().code, "printer.unreachable");
}

TEST(PrinterConnection, UnansweredConnectGivesUpAtTheTimeout) {
    devices::test::UnansweredListener listener;
    const auto address = devices::parsePrinterAddress(listener.address());
    ASSERT_TRUE(address.ok());
    const auto start = Clock::now();
    const auto connection = devices::PrinterConnection::open(*address, 300ms);
    const auto elapsed = Clock::now() - start;
    ASSERT_FALSE(connection.ok());
    EXPECT_EQ(connection.error().code, "printer.timeout");
    EXPECT_GE(elapsed, 250ms);
    EXPECT_LT(elapsed, 1000ms);
}

TEST(PrinterConnection, PrinterThatStopsReadingTimesOutTheWrite) {
    devices::test::LoopbackPrinter printer(devices::test::LoopbackPrinter::Behaviour::NeverRead);
    auto connection = openOrFail(printer.address(), 300ms);
    const std::vector<std::uint8_t> bytes(64u << 20, 0x00);  // far more than any socket buffer
    const auto start = Clock::now();
    const auto written = connection.write(bytes);
    const auto elapsed = Clock::now() - start;
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "printer.timeout");
    EXPECT_LT(elapsed, 3000ms);
}

}  // namespace
