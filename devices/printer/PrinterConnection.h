// A byte pipe to the ticket printer: a file (tests, dry runs), a USB line-printer device
// (/dev/usb/lpN) or a network printer (raw TCP, port 9100). Blocking with hard timeouts: call it
// from a worker thread, never the UI thread; no single step waits longer than `timeout`.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "devices/printer/PrinterStatus.h"
#include "kiosk/Result.h"

namespace devices {

inline constexpr std::chrono::milliseconds kPrinterTimeout{2000};

enum class PrinterKind { File, Device, Tcp };

struct PrinterAddress {
    PrinterKind kind = PrinterKind::File;
    std::string path;  // File, Device
    std::string host;  // Tcp: a numeric IPv4 address (a DNS lookup cannot be bounded in time)
    int port = 9100;   // Tcp
};

// "file:/tmp/out.bin", "/dev/usb/lp0", "tcp:192.168.1.50:9100" or "tcp:192.168.1.50" (port 9100).
// Error "printer.bad_address" with a message that shows the accepted forms.
kiosk::Result<PrinterAddress> parsePrinterAddress(std::string_view text);

class PrinterConnection {
public:
    // Files are created or truncated. Errors: "printer.unreachable", "printer.timeout".
    static kiosk::Result<PrinterConnection> open(const PrinterAddress& address,
                                                 std::chrono::milliseconds timeout = kPrinterTimeout);

    PrinterConnection(PrinterConnection&& other) noexcept;
    PrinterConnection& operator=(PrinterConnection&& other) noexcept;
    PrinterConnection(const PrinterConnection&) = delete;
    PrinterConnection& operator=(const PrinterConnection&) = delete;
    ~PrinterConnection();

    // Writes everything. A printer drains its buffer at print speed, so the timeout applies to
    // each stall (no byte accepted for `timeout`), not to the whole job.
    // Errors: "printer.timeout", "printer.write".
    kiosk::Status write(std::span<const std::uint8_t> bytes);

    // DLE EOT 1, 2, 4. nullopt when the printer cannot answer (files, one-way devices) or does
    // not answer within the timeout.
    std::optional<PrinterStatus> queryStatus();

private:
    PrinterConnection(int fd, PrinterKind kind, std::chrono::milliseconds timeout)
        : fd_(fd), kind_(kind), timeout_(timeout) {}
    std::optional<std::uint8_t> ask(int n);

    int fd_ = -1;
    PrinterKind kind_ = PrinterKind::File;
    std::chrono::milliseconds timeout_;
};

}  // namespace devices
