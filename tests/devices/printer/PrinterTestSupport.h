// Test helpers for the printer: a loopback "printer" on 127.0.0.1 that records what it is sent
// and answers DLE EOT like a real one, a decoder that turns ESC/POS raster bytes back into an
// image, and the fixed ticket the expected-bytes file was made from.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "devices/printer/MonoImage.h"
#include "devices/printer/TicketPrintout.h"
#include "kiosk/content/GuideSlip.h"

namespace devices::test {

// Synthetic: a made-up commune ("Mẫu Thử" = "sample"), no person in it.
TicketPrintout fixedTicket();
// A take-home guide slip for the same made-up centre, written out here (not taken from the
// shipped content) so the expected bytes change only when the slip's layout does.
kiosk::content::GuideSlip fixedGuideSlip();

// Reassembles every GS v 0 band in `bytes` into one image; nullopt if the stream is malformed
// or the bands disagree in width.
std::optional<MonoImage> decodeRasterBands(std::span<const std::uint8_t> bytes);

// Writes black-on-white PNG (cv::imwrite) and returns false on failure.
bool writePng(const MonoImage& image, const std::filesystem::path& path);

std::vector<std::uint8_t> readFile(const std::filesystem::path& path);

// The checked-in bytes pin the whole chain (font, layout, threshold, ESC/POS framing). With
// KIOSK_UPDATE_EXPECTED set, `expected` is rewritten first (after an intended change: then look
// at `review`, the PNG of the same slip). Failure messages name the PNG.
::testing::AssertionResult matchesExpectedFile(const std::vector<std::uint8_t>& bytes,
                                               const std::filesystem::path& expected,
                                               const std::filesystem::path& review);

class LoopbackPrinter {
public:
    enum class Behaviour {
        Answer,    // records bytes, answers each DLE EOT n with the configured byte
        Silent,    // records bytes, never answers (like a one-way printer)
        NeverRead  // accepts, then never reads: the sender's buffers fill up
    };

    explicit LoopbackPrinter(Behaviour behaviour = Behaviour::Answer);
    ~LoopbackPrinter();
    LoopbackPrinter(const LoopbackPrinter&) = delete;
    LoopbackPrinter& operator=(const LoopbackPrinter&) = delete;

    int port() const { return port_; }
    std::string address() const { return "tcp:127.0.0.1:" + std::to_string(port_); }

    // Status bytes for DLE EOT 1, 2 and 4. Defaults: online, no error, paper present.
    void setReplies(std::uint8_t printer, std::uint8_t offlineCause, std::uint8_t paper);
    void answerPaperOut() { setReplies(0x1E, 0x32, 0x72); }

    // Everything received on connections that have closed, waiting up to 5 s for `connections`.
    std::vector<std::uint8_t> receivedAfterClose(int connections = 1);

private:
    void serve();
    void serveConnection(int fd);

    Behaviour behaviour_;
    int listenFd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable closed_;
    int closedConnections_ = 0;
    std::vector<std::uint8_t> received_;
    std::uint8_t replies_[3] = {0x12, 0x12, 0x12};
    std::thread thread_;
};

// A 127.0.0.1 listener whose accept queue is full, so a further connect gets no answer at all
// (Linux drops the SYN): the printer that is on the network but not responding.
class UnansweredListener {
public:
    UnansweredListener();
    ~UnansweredListener();
    UnansweredListener(const UnansweredListener&) = delete;
    UnansweredListener& operator=(const UnansweredListener&) = delete;
    std::string address() const { return "tcp:127.0.0.1:" + std::to_string(port_); }

private:
    int listenFd_ = -1;
    int port_ = 0;
    std::vector<int> fillers_;
};

}  // namespace devices::test
