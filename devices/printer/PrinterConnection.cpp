#include "devices/printer/PrinterConnection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include "devices/printer/EscPos.h"

namespace devices {

namespace {

using Clock = std::chrono::steady_clock;

kiosk::Error badAddress(std::string_view text) {
    return kiosk::Error{
        "printer.bad_address",
        "the printer address \"" + std::string(text) +
            "\" is not understood: use file:/path/out.bin, /dev/usb/lp0 or tcp:192.168.1.50:9100"};
}

std::string systemMessage(int error) {
    return std::strerror(error);
}

// Waits until fd is ready for `events`. 1 ready, 0 timed out, -1 error (errno set).
int waitFor(int fd, short events, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(std::max<long long>(0, left.count())));
        if (ready < 0 && errno == EINTR) continue;
        if (ready > 0 && (entry.revents & (POLLERR | POLLNVAL)) != 0 && (entry.revents & events) == 0) {
            errno = EIO;
            return -1;
        }
        return ready > 0 ? 1 : ready;
    }
}

kiosk::Result<int> connectTcp(const PrinterAddress& address, std::chrono::milliseconds timeout) {
    const std::string where = address.host + ":" + std::to_string(address.port);
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(static_cast<std::uint16_t>(address.port));
    if (::inet_pton(AF_INET, address.host.c_str(), &peer.sin_addr) != 1) return badAddress(address.host);

    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return kiosk::Error{"printer.unreachable", "cannot open a network socket: " + systemMessage(errno)};
    int result = ::connect(fd, reinterpret_cast<const sockaddr*>(&peer), sizeof peer);
    if (result != 0 && errno == EINPROGRESS) {
        const int ready = waitFor(fd, POLLOUT, timeout);
        if (ready == 0) {
            ::close(fd);
            return kiosk::Error{"printer.timeout",
                                "the printer at " + where + " did not answer within " +
                                    std::to_string(timeout.count()) +
                                    " ms: check that it is switched on and on the network"};
        }
        int error = 0;
        socklen_t length = sizeof error;
        if (ready < 0)
            error = errno;
        else if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
            error = errno;
        result = error == 0 ? 0 : -1;
        errno = error;
    }
    if (result != 0) {
        const int error = errno;
        ::close(fd);
        return kiosk::Error{"printer.unreachable", "cannot connect to the printer at " + where + ": " +
                                                       systemMessage(error) +
                                                       "; check the address and that the printer is on"};
    }
    return fd;
}

}  // namespace

kiosk::Result<PrinterAddress> parsePrinterAddress(std::string_view text) {
    PrinterAddress address;
    if (text.starts_with("file:") && text.size() > 5) {
        address.kind = PrinterKind::File;
        address.path = std::string(text.substr(5));
        return address;
    }
    if (text.starts_with("/dev/") && text.size() > 5) {
        address.kind = PrinterKind::Device;
        address.path = std::string(text);
        return address;
    }
    if (text.starts_with("tcp:")) {
        std::string_view rest = text.substr(4);
        address.kind = PrinterKind::Tcp;
        const std::size_t colon = rest.find(':');
        address.host = std::string(rest.substr(0, colon));
        if (colon != std::string_view::npos) {
            const std::string_view port = rest.substr(colon + 1);
            const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), address.port);
            if (error != std::errc{} || end != port.data() + port.size() || address.port < 1 ||
                address.port > 65535) {
                return badAddress(text);
            }
        }
        in_addr parsed{};
        if (::inet_pton(AF_INET, address.host.c_str(), &parsed) != 1) return badAddress(text);
        return address;
    }
    return badAddress(text);
}

kiosk::Result<PrinterConnection> PrinterConnection::open(const PrinterAddress& address,
                                                         std::chrono::milliseconds timeout) {
    if (address.kind == PrinterKind::Tcp) {
        auto fd = connectTcp(address, timeout);
        if (!fd) return fd.error();
        return PrinterConnection(*fd, address.kind, timeout);
    }
    // Non-blocking even for the lp device: a printer that stops taking data must not hang us.
    const int flags = address.kind == PrinterKind::File ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
                                                        : O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int fd = ::open(address.path.c_str(), flags, 0644);
    if (fd < 0 && address.kind == PrinterKind::Device && (errno == EACCES || errno == EINVAL)) {
        fd = ::open(address.path.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);  // write-only device
    }
    if (fd < 0) {
        const int error = errno;
        const std::string advice = address.kind == PrinterKind::Device
                                       ? "; check the USB cable, that the printer is on, and that the kiosk "
                                         "user is in the lp group"
                                       : "";
        return kiosk::Error{"printer.unreachable",
                            "cannot open " + address.path + ": " + systemMessage(error) + advice};
    }
    return PrinterConnection(fd, address.kind, timeout);
}

PrinterConnection::PrinterConnection(PrinterConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), kind_(other.kind_), timeout_(other.timeout_) {}

PrinterConnection& PrinterConnection::operator=(PrinterConnection&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        kind_ = other.kind_;
        timeout_ = other.timeout_;
    }
    return *this;
}

PrinterConnection::~PrinterConnection() {
    if (fd_ >= 0) ::close(fd_);
}

kiosk::Status PrinterConnection::write(std::span<const std::uint8_t> bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written = kind_ == PrinterKind::Tcp
                                    ? ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL)
                                    : ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (written > 0) {
            done += static_cast<std::size_t>(written);
            continue;
        }
        if (written < 0 && errno == EINTR) continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const int ready = waitFor(fd_, POLLOUT, timeout_);
            if (ready > 0) continue;
            if (ready == 0) {
                return kiosk::Error{"printer.timeout",
                                    "the printer stopped taking data (" + std::to_string(done) + " of " +
                                        std::to_string(bytes.size()) + " bytes sent): check paper and cover"};
            }
        }
        const int error = written < 0 ? errno : EIO;  // write() returning 0 sets no errno
        return kiosk::Error{"printer.write",
                            "sending the ticket to the printer failed: " + systemMessage(error)};
    }
    return kiosk::success();
}

std::optional<std::uint8_t> PrinterConnection::ask(int n) {
    const std::vector<std::uint8_t> query = statusQuery(n);
    if (!write(query).ok()) return std::nullopt;
    if (waitFor(fd_, POLLIN, timeout_) <= 0) return std::nullopt;
    std::uint8_t reply = 0;
    const ssize_t got = ::read(fd_, &reply, 1);
    if (got != 1) return std::nullopt;
    return reply;
}

std::optional<PrinterStatus> PrinterConnection::queryStatus() {
    if (kind_ == PrinterKind::File) return std::nullopt;
    // Drop anything the printer sent unasked (some send a status byte on power-up), so each
    // answer is read against its own question.
    std::uint8_t stale[64];
    while (waitFor(fd_, POLLIN, std::chrono::milliseconds(0)) > 0 && ::read(fd_, stale, sizeof stale) > 0) {
    }
    const auto printer = ask(1);
    if (!printer) return std::nullopt;  // one silence is enough: do not wait three timeouts
    const auto offlineCause = ask(2);
    const auto paper = offlineCause ? ask(4) : std::nullopt;
    if (!paper) return std::nullopt;
    return parseStatusReplies(*printer, *offlineCause, *paper);
}

}  // namespace devices
