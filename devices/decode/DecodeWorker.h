// The decoder thread: takes the newest frame from a FrameSlot, runs the decode pipeline and
// publishes each result as an immutable snapshot. Readers (the UI thread) only copy a shared_ptr
// under a mutex, so they never wait for a decode. Exceptions never leave the thread: they become
// a DecoderStatus.
//
//   devices::DecodeWorker decoder(camera.frames());
//   if (auto found = decoder.latestFound(); found && found->number != shownNumber) { ...show it... }
#pragma once

#include "devices/camera/FrameSlot.h"
#include "devices/decode/DecodePipeline.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

namespace devices {

// One decode attempt on one frame. Never changes after it is published.
struct DecodeSnapshot {
    std::uint64_t number = 0;         // 1, 2, 3... per worker: a new number means a new result
    std::uint64_t frameSequence = 0;  // the FrameSlot sequence of the frame it read
    int frameWidth = 0;               // corners are in this frame's pixels
    int frameHeight = 0;
    DecodeOutcome outcome;      // the code (if any), its corners, the decode time
    bool focusedRetry = false;  // read by retrying the sharper of two frames (FrameEvidence.h)
};
using DecodeSnapshotPtr = std::shared_ptr<const DecodeSnapshot>;

enum class DecoderState { Running, Stopped, Failed };

struct DecoderStatus {
    DecoderState state = DecoderState::Running;
    std::string message;              // the last error, if any (English, for the log)
    std::uint64_t framesDecoded = 0;  // attempts made
    std::uint64_t framesSkipped = 0;  // frames that arrived while busy and were never decoded
    std::uint64_t codesFound = 0;
    std::uint64_t focusedRetries = 0;  // retries on the sharper of two frames with the same candidate
    std::uint64_t errors = 0;          // attempts that threw (the thread carries on)
};

struct DecodeWorkerOptions {
    DecodeOptions decode;
    // Upper bound on attempts per second. With no code in view every attempt runs to its budget,
    // so an uncapped worker would keep one core busy; 15 attempts a second leaves the UI room on a
    // two-core kiosk PC while adding at most ~65 ms before a freshly shown code is seen.
    double maxAttemptsPerSecond = 15.0;
    // When two consecutive attempts read nothing but saw a code-like region in the same place,
    // retry the sharper frame with the whole budget on that region (an extra attempt).
    bool retryAcrossFrames = true;
    // Called on the decoder thread after a snapshot with a code is published (e.g. to wake the UI
    // with SDL_PushEvent). Must be quick and thread-safe.
    std::function<void(const DecodeSnapshot&)> onFound;
};

class DecodeWorker {
public:
    // `frames` must outlive the worker (declare the Camera before its DecodeWorker).
    explicit DecodeWorker(const FrameSlot& frames, DecodeWorkerOptions options = {});
    ~DecodeWorker();
    DecodeWorker(const DecodeWorker&) = delete;
    DecodeWorker& operator=(const DecodeWorker&) = delete;

    // The newest attempt, found or not; nullptr before the first.
    DecodeSnapshotPtr latest() const;
    // The newest attempt that read a code; nullptr until one did.
    DecodeSnapshotPtr latestFound() const;
    DecoderStatus status() const;

    // Stops and joins the thread; the destructor does this too. Idempotent.
    void stop();

private:
    void run(std::stop_token stop);
    void decodeOne(const FramePtr& frame);
    // The focused retry after a miss; returns the outcome on the sharper frame, or nothing.
    std::optional<std::pair<FramePtr, DecodeOutcome>> retryOnSharper(const FramePtr& frame,
                                                                     const DecodeOutcome& missed);

    const FrameSlot& frames_;
    const DecodeWorkerOptions options_;
    mutable std::mutex mutex_;  // guards the three members below; held only to copy or swap
    DecodeSnapshotPtr latest_;
    DecodeSnapshotPtr latestFound_;
    DecoderStatus status_;
    std::uint64_t lastSequence_ = 0;  // decoder thread only
    struct Miss {
        FramePtr frame;
        cv::Rect candidate;
        double sharpness = 0.0;
    };
    std::optional<Miss> lastMiss_;  // decoder thread only: the previous attempt, if it read nothing
    std::mutex sleepMutex_;         // for pacing waits that a stop request interrupts
    std::condition_variable_any wake_;
    std::jthread thread_;  // last member: started after everything it uses exists
};

}  // namespace devices
