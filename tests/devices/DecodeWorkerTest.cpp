#include "devices/DecodedText.h"
#include "devices/decode/DecodeWorker.h"

#include "devices/camera/Camera.h"

#include "TestImages.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

namespace {

using devices::DecodeWorker;
using devices::DecodeWorkerOptions;
using devices::FrameSlot;
using namespace std::chrono_literals;

bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5000ms) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return done();
}

const std::string kPayload = "https://xa-anbinh.example.vn/thu-tuc/10234?lang=vi";

TEST(DecodeWorker, PublishesTheCodeWithItsCornersForACleanFrame) {
    FrameSlot slot;
    const auto rendered = devices::test::renderCleanCode(kPayload, {1280, 720}, {400, 150}, 8);
    std::atomic<int> callbacks{0};
    DecodeWorkerOptions options;
    options.onFound = [&](const devices::DecodeSnapshot& snapshot) {
        if (snapshot.outcome.found()) callbacks++;
    };
    DecodeWorker worker(slot, options);
    slot.publish(rendered.bgr);

    ASSERT_TRUE(waitFor([&] { return worker.latestFound() != nullptr; }));
    const auto snapshot = worker.latestFound();
    EXPECT_EQ(snapshot->frameSequence, 1u);
    EXPECT_EQ(snapshot->number, 1u);
    EXPECT_EQ(snapshot->frameWidth, 1280);
    EXPECT_EQ(snapshot->frameHeight, 720);
    ASSERT_TRUE(snapshot->outcome.found());
    EXPECT_EQ(snapshot->outcome.code->text, kPayload);
    EXPECT_EQ(snapshot->outcome.code->format, "QRCode");
    EXPECT_GT(snapshot->outcome.ms, 0.0);
    // Corners within two modules of where the symbol was drawn.
    EXPECT_LT(devices::test::maxCornerDistance(snapshot->outcome.code->corners, rendered.corners), 16.0);
    EXPECT_EQ(worker.latest(), snapshot);
    EXPECT_TRUE(waitFor([&] { return callbacks.load() == 1; }));
    EXPECT_EQ(worker.status().codesFound, 1u);
}

TEST(DecodeWorker, PublishesEmptyResultsForFramesWithoutACode) {
    FrameSlot slot;
    DecodeWorker worker(slot);
    slot.publish(cv::Mat(720, 1280, CV_8UC3, cv::Scalar(90, 140, 200)));
    ASSERT_TRUE(waitFor([&] { return worker.latest() != nullptr; }));
    EXPECT_FALSE(worker.latest()->outcome.found());
    EXPECT_EQ(worker.latestFound(), nullptr);
    EXPECT_EQ(worker.status().framesDecoded, 1u);
}

TEST(DecodeWorker, SkipsStaleFramesAndDecodesTheNewest) {
    FrameSlot slot;
    DecodeWorkerOptions options;
    options.maxAttemptsPerSecond = 10.0;  // slower than the frames below arrive
    DecodeWorker worker(slot, options);
    const auto code = devices::test::renderCleanCode(kPayload, {640, 480}, {100, 60}, 5);
    for (int i = 0; i < 30; ++i) {
        slot.publish(code.bgr);
        std::this_thread::sleep_for(10ms);
    }
    ASSERT_TRUE(waitFor([&] {
        const auto latest = worker.latest();
        return latest && latest->frameSequence == 30u;
    }));
    const auto status = worker.status();
    EXPECT_GT(status.framesSkipped, 0u);
    EXPECT_LT(status.framesDecoded, 30u);  // never worked through a queue of old frames
    EXPECT_EQ(status.framesDecoded + status.framesSkipped, 30u);
}

TEST(DecodeWorker, TurnsAFailingFrameIntoStatusAndCarriesOn) {
    FrameSlot slot;
    DecodeWorker worker(slot);
    slot.publish(cv::Mat(10, 10, CV_16UC1, cv::Scalar(7)));  // not 8-bit: decodeFrame throws
    ASSERT_TRUE(waitFor([&] { return worker.status().errors == 1u; }));
    EXPECT_EQ(worker.status().state, devices::DecoderState::Running);
    EXPECT_NE(worker.status().message.find("8-bit"), std::string::npos) << worker.status().message;

    slot.publish(devices::test::renderCleanCode(kPayload, {640, 480}, {100, 60}, 5).bgr);
    ASSERT_TRUE(waitFor([&] { return worker.latestFound() != nullptr; }));
    EXPECT_EQ(worker.latestFound()->outcome.code->text, kPayload);
}

