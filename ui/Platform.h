// The window and the event-driven loop: SDL2 + OpenGL3 + Dear ImGui. The loop sleeps in
// SDL_WaitEventTimeout until input, a timer the app asks for, or new data; after input it draws
// a few extra frames so presses, releases and screen changes settle, then sleeps again.
#pragma once

#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "kiosk/Result.h"
#include "ui/PointerInput.h"

struct SDL_Window;

namespace ui {

class Platform;

class FrameHandler {
public:
    virtual ~FrameHandler() = default;
    // Between frames, before ImGui's: the place to swap fonts or the style (a citizen's A+).
    virtual void beforeFrame() {}
    virtual void drawFrame() = 0;                         // builds one ImGui frame
    virtual std::chrono::milliseconds sleepBudget() = 0;  // how long nothing will change by itself
    virtual void onCitizenInput() = 0;                    // a touch, click or key
};

// Watches each rendered frame (before it is shown); the UI script is one.
class FrameObserver {
public:
    enum class Verdict { Continue, Finished, Failed };
    virtual ~FrameObserver() = default;
    virtual Verdict afterFrame(Platform& platform) = 0;
};

struct WindowOptions {
    std::optional<std::pair<int, int>> windowed;  // nullopt: fullscreen on the whole display
    std::chrono::steady_clock::time_point processStart = std::chrono::steady_clock::now();
    // --frame-log: one line per drawn frame, milliseconds since start (checks of smoothness).
    std::optional<std::filesystem::path> frameLog;
};

class Platform {
public:
    static kiosk::Result<std::unique_ptr<Platform>> open(const WindowOptions& options);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    ImVec2 size() const;
    // After the font atlas was rebuilt between frames: the GPU copy is made again from it.
    static void uploadFontAtlas();
    // Runs until the window is closed or the observer finishes. Returns the process exit code.
    int run(FrameHandler& handler, FrameObserver* observer);

    // Posts real SDL touch events, as a finger on the screen would.
    void postFingerDown(ImVec2 at);
    void postFingerMotion(ImVec2 at);
    void postFingerUp(ImVec2 at);
    kiosk::Status saveScreenshot(const std::filesystem::path& file);
    int framesDrawn() const { return framesDrawn_; }

private:
    Platform() = default;
    void renderFrame(FrameHandler& handler);

    SDL_Window* window_ = nullptr;
    void* glContext_ = nullptr;
    PointerInput pointer_;
    int framesDrawn_ = 0;
    bool imguiReady_ = false;
    std::FILE* frameLog_ = nullptr;
    std::chrono::steady_clock::time_point processStart_;
};

// Why there is no window, and the one line that says how to get one.
std::optional<std::string> missingDisplayHint();

}  // namespace ui
