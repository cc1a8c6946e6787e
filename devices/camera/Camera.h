// The kiosk camera: one thread that reads frames from the --camera source into a latest-frame
// slot. It never throws and never crashes the kiosk: every problem (no camera, busy device,
// unreadable file, an exception inside OpenCV) becomes a CameraStatus the UI can show.
//
//   devices::Camera camera({.source = "/dev/video0"});     // starts the thread
//   devices::DecodeWorker decoder(camera.frames());          // declare after the camera
//   ... each UI frame: camera.frames().copyRgbaIfNewer(texturePixels); camera.status();
//   // destruction (or stop()) joins the thread
#pragma once

#include "devices/camera/CameraSource.h"
#include "devices/camera/FrameSlot.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace devices {

enum class CameraState {
    Starting,  // the thread is opening the source
    Running,   // frames are arriving
    NoCamera,  // nothing to open: no such device (retrying) or no such file/folder
    Failed,    // the source exists but cannot be used (busy, no permission, unreadable, no frames)
    Stopped,   // stop() was called
};

std::string_view cameraStateName(CameraState state);

struct CameraStatus {
    CameraState state = CameraState::Starting;
    std::string message;  // English, for the technician's log and diagnostics; UI text comes from state
    std::string source;   // the --camera string
    std::string mode;     // what was negotiated, e.g. "V4L2 MJPG 1280x720" or "folder, 12 images"
    double fps = 0.0;     // measured delivery rate (smoothed over the last ~10 frames)
    int width = 0;
    int height = 0;
    std::uint64_t frames = 0;  // frames delivered since start
};

struct CameraOptions {
    std::string source = "/dev/video0";  // as given to --camera
    int width = 1280;                    // requested from devices; files keep their own size
    int height = 720;
    double testFps = 10.0;  // pace of image and folder sources, and of videos without a frame rate
    std::chrono::milliseconds retryEvery{2000};  // a missing or lost device is reopened this often
};

class Camera {
public:
    explicit Camera(CameraOptions options);
    ~Camera();
    Camera(const Camera&) = delete;
    Camera& operator=(const Camera&) = delete;

    // Where frames arrive. Valid for the camera's lifetime.
    const FrameSlot& frames() const { return slot_; }

    // A copy, taken under a mutex held only for the copy.
    CameraStatus status() const;

    // Stops and joins the thread; the destructor does this too. Idempotent.
    void stop();

private:
    void run(std::stop_token stop);
    void runDevice(const CameraSource& source, std::stop_token stop);
    void runImage(const CameraSource& source, std::stop_token stop);
    void runFolder(const CameraSource& source, std::stop_token stop);
    void runVideo(const CameraSource& source, std::stop_token stop);

    void setState(CameraState state, std::string message, std::string mode = {});
    void deliver(cv::Mat image);
    // Sleeps until `until`; returns false when asked to stop meanwhile.
    bool sleepUntil(std::chrono::steady_clock::time_point until, std::stop_token stop);

    const CameraOptions options_;
    FrameSlot slot_;
    mutable std::mutex statusMutex_;  // guards the three members below; held only to copy or update
    CameraStatus status_;
    std::chrono::steady_clock::time_point lastDelivery_;  // zero until the first frame of a run
    double smoothedInterval_ = 0.0;                       // seconds between deliveries, smoothed
    std::mutex sleepMutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last member: started after everything it uses exists
};

}  // namespace devices
