#include "PrinterTestSupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace devices::test {

namespace {

int listenOnLoopback(int backlog, int receiveBuffer, int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    if (receiveBuffer > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // never anything but 127.0.0.1
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, backlog) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port = ntohs(address.sin_port);
    return fd;
}

}  // namespace

TicketPrintout fixedTicket() {
    return TicketPrintout{"UBND xã Mẫu Thử", "A012", "Chứng thực bản sao", "08:15 — 23/11/2026",
                          "Còn 4 người trước bạn"};
}

kiosk::content::GuideSlip fixedGuideSlip() {
    kiosk::content::GuideSlip slip;
    slip.centre = "UBND xã Mẫu Thử";
    slip.hours = "Giờ làm việc: Thứ Hai – Thứ Sáu, 7:30 – 11:30, 13:30 – 17:00";
    slip.title = "Kích hoạt VNeID và làm mức 2";
    slip.stepsHeading = "Các bước chính";
    slip.steps = {"Đến Công an cấp xã", "Chờ duyệt bao lâu?", "Tin nhắn báo đã duyệt", "Bắt đầu kích hoạt",
                  "Nhập mã OTP",        "Đặt mật khẩu",       "Đặt passcode 6 số",     "Xong rồi!"};
    slip.moreSteps = "… các bước sau xem tiếp trên kiosk";
    slip.safetyHeading = "Luôn nhớ";
    slip.safetyRules = {
        "Không đưa mật khẩu, mã OTP, passcode cho bất kỳ ai, kể cả người xưng là công an hay ngân hàng.",
        "Không bấm đường link trong tin nhắn, email, Zalo: tự mở ứng dụng hoặc tự gõ địa chỉ.",
        "Tiền đã chuyển thì không hủy được. Bị lừa: gọi ngay tổng đài ngân hàng (số sau thẻ) và báo Công an "
        "xã."};
    slip.footer = "In tại kiosk ngày 03/12/2026";
    return slip;
}

std::optional<MonoImage> decodeRasterBands(std::span<const std::uint8_t> bytes) {
    MonoImage image;
    std::size_t i = 0;
    bool any = false;
    while (i + 8 <= bytes.size()) {
        if (bytes[i] != 0x1D || bytes[i + 1] != 'v' || bytes[i + 2] != '0') {
            ++i;  // other commands (ESC @, ESC d, GS V) are skipped
            continue;
        }
        const int bytesPerRow = bytes[i + 4] | (bytes[i + 5] << 8);
        const int rows = bytes[i + 6] | (bytes[i + 7] << 8);
        const std::size_t size = static_cast<std::size_t>(bytesPerRow) * static_cast<std::size_t>(rows);
        if (bytes[i + 3] != 0 || i + 8 + size > bytes.size()) return std::nullopt;
        if (any && bytesPerRow != image.bytesPerRow()) return std::nullopt;
        if (!any) image.width = bytesPerRow * 8;
        any = true;
        image.bits.insert(image.bits.end(), bytes.begin() + static_cast<std::ptrdiff_t>(i + 8),
                          bytes.begin() + static_cast<std::ptrdiff_t>(i + 8 + size));
        image.height += rows;
        i += 8 + size;
    }
    if (!any) return std::nullopt;
    return image;
}

bool writePng(const MonoImage& image, const std::filesystem::path& path) {
    cv::Mat pixels(image.height, image.width, CV_8UC1, cv::Scalar(255));
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            if (image.black(x, y)) pixels.at<std::uint8_t>(y, x) = 0;
        }
    }
    std::filesystem::create_directories(path.parent_path());
    return cv::imwrite(path.string(), pixels);
}

std::vector<std::uint8_t> readFile(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

::testing::AssertionResult matchesExpectedFile(const std::vector<std::uint8_t>& bytes,
                                               const std::filesystem::path& expected,
                                               const std::filesystem::path& review) {
    if (std::getenv("KIOSK_UPDATE_EXPECTED") != nullptr) {
        std::ofstream(expected, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    const auto want = readFile(expected);
    if (want.empty()) return ::testing::AssertionFailure() << "missing " << expected;
    if (bytes != want) {
        return ::testing::AssertionFailure() << "the bytes changed (" << bytes.size() << " now, "
                                             << want.size() << " expected); see " << review;
    }
    return ::testing::AssertionSuccess();
}

LoopbackPrinter::LoopbackPrinter(Behaviour behaviour) : behaviour_(behaviour) {
    // A small receive buffer makes "never reads" stall the sender after a few hundred KB.
    listenFd_ = listenOnLoopback(4, behaviour == Behaviour::NeverRead ? 4096 : 0, port_);
    thread_ = std::thread([this] { serve(); });
}

LoopbackPrinter::~LoopbackPrinter() {
    stop_ = true;
    thread_.join();
    ::close(listenFd_);
}

void LoopbackPrinter::setReplies(std::uint8_t printer, std::uint8_t offlineCause, std::uint8_t paper) {
    std::lock_guard lock(mutex_);
    replies_[0] = printer;
    replies_[1] = offlineCause;
    replies_[2] = paper;
}

std::vector<std::uint8_t> LoopbackPrinter::receivedAfterClose(int connections) {
    std::unique_lock lock(mutex_);
    closed_.wait_for(lock, std::chrono::seconds(5), [&] { return closedConnections_ >= connections; });
    return received_;
}

void LoopbackPrinter::serve() {
    while (!stop_) {
        pollfd entry{listenFd_, POLLIN, 0};
        if (::poll(&entry, 1, 20) <= 0) continue;
        const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        serveConnection(fd);
        ::close(fd);
        std::lock_guard lock(mutex_);
        ++closedConnections_;
        closed_.notify_all();
    }
}

void LoopbackPrinter::serveConnection(int fd) {
    int dleEotSeen = 0;  // 0: nothing, 1: DLE seen, 2: DLE EOT seen
    while (!stop_) {
        pollfd entry{fd, POLLIN, 0};
        if (::poll(&entry, 1, 20) <= 0) continue;
        if (behaviour_ == Behaviour::NeverRead) continue;
        std::uint8_t buffer[4096];
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0) return;
        std::lock_guard lock(mutex_);
        received_.insert(received_.end(), buffer, buffer + got);
        for (ssize_t k = 0; k < got; ++k) {
            const std::uint8_t byte = buffer[k];
            if (dleEotSeen == 2) {
                const int slot = byte == 1 ? 0 : byte == 2 ? 1 : byte == 4 ? 2 : -1;
                if (slot >= 0 && behaviour_ == Behaviour::Answer) {
                    (void)!::send(fd, &replies_[slot], 1, MSG_NOSIGNAL);
                }
                dleEotSeen = 0;
            } else if (dleEotSeen == 1) {
                dleEotSeen = byte == 0x04 ? 2 : byte == 0x10 ? 1 : 0;
            } else {
                dleEotSeen = byte == 0x10 ? 1 : 0;
            }
        }
    }
}

UnansweredListener::UnansweredListener() {
    listenFd_ = listenOnLoopback(0, 0, port_);
    // Fill the accept queue with connections nobody accepts; the next SYN is dropped.
    for (int k = 0; k < 4; ++k) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port_));
        (void)::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        fillers_.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

UnansweredListener::~UnansweredListener() {
    for (const int fd : fillers_)
        ::close(fd);
    ::close(listenFd_);
}

}  // namespace devices::test