TEST(DecodeWorker, ReadsCodesFromACameraPlayingASampleImage) {
    const std::filesystem::path sample =
        std::filesystem::path(KIOSK_DEVICES_TEST_DATA_DIR) / "clean_vietqr.jpg";
    std::ifstream expectedFile(std::filesystem::path(sample).replace_extension(".txt"));
    const std::string expected((std::istreambuf_iterator<char>(expectedFile)),
                               std::istreambuf_iterator<char>());
    devices::Camera camera(
        {.source = sample.string(), .testFps = 20.0});  // declared first: outlives the worker
    DecodeWorker worker(camera.frames());
    ASSERT_TRUE(waitFor([&] { return worker.latestFound() != nullptr; })) << camera.status().message;
    const auto found = worker.latestFound();
    EXPECT_EQ(found->outcome.code->text, expected);
    EXPECT_EQ(found->frameWidth, camera.status().width);
    for (const cv::Point2f& corner : found->outcome.code->corners) {
        EXPECT_GE(corner.x, 0.f);
        EXPECT_LE(corner.x, static_cast<float>(found->frameWidth));
        EXPECT_GE(corner.y, 0.f);
        EXPECT_LE(corner.y, static_cast<float>(found->frameHeight));
    }
    EXPECT_EQ(camera.status().state, devices::CameraState::Running);
}

TEST(DecodeWorker, StopsPromptlyWhileWaitingForFrames) {
    FrameSlot slot;
    auto worker = std::make_unique<DecodeWorker>(slot);
    std::this_thread::sleep_for(20ms);
    const auto start = std::chrono::steady_clock::now();
    worker->stop();
    EXPECT_EQ(worker->status().state, devices::DecoderState::Stopped);
    worker.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
}

// A code the pipeline cannot read (a third of it painted over) but that looks like one: two
// consecutive misses on it make one focused retry on the sharper frame, unless switched off.
cv::Mat damagedCode(double blurSigma) {
    auto rendered = devices::test::renderCleanCode(kPayload, {1280, 720}, {500, 200}, 6);
    cv::rectangle(rendered.bgr, cv::Rect(500, 200, 110, 200), cv::Scalar(128, 128, 128), cv::FILLED);
    if (blurSigma > 0) cv::GaussianBlur(rendered.bgr, rendered.bgr, cv::Size(), blurSigma);
    return rendered.bgr;
}

TEST(DecodeWorker, RetriesTheSharperOfTwoFramesThatShowTheSameCandidate) {
    for (const bool retry : {true, false}) {
        SCOPED_TRACE(retry ? "retry on" : "retry off");
        FrameSlot slot;
        DecodeWorkerOptions options;
        options.retryAcrossFrames = retry;
        options.decode.budget = std::chrono::seconds(1);  // a busy machine must not skip the retry
        DecodeWorker worker(slot, options);
        slot.publish(damagedCode(0.0));
        ASSERT_TRUE(waitFor([&] { return worker.status().framesDecoded == 1; }));
        EXPECT_FALSE(worker.latest()->outcome.found());
        ASSERT_TRUE(worker.latest()->outcome.candidate.has_value())
            << "the painted code still looks like one";
        slot.publish(damagedCode(1.5));
        ASSERT_TRUE(waitFor([&] { return worker.status().framesDecoded == 2; }));
        EXPECT_EQ(worker.status().focusedRetries, retry ? 1u : 0u);
        EXPECT_EQ(worker.latestFound(), nullptr);
    }
}

}  // namespace

// Issue #16 item 11: decoded card text stayed in freed snapshot buffers after the session wipe.
// Every snapshot the worker publishes overwrites its text when the last reader lets go.
TEST(DecodeWorker, PublishedSnapshotsOverwriteTheirTextWhenFreed) {
    FrameSlot slot;
    const auto rendered = devices::test::renderCleanCode(kPayload, {1280, 720}, {400, 150}, 8);
    DecodeWorker worker(slot);
    slot.publish(rendered.bgr);
    ASSERT_TRUE(waitFor([&] { return worker.latestFound() != nullptr; }));
    const devices::DecodeSnapshotPtr snapshot = worker.latestFound();
    EXPECT_NE(std::get_deleter<void (*)(devices::DecodeSnapshot*)>(snapshot), nullptr)
        << "made with std::make_shared: freed without overwriting the text";

    devices::DecodeOutcome outcome = snapshot->outcome;
    const std::string& text = outcome.code->text;
    const char* buffer = text.data();
    const std::size_t length = text.size();
    devices::wipeDecodedText(outcome);
    EXPECT_TRUE(outcome.code->text.empty());
    EXPECT_EQ(outcome.code->text.data(), buffer) << "wiped in place, still our buffer to read";
    EXPECT_EQ(std::string(buffer, length), std::string(length, '\0'));
}
