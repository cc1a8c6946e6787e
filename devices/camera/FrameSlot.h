// The latest-frame slot between the camera thread and its readers (decoder thread, UI thread).
// It holds exactly one frame: publishing replaces it, so a slow reader skips frames instead of
// working through a queue of stale ones. Every call is thread-safe; none blocks longer than a
// mutex held for a pointer swap, except waitNewer(), which is meant for worker threads.
#pragma once

#include "devices/camera/Frame.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stop_token>

namespace devices {

class FrameSlot {
public:
    // Camera side: takes ownership of `image` (the caller must not write to it afterwards) and
    // replaces the held frame. Returns the new frame's sequence number (1, 2, 3...).
    std::uint64_t publish(cv::Mat image,
                          std::chrono::steady_clock::time_point captured = std::chrono::steady_clock::now());

    // The newest frame, or nullptr before the first one.
    FramePtr latest() const;
    // 0 before the first frame.
    std::uint64_t latestSequence() const;

    // Worker side: waits until a frame newer than `seen` is held, the timeout passes or `stop` is
    // requested. Returns nullptr when no newer frame arrived.
    FramePtr waitNewer(std::uint64_t seen, std::chrono::milliseconds timeout,
                       std::stop_token stop = {}) const;

    // UI side, for a GL texture: when the newest frame is newer than `image.sequence`, converts it
    // into `image` (reusing its buffer) and returns true; otherwise leaves `image` alone and
    // returns false. The conversion runs outside the lock, on the caller's thread, and only for
    // frames the UI actually shows.
    bool copyRgbaIfNewer(RgbaImage& image) const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable_any published_;
    FramePtr frame_;
    std::uint64_t lastSequence_ = 0;
};

// Converts one frame (BGR or gray) to packed RGBA in `out`, reusing its buffer.
void toRgba(const Frame& frame, RgbaImage& out);

}  // namespace devices
