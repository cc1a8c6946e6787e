// Turns SDL finger and mouse events into ImGui's one pointer. Debian's ImGui 1.86 SDL backend
// reads the pointer from SDL's global state, which touch screens and the UI script's posted
// events don't move, so we keep our own and hand it to ImGui after the backend's NewFrame.
#pragma once

#include <SDL.h>

struct ImGuiIO;

namespace ui {

class PointerInput {
public:
    // Returns true if the event was a pointer event (consumed here, not for the backend).
    bool handle(const SDL_Event& event, int windowWidth, int windowHeight);
    void applyTo(ImGuiIO& io);

private:
    float x_ = -1;
    float y_ = -1;
    bool down_ = false;
    bool pressedSinceFrame_ = false;  // a down that must be seen even if the up came in the same frame
    bool liftAfterFrame_ = false;
    bool lastAppliedDown_ = false;  // what ImGui saw last frame (the backend overwrites io.MouseDown)     //
                                    // touch: move the pointer away after release, so nothing stays "hovered"
    SDL_FingerID finger_ = -1;
    bool fingerActive_ = false;
};

}  // namespace ui
