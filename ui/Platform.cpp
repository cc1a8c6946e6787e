#include "ui/Platform.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <spdlog/spdlog.h>
#include <stb/stb_image_write.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "ui/Theme.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"

namespace ui {

namespace {

// Frames drawn after input: press, release, the screen the tap leads to, and one to settle.
constexpr int kSettleFrames = 4;
// Even with nothing to do the loop wakes this often (cheap: no frame unless something is due).
constexpr std::chrono::milliseconds kLongestSleep{5000};
constexpr std::chrono::milliseconds kScriptFrameInterval{10};

bool isCitizenInput(const SDL_Event& event) {
    switch (event.type) {
        case SDL_FINGERDOWN:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_KEYDOWN:
        case SDL_TEXTINPUT:
        case SDL_MOUSEWHEEL: return true;
        default: return false;
    }
}

}  // namespace

std::optional<std::string> missingDisplayHint() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    if ((x11 && *x11) || (wayland && *wayland) || (driver && *driver)) return std::nullopt;
    return std::string(
        "no display found (DISPLAY and WAYLAND_DISPLAY are unset); to try the kiosk without a "
        "screen run: xvfb-run -s '-screen 0 1920x1080x24' commune-kiosk --windowed 1280x800");
}

kiosk::Result<std::unique_ptr<Platform>> Platform::open(const WindowOptions& options) {
    // Touch must not arrive twice (as finger and as synthesized mouse): PointerInput takes
    // fingers and ignores SDL's mouse copies; mouse never becomes touch.
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        std::string hint = missingDisplayHint().value_or("");
        return kiosk::Error{"ui.no_display", std::string("cannot open a window (") + SDL_GetError() + ")" +
                                                 (hint.empty() ? "" : "; " + hint)};
    }
    std::unique_ptr<Platform> platform(new Platform());
    platform->processStart_ = options.processStart;
    if (options.frameLog) {
        platform->frameLog_ = std::fopen(options.frameLog->c_str(), "a");
        if (!platform->frameLog_)
            return kiosk::Error{"ui.frame_log", "cannot write the frame log " + options.frameLog->string()};
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int width = 1280;
    int height = 800;
    if (options.windowed) {
        std::tie(width, height) = *options.windowed;
    } else {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    platform->window_ = SDL_CreateWindow("commune-kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                         width, height, flags);
    if (!platform->window_)
        return kiosk::Error{"ui.window", std::string("cannot create the window: ") + SDL_GetError()};
    platform->glContext_ = SDL_GL_CreateContext(platform->window_);
    if (!platform->glContext_) {
        return kiosk::Error{"ui.opengl", std::string("cannot start OpenGL 3.2: ") + SDL_GetError() +
                                             "; check the graphics driver (Mesa) is installed"};
    }
    SDL_GL_MakeCurrent(platform->window_, platform->glContext_);
    SDL_GL_SetSwapInterval(1);
    if (!options.windowed) SDL_ShowCursor(SDL_DISABLE);  // fingers need no arrow

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing to remember between runs; the layout is fixed
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForOpenGL(platform->window_, platform->glContext_);
    ImGui_ImplOpenGL3_Init("#version 150");
    platform->imguiReady_ = true;
    return platform;
}

Platform::~Platform() {
    if (frameLog_) std::fclose(frameLog_);
    if (imguiReady_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (glContext_) SDL_GL_DeleteContext(glContext_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

ImVec2 Platform::size() const {
    int width = 0;
    int height = 0;
    SDL_GetWindowSize(window_, &width, &height);
    return ImVec2(static_cast<float>(width), static_cast<float>(height));
}

void Platform::uploadFontAtlas() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // as after the first frame: the GPU holds it now
}

void Platform::renderFrame(FrameHandler& handler) {
    handler.beforeFrame();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    pointer_.applyTo(ImGui::GetIO());
    ImGui::NewFrame();
    widgetRegistry().beginFrame();
    handler.drawFrame();
    touchFrameEnded();
    ImGui::Render();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    glViewport(0, 0, static_cast<int>(display.x), static_cast<int>(display.y));
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(palette().background);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++framesDrawn_;
    if (frameLog_) {
        // Flushed, never synced: the log must not itself wait for a disk.
        const std::chrono::duration<double, std::milli> since =
            std::chrono::steady_clock::now() - processStart_;
        std::fprintf(frameLog_, "%.3f\n", since.count());
        std::fflush(frameLog_);
    }
}

int Platform::run(FrameHandler& handler, FrameObserver* observer) {
    int settle = kSettleFrames;
    for (;;) {
        const auto budget = handler.sleepBudget();
        auto sleep = std::clamp(budget, std::chrono::milliseconds(0), kLongestSleep);
        if (observer) sleep = std::min(sleep, kScriptFrameInterval);
        if (settle > 0) sleep = std::chrono::milliseconds(0);

        SDL_Event event;
        bool have = sleep.count() > 0 ? SDL_WaitEventTimeout(&event, static_cast<int>(sleep.count())) == 1
                                      : SDL_PollEvent(&event) == 1;
        const bool woke = have;
        int width = 0;
        int height = 0;
        SDL_GetWindowSize(window_, &width, &height);
        while (have) {
            if (event.type == SDL_QUIT) return 0;
            if (!pointer_.handle(event, width, height)) ImGui_ImplSDL2_ProcessEvent(&event);
            if (isCitizenInput(event)) handler.onCitizenInput();
            settle = kSettleFrames;
            have = SDL_PollEvent(&event) == 1;
        }
        // systemd's watchdog (WatchdogSec=30) restarts a kiosk whose UI loop stopped turning; the
        // loop turns at least every kLongestSleep even when it draws nothing. No-op outside systemd.
        sd_notify(0, "WATCHDOG=1");
        // Woken only by our own cap, with nothing due and nothing new: the screen is unchanged.
        if (settle == 0 && !observer && sleep == kLongestSleep && budget > kLongestSleep && !woke) continue;

        renderFrame(handler);
        if (observer) {
            const auto verdict = observer->afterFrame(*this);
            if (verdict == FrameObserver::Verdict::Finished) return 0;
            if (verdict == FrameObserver::Verdict::Failed) return 1;
        }
        SDL_GL_SwapWindow(window_);
        if (framesDrawn_ == 1) {
            sd_notify(0, "READY=1");
            // The font texture is on the GPU now; the CPU copy is dead weight for the kiosk's life.
            ImGui::GetIO().Fonts->ClearTexData();
            const auto shownAfter = std::chrono::steady_clock::now() - processStart_;
            spdlog::info("first frame shown {} ms after start",
                         std::chrono::duration_cast<std::chrono::milliseconds>(shownAfter).count());
        }
        if (settle > 0) --settle;
    }
}

namespace {

void pushFinger(SDL_Window* window, Uint32 type, ImVec2 at) {
    int width = 0;
    int height = 0;
    SDL_GetWindowSize(window, &width, &height);
    SDL_Event event{};
    event.type = type;
    event.tfinger.timestamp = SDL_GetTicks();
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = 1;
    event.tfinger.x = at.x / static_cast<float>(width);
    event.tfinger.y = at.y / static_cast<float>(height);
    event.tfinger.pressure = 1.0f;
    event.tfinger.windowID = SDL_GetWindowID(window);
    SDL_PushEvent(&event);
}

}  // namespace

void Platform::postFingerDown(ImVec2 at) {
    pushFinger(window_, SDL_FINGERDOWN, at);
}
void Platform::postFingerMotion(ImVec2 at) {
    pushFinger(window_, SDL_FINGERMOTION, at);
}
void Platform::postFingerUp(ImVec2 at) {
    pushFinger(window_, SDL_FINGERUP, at);
}

kiosk::Status Platform::saveScreenshot(const std::filesystem::path& file) {
    int width = 0;
    int height = 0;
    SDL_GL_GetDrawableSize(window_, &width, &height);
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    const size_t stride = static_cast<size_t>(width) * 4;
    std::vector<unsigned char> flipped(pixels.size());
    for (int row = 0; row < height; ++row) {
        std::copy_n(pixels.data() + static_cast<size_t>(height - 1 - row) * stride, stride,
                    flipped.data() + static_cast<size_t>(row) * stride);
    }
    for (size_t i = 3; i < flipped.size(); i += 4)
        flipped[i] = 255;
    std::error_code ignored;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
    if (!stbi_write_png(file.c_str(), width, height, 4, flipped.data(), static_cast<int>(stride))) {
        return kiosk::Error{"ui.screenshot", "cannot write the screenshot " + file.string()};
    }
    return kiosk::success();
}

}  // namespace ui
