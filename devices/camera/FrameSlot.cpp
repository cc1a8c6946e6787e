// Latest-frame slot: a mutex around one shared_ptr. Frames are immutable once published, so
// readers convert or decode them after releasing the lock.
#include "devices/camera/FrameSlot.h"

#include <opencv2/imgproc.hpp>

#include <stdexcept>
#include <utility>

namespace devices {

std::uint64_t FrameSlot::publish(cv::Mat image, std::chrono::steady_clock::time_point captured) {
    auto frame = std::make_shared<Frame>();
    frame->image = std::move(image);
    frame->captured = captured;
    FramePtr previous;  // released after unlocking, so freeing a big frame never holds the lock
    std::uint64_t sequence = 0;
    {
        std::lock_guard lock(mutex_);
        sequence = ++lastSequence_;
        frame->sequence = sequence;
        previous = std::exchange(frame_, std::move(frame));
    }
    published_.notify_all();
    return sequence;
}

FramePtr FrameSlot::latest() const {
    std::lock_guard lock(mutex_);
    return frame_;
}

std::uint64_t FrameSlot::latestSequence() const {
    std::lock_guard lock(mutex_);
    return lastSequence_;
}

FramePtr FrameSlot::waitNewer(std::uint64_t seen, std::chrono::milliseconds timeout,
                              std::stop_token stop) const {
    std::unique_lock lock(mutex_);
    published_.wait_for(lock, stop, timeout, [&] { return frame_ && frame_->sequence > seen; });
    if (frame_ && frame_->sequence > seen) return frame_;
    return nullptr;
}

bool FrameSlot::copyRgbaIfNewer(RgbaImage& image) const {
    FramePtr frame = latest();
    if (!frame || frame->sequence <= image.sequence) return false;
    toRgba(*frame, image);
    return true;
}

void toRgba(const Frame& frame, RgbaImage& out) {
    const cv::Mat& source = frame.image;
    int code = 0;
    switch (source.channels()) {
        case 1: code = cv::COLOR_GRAY2RGBA; break;
        case 3: code = cv::COLOR_BGR2RGBA; break;
        case 4: code = cv::COLOR_BGRA2RGBA; break;
        default: throw std::invalid_argument("toRgba: frames must have 1, 3 or 4 channels");
    }
    if (source.empty() || source.depth() != CV_8U)
        throw std::invalid_argument("toRgba: frames must be 8-bit images");
    out.width = source.cols;
    out.height = source.rows;
    out.pixels.resize(static_cast<std::size_t>(source.cols) * static_cast<std::size_t>(source.rows) * 4);
    cv::Mat target(source.rows, source.cols, CV_8UC4, out.pixels.data());
    cv::cvtColor(source, target, code);  // writes into our buffer: same size and type, no reallocation
    out.sequence = frame.sequence;
}

}  // namespace devices
