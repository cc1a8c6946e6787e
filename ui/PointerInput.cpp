#include "ui/PointerInput.h"

#include <imgui.h>

#include <cfloat>

namespace ui {

bool PointerInput::handle(const SDL_Event& event, int windowWidth, int windowHeight) {
    switch (event.type) {
        case SDL_FINGERDOWN:
            if (fingerActive_) return true;  // one finger drives the kiosk; others are ignored
            fingerActive_ = true;
            finger_ = event.tfinger.fingerId;
            x_ = event.tfinger.x * static_cast<float>(windowWidth);
            y_ = event.tfinger.y * static_cast<float>(windowHeight);
            down_ = true;
            pressedSinceFrame_ = true;
            liftAfterFrame_ = false;
            return true;
        case SDL_FINGERMOTION:
            if (!fingerActive_ || event.tfinger.fingerId != finger_) return true;
            x_ = event.tfinger.x * static_cast<float>(windowWidth);
            y_ = event.tfinger.y * static_cast<float>(windowHeight);
            return true;
        case SDL_FINGERUP:
            if (!fingerActive_ || event.tfinger.fingerId != finger_) return true;
            fingerActive_ = false;
            x_ = event.tfinger.x * static_cast<float>(windowWidth);
            y_ = event.tfinger.y * static_cast<float>(windowHeight);
            down_ = false;
            liftAfterFrame_ = true;
            return true;
        case SDL_MOUSEMOTION:
            if (event.motion.which == SDL_TOUCH_MOUSEID) return true;  // SDL's copy of a finger event
            x_ = static_cast<float>(event.motion.x);
            y_ = static_cast<float>(event.motion.y);
            return true;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
                return true;
            x_ = static_cast<float>(event.button.x);
            y_ = static_cast<float>(event.button.y);
            down_ = event.type == SDL_MOUSEBUTTONDOWN;
            if (down_) pressedSinceFrame_ = true;
            return true;
        default:
            return false;
    }
}

void PointerInput::applyTo(ImGuiIO& io) {
    if (liftAfterFrame_ && !pressedSinceFrame_ && !lastAppliedDown_) {
        // The release was delivered last frame at the finger's position; now the finger is gone.
        x_ = y_ = -FLT_MAX;
        liftAfterFrame_ = false;
    }
    io.MousePos = ImVec2(x_, y_);
    io.MouseDown[0] = down_ || pressedSinceFrame_;
    lastAppliedDown_ = io.MouseDown[0];
    pressedSinceFrame_ = false;
}

}  // namespace ui
