// Decoder thread: wait for a newer frame, decode, publish a snapshot, pace, repeat.
#include "devices/decode/DecodeWorker.h"

#include "devices/DecodedText.h"
#include "devices/decode/FrameEvidence.h"

#include <exception>
#include <utility>

namespace devices {
namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

DecodeWorker::DecodeWorker(const FrameSlot& frames, DecodeWorkerOptions options)
    : frames_(frames), options_(std::move(options)) {
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

DecodeWorker::~DecodeWorker() {
    stop();
}

DecodeSnapshotPtr DecodeWorker::latest() const {
    std::lock_guard lock(mutex_);
    return latest_;
}

DecodeSnapshotPtr DecodeWorker::latestFound() const {
    std::lock_guard lock(mutex_);
    return latestFound_;
}

DecoderStatus DecodeWorker::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void DecodeWorker::stop() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    thread_.join();
    std::lock_guard lock(mutex_);
    if (status_.state == DecoderState::Running) status_.state = DecoderState::Stopped;
}

void DecodeWorker::run(std::stop_token stop) {
    // Top of the thread: nothing may escape, or std::terminate would take the kiosk down.
    try {
        const auto minInterval = options_.maxAttemptsPerSecond > 0.0
                                     ? std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(1.0 / options_.maxAttemptsPerSecond))
                                     : Clock::duration::zero();
        auto nextAttempt = Clock::now();
        while (!stop.stop_requested()) {
            // Short timeouts keep the loop responsive to stop even if the camera never delivers.
            FramePtr frame = frames_.waitNewer(lastSequence_, std::chrono::milliseconds(200), stop);
            if (!frame) continue;
            const auto now = Clock::now();
            if (now < nextAttempt) {
                // Too soon: sleep until allowed, then take whatever is newest at that moment.
                std::unique_lock sleepLock(sleepMutex_);
                wake_.wait_until(sleepLock, stop, nextAttempt, [] { return false; });
                if (stop.stop_requested()) break;
                frame = frames_.latest();
            }
            nextAttempt = Clock::now() + minInterval;
            decodeOne(frame);
        }
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        status_.state = DecoderState::Failed;
        status_.message = std::string("The decoder thread stopped after an error: ") + e.what();
    } catch (...) {
        std::lock_guard lock(mutex_);
        status_.state = DecoderState::Failed;
        status_.message = "The decoder thread stopped after an unknown error.";
    }
}

void DecodeWorker::decodeOne(const FramePtr& frame) {
    const std::uint64_t skipped = frame->sequence - lastSequence_ - 1;
    lastSequence_ = frame->sequence;

    auto snapshot = makeWipedOnFreeSnapshot();  // the text may be an ID card (devices/DecodedText.h)
    snapshot->frameSequence = frame->sequence;
    snapshot->frameWidth = frame->image.cols;
    snapshot->frameHeight = frame->image.rows;
    std::string error;
    try {
        snapshot->outcome = decodeFrame(frame->image, options_.decode);
    } catch (const std::exception& e) {
        // One bad frame must not end scanning: count it, say why, and take the next frame.
        error = std::string("Decoding frame ") + std::to_string(frame->sequence) + " failed: " + e.what();
    }

    if (error.empty() && !snapshot->outcome.found() && options_.retryAcrossFrames) {
        try {
            if (auto retried = retryOnSharper(frame, snapshot->outcome)) {
                snapshot->frameSequence = retried->first->sequence;
                snapshot->outcome = std::move(retried->second);
                snapshot->focusedRetry = true;
            }
        } catch (const std::exception& e) {
            error = std::string("Retrying frame ") + std::to_string(frame->sequence) + " failed: " + e.what();
        }
    }

    const bool found = snapshot->outcome.found();
    if (found) lastMiss_.reset();  // the next miss is another code, or the same one moved
    DecodeSnapshotPtr published;
    {
        std::lock_guard lock(mutex_);
        status_.framesSkipped += skipped;
        if (!error.empty()) {
            status_.errors += 1;
            status_.message = std::move(error);
            return;
        }
        status_.framesDecoded += 1;
        snapshot->number = status_.framesDecoded;
        if (found) status_.codesFound += 1;
        published = std::move(snapshot);
        latest_ = published;
        if (found) latestFound_ = published;
    }
    if (found && options_.onFound) options_.onFound(*published);
}

std::optional<std::pair<FramePtr, DecodeOutcome>> DecodeWorker::retryOnSharper(const FramePtr& frame,
                                                                               const DecodeOutcome& missed) {
    if (!missed.candidate) {
        lastMiss_.reset();
        return std::nullopt;
    }
    Miss current{frame, *missed.candidate, regionSharpness(frame->image, *missed.candidate)};
    if (!lastMiss_ || !sameCandidate(lastMiss_->candidate, current.candidate)) {
        lastMiss_ = std::move(current);
        return std::nullopt;
    }
    // Same code in two frames: the sharper one, on the region both saw.
    const Miss& sharper = current.sharpness >= lastMiss_->sharpness ? current : *lastMiss_;
    DecodeOptions focused = options_.decode;
    focused.focus = sharper.candidate |
                    (current.candidate == sharper.candidate ? lastMiss_->candidate : current.candidate);
    std::pair<FramePtr, DecodeOutcome> retried{sharper.frame, decodeFrame(sharper.frame->image, focused)};
    lastMiss_.reset();  // a pair is used once; the next miss starts a new pair
    {
        std::lock_guard lock(mutex_);
        status_.focusedRetries += 1;
    }
    if (!retried.second.found()) return std::nullopt;
    return retried;
}

}  // namespace devices
