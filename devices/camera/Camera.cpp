// Camera thread: opens the --camera source with OpenCV and feeds the latest-frame slot. Devices are
// retried while missing or after they vanish (a USB cable pulled and put back must just work);
// test sources loop forever at a steady pace so the scan screen behaves as with a real camera.
#include "devices/camera/Camera.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

namespace devices {
namespace {

using Clock = std::chrono::steady_clock;

std::string fourccText(double value) {
    const auto code = static_cast<unsigned>(value);
    std::string text;
    for (int i = 0; i < 4; ++i) {
        const char c = static_cast<char>((code >> (8 * i)) & 0xFF);
        text += (c >= 32 && c < 127) ? c : '?';
    }
    return text;
}

std::string formatFps(double fps) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g fps", fps);
    return buffer;
}

std::string sizeText(int width, int height) {
    return std::to_string(width) + "x" + std::to_string(height);
}

Clock::duration periodOf(double fps) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / fps));
}

// Advances a pacing deadline by one period without bursting to catch up after a stall.
Clock::time_point nextDeadline(Clock::time_point deadline, Clock::duration period) {
    const auto now = Clock::now();
    deadline += period;
    return deadline < now ? now : deadline;
}

// Nonsense settings (a zero pace, a zero retry interval) would spin a core; fall back to defaults.
CameraOptions sanitized(CameraOptions options) {
    const CameraOptions defaults;
    if (!(options.testFps > 0.0 && options.testFps <= 240.0)) options.testFps = defaults.testFps;
    if (options.retryEvery < std::chrono::milliseconds(10)) options.retryEvery = defaults.retryEvery;
    if (options.width <= 0 || options.height <= 0) {
        options.width = defaults.width;
        options.height = defaults.height;
    }
    return options;
}

}  // namespace

std::string_view cameraStateName(CameraState state) {
    switch (state) {
        case CameraState::Starting: return "starting";
        case CameraState::Running: return "running";
        case CameraState::NoCamera: return "no_camera";
        case CameraState::Failed: return "failed";
        case CameraState::Stopped: return "stopped";
    }
    return "unknown";
}

