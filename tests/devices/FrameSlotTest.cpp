#include "devices/camera/FrameSlot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace {

using devices::FramePtr;
using devices::FrameSlot;
using namespace std::chrono_literals;

// A tiny frame whose pixels all hold `value`, so a reader can check it got the frame it was told.
cv::Mat filled(int value) {
    return cv::Mat(4, 6, CV_8UC3, cv::Scalar::all(value));
}

TEST(FrameSlot, StartsEmpty) {
    FrameSlot slot;
    EXPECT_EQ(slot.latest(), nullptr);
    EXPECT_EQ(slot.latestSequence(), 0u);
    EXPECT_EQ(slot.waitNewer(0, 1ms), nullptr);
}

TEST(FrameSlot, KeepsOnlyTheNewestFrameAndDropsOlderOnes) {
    FrameSlot slot;
    EXPECT_EQ(slot.publish(filled(10)), 1u);
    const FramePtr first = slot.latest();
    EXPECT_EQ(slot.publish(filled(20)), 2u);
    EXPECT_EQ(slot.publish(filled(30)), 3u);

    const FramePtr newest = slot.latest();
    ASSERT_NE(newest, nullptr);
    EXPECT_EQ(newest->sequence, 3u);
    EXPECT_EQ(newest->image.at<cv::Vec3b>(0, 0)[0], 30);
    // Frame 2 was never taken and is gone; a reader waiting past frame 1 gets frame 3, not 2.
    const FramePtr next = slot.waitNewer(1, 0ms);
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->sequence, 3u);
    // A frame a reader still holds stays valid and unchanged after being replaced.
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->sequence, 1u);
    EXPECT_EQ(first->image.at<cv::Vec3b>(3, 5)[2], 10);
}

TEST(FrameSlot, WaitNewerWakesWhenAFrameArrives) {
    FrameSlot slot;
    slot.publish(filled(1));
    std::thread producer([&] {
        std::this_thread::sleep_for(30ms);
        slot.publish(filled(2));
    });
    const auto start = std::chrono::steady_clock::now();
    const FramePtr frame = slot.waitNewer(1, 5s);
    const auto waited = std::chrono::steady_clock::now() - start;
    producer.join();
    ASSERT_NE(frame, nullptr);
    EXPECT_EQ(frame->sequence, 2u);
    EXPECT_LT(waited, 2s);
}

TEST(FrameSlot, WaitNewerTimesOutWithoutNewFrame) {
    FrameSlot slot;
    slot.publish(filled(1));
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(slot.waitNewer(1, 50ms), nullptr);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 45ms);
}

TEST(FrameSlot, WaitNewerReturnsWhenStopIsRequested) {
    FrameSlot slot;
    std::stop_source stop;
    std::thread stopper([&] {
        std::this_thread::sleep_for(30ms);
        stop.request_stop();
    });
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(slot.waitNewer(0, 10s, stop.get_token()), nullptr);
    stopper.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(FrameSlot, ConcurrentReadersSeeWholeFramesInIncreasingOrder) {
    FrameSlot slot;
    constexpr int kFrames = 3000;
    std::atomic<int> started{0}, mismatches{0}, backwards{0};
    std::atomic<bool> done{false};
    std::atomic<int> reads[2] = {0, 0};
    const auto reader = [&](int kind) {
        started++;
        std::uint64_t seen = 0;
        while (!done.load() || seen < kFrames) {
            const FramePtr frame = kind == 1 ? slot.waitNewer(seen, 5ms) : slot.latest();
            if (!frame) continue;
            reads[kind]++;
            if (frame->sequence < seen) backwards++;
            // Each frame's pixels encode its own sequence number: a torn or mixed-up frame shows.
            if (frame->image.at<cv::Vec3b>(2, 3)[1] != static_cast<std::uint8_t>(frame->sequence % 251))
                mismatches++;
            seen = frame->sequence;
        }
    };
    std::thread polling(reader, 0), waiting(reader, 1);
    while (started.load() < 2)
        std::this_thread::yield();
    for (int i = 1; i <= kFrames; ++i) {
        slot.publish(filled(i % 251));
        if (i % 16 == 0) std::this_thread::yield();  // let the readers interleave on any core count
    }
    done = true;
    polling.join();
    waiting.join();
    EXPECT_EQ(slot.latestSequence(), static_cast<std::uint64_t>(kFrames));
    EXPECT_EQ(mismatches.load(), 0);
    EXPECT_EQ(backwards.load(), 0);
    EXPECT_GT(reads[0].load(), 0);
    EXPECT_GT(reads[1].load(), 0);
}

TEST(FrameSlot, CopiesRgbaOnlyForNewFramesAndReusesTheBuffer) {
    FrameSlot slot;
    devices::RgbaImage texture;
    EXPECT_FALSE(slot.copyRgbaIfNewer(texture));

    cv::Mat bgr(2, 3, CV_8UC3, cv::Scalar(10, 20, 30));  // B, G, R
    slot.publish(bgr);
    ASSERT_TRUE(slot.copyRgbaIfNewer(texture));
    EXPECT_EQ(texture.width, 3);
    EXPECT_EQ(texture.height, 2);
    EXPECT_EQ(texture.sequence, 1u);
    ASSERT_EQ(texture.pixels.size(), 3u * 2u * 4u);
    EXPECT_EQ(texture.pixels[0], 30);   // R
    EXPECT_EQ(texture.pixels[1], 20);   // G
    EXPECT_EQ(texture.pixels[2], 10);   // B
    EXPECT_EQ(texture.pixels[3], 255);  // opaque
    const std::uint8_t* buffer = texture.pixels.data();

    EXPECT_FALSE(slot.copyRgbaIfNewer(texture));  // nothing new: no conversion

    slot.publish(cv::Mat(2, 3, CV_8UC1, cv::Scalar(77)));  // grey frames work too
    ASSERT_TRUE(slot.copyRgbaIfNewer(texture));
    EXPECT_EQ(texture.sequence, 2u);
    EXPECT_EQ(texture.pixels.data(), buffer);  // same size: same buffer, no allocation
    EXPECT_EQ(texture.pixels[4 * 5 + 0], 77);
    EXPECT_EQ(texture.pixels[4 * 5 + 2], 77);
    EXPECT_EQ(texture.pixels[4 * 5 + 3], 255);
}

}  // namespace