Camera::Camera(CameraOptions options) : options_(sanitized(std::move(options))) {
    status_.source = options_.source;
    status_.message = "Opening the camera.";
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

Camera::~Camera() {
    stop();
}

CameraStatus Camera::status() const {
    std::lock_guard lock(statusMutex_);
    return status_;
}

void Camera::stop() {
    if (thread_.joinable()) {
        thread_.request_stop();
        thread_.join();
        setState(CameraState::Stopped, "The camera was stopped.");
    }
}

void Camera::setState(CameraState state, std::string message, std::string mode) {
    std::lock_guard lock(statusMutex_);
    status_.state = state;
    status_.message = std::move(message);
    if (!mode.empty()) status_.mode = std::move(mode);
    if (state != CameraState::Running) {
        status_.fps = 0.0;
        lastDelivery_ = {};  // the gap until the source is back is not a frame interval
        smoothedInterval_ = 0.0;
    }
}

void Camera::deliver(cv::Mat image) {
    const auto now = Clock::now();
    const int width = image.cols, height = image.rows;
    slot_.publish(std::move(image), now);
    std::lock_guard lock(statusMutex_);
    if (lastDelivery_ != Clock::time_point{}) {
        const double interval = std::chrono::duration<double>(now - lastDelivery_).count();
        // Smooth the interval (not the rate) so one slow frame cannot swing the figure wildly.
        smoothedInterval_ = smoothedInterval_ == 0.0 ? interval : 0.9 * smoothedInterval_ + 0.1 * interval;
        status_.fps = smoothedInterval_ > 0.0 ? 1.0 / smoothedInterval_ : 0.0;
    }
    lastDelivery_ = now;
    status_.frames += 1;
    status_.width = width;
    status_.height = height;
}

bool Camera::sleepUntil(Clock::time_point until, std::stop_token stop) {
    std::unique_lock lock(sleepMutex_);
    wake_.wait_until(lock, stop, until, [] { return false; });
    return !stop.stop_requested();
}

void Camera::run(std::stop_token stop) {
    // Top of the thread: nothing may escape, or std::terminate would take the kiosk down.
    try {
        auto source = parseCameraSource(options_.source);
        if (!source) {
            setState(CameraState::NoCamera, source.error().message);
            return;
        }
        switch (source->kind) {
            case SourceKind::Device: runDevice(*source, stop); break;
            case SourceKind::Image: runImage(*source, stop); break;
            case SourceKind::Folder: runFolder(*source, stop); break;
            case SourceKind::Video: runVideo(*source, stop); break;
        }
    } catch (const std::exception& e) {
        setState(CameraState::Failed, std::string("The camera thread stopped after an error: ") + e.what());
    } catch (...) {
        setState(CameraState::Failed, "The camera thread stopped after an unknown error.");
    }
}

void Camera::runDevice(const CameraSource& source, std::stop_token stop) {
    char every[32];
    std::snprintf(every, sizeof every, "%.3g", std::chrono::duration<double>(options_.retryEvery).count());
    const std::string retry = std::string(" The kiosk tries again every ") + every + " s.";
    while (!stop.stop_requested()) {
        std::error_code error;
        if (!std::filesystem::exists(source.path, error)) {
            setState(CameraState::NoCamera, "No camera at " + source.path + ". Check the USB cable." + retry);
            if (!sleepUntil(Clock::now() + options_.retryEvery, stop)) return;
            continue;
        }
        // Only a character device is a camera; opening a FIFO under /dev would block this thread.
        if (!std::filesystem::is_character_file(source.path, error)) {
            setState(CameraState::NoCamera,
                     source.path + " is not a camera device. Check the --camera path.");
            return;
        }
        cv::VideoCapture capture;
        if (!capture.open(source.path, cv::CAP_V4L2)) {
            setState(CameraState::Failed,
                     "Camera " + source.path +
                         " exists but could not be opened: another program may be using it, "
                         "or the kiosk user is not in the 'video' group." +
                         retry);
            if (!sleepUntil(Clock::now() + options_.retryEvery, stop)) return;
            continue;
        }
        // Order matters for V4L2: pixel format first, then size. MJPG lets USB 2.0 cameras give
        // 1280x720 at full rate; one buffer keeps the frame we decode as fresh as possible.
        capture.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
        capture.set(cv::CAP_PROP_FRAME_WIDTH, options_.width);
        capture.set(cv::CAP_PROP_FRAME_HEIGHT, options_.height);
        capture.set(cv::CAP_PROP_BUFFERSIZE, 1);
        const std::string mode = "V4L2 " + fourccText(capture.get(cv::CAP_PROP_FOURCC)) + " " +
                                 sizeText(static_cast<int>(capture.get(cv::CAP_PROP_FRAME_WIDTH)),
                                          static_cast<int>(capture.get(cv::CAP_PROP_FRAME_HEIGHT)));
        setState(CameraState::Running, "Camera " + source.path + " is running.", mode);

        int failures = 0;
        while (!stop.stop_requested()) {
            cv::Mat image;  // a fresh buffer each time: published frames are never written again
            if (capture.read(image) && !image.empty()) {
                failures = 0;
                deliver(std::move(image));
                continue;
            }
            if (++failures >= 20) break;  // about a second without frames: treat as unplugged
            if (!sleepUntil(Clock::now() + std::chrono::milliseconds(50), stop)) return;
        }
        if (stop.stop_requested()) return;
        setState(CameraState::NoCamera,
                 "Camera " + source.path + " stopped sending frames (unplugged?)." + retry);
        capture.release();
        if (!sleepUntil(Clock::now() + options_.retryEvery, stop)) return;
    }
}

void Camera::runImage(const CameraSource& source, std::stop_token stop) {
    const cv::Mat image = cv::imread(source.path, cv::IMREAD_COLOR);
    if (image.empty()) {
        setState(CameraState::Failed,
                 "Cannot read the image " + source.path + ": not a picture OpenCV can decode.");
        return;
    }
    setState(CameraState::Running, "Showing the image " + source.path + ".",
             "image " + sizeText(image.cols, image.rows) + " at " + formatFps(options_.testFps));
    const auto period = periodOf(options_.testFps);
    auto deadline = Clock::now();
    while (!stop.stop_requested()) {
        deliver(image);  // shares the pixels; nobody writes to a published frame
        deadline = nextDeadline(deadline, period);
        if (!sleepUntil(deadline, stop)) return;
    }
}

void Camera::runFolder(const CameraSource& source, std::stop_token stop) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(source.path)) {
        if (entry.is_regular_file() && isImageFileName(entry.path().filename().string()))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        setState(CameraState::Failed, "The folder " + source.path + " has no images (.png, .jpg, ...).");
        return;
    }
    setState(CameraState::Running, "Playing the images in " + source.path + ".",
             "folder, " + std::to_string(files.size()) + " images at " + formatFps(options_.testFps));
    const auto period = periodOf(options_.testFps);
    auto deadline = Clock::now();
    while (!stop.stop_requested()) {
        bool anyReadable = false;
        for (const auto& file : files) {
            cv::Mat image = cv::imread(file.string(), cv::IMREAD_COLOR);
            if (image.empty()) continue;  // one broken file must not stop the others
            anyReadable = true;
            deliver(std::move(image));
            deadline = nextDeadline(deadline, period);
            if (!sleepUntil(deadline, stop)) return;
        }
        if (!anyReadable) {
            setState(CameraState::Failed, "None of the images in " + source.path + " can be read.");
            return;
        }
    }
}

void Camera::runVideo(const CameraSource& source, std::stop_token stop) {
    cv::VideoCapture capture;
    const auto open = [&] {
        return capture.open(source.path, cv::CAP_FFMPEG) || capture.open(source.path, cv::CAP_ANY);
    };
    if (!open()) {
        setState(CameraState::Failed, "Cannot open the video " + source.path +
                                          ": unknown format or a codec that is not installed.");
        return;
    }
    const double fileFps = capture.get(cv::CAP_PROP_FPS);
    const double fps = (fileFps > 0.5 && fileFps <= 240.0) ? fileFps : options_.testFps;
    setState(CameraState::Running, "Playing the video " + source.path + " in a loop.",
             "video " +
                 sizeText(static_cast<int>(capture.get(cv::CAP_PROP_FRAME_WIDTH)),
                          static_cast<int>(capture.get(cv::CAP_PROP_FRAME_HEIGHT))) +
                 " at " + formatFps(fps));
    const auto period = periodOf(fps);
    auto deadline = Clock::now();
    bool deliveredThisPass = false;
    while (!stop.stop_requested()) {
        cv::Mat image;
        if (capture.read(image) && !image.empty()) {
            deliveredThisPass = true;
            deliver(std::move(image));
            deadline = nextDeadline(deadline, period);
            if (!sleepUntil(deadline, stop)) return;
            continue;
        }
        if (!deliveredThisPass) {
            setState(CameraState::Failed, "The video " + source.path + " has no frames that can be decoded.");
            return;
        }
        // End of file: start again. Reopening is more reliable than seeking for every container.
        capture.release();
        deliveredThisPass = false;
        if (!open()) {
            setState(CameraState::Failed, "The video " + source.path + " could not be reopened.");
            return;
        }
    }
}

}  // namespace devices
