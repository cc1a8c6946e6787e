// Drives the real UI from a small script, for tests and reviewers under Xvfb:
//
//   tap Chạm để bắt đầu        taps the widget showing that label (a real SDL finger event),
//                              once the new screen's moment of ignored touches is over
//   expect Chọn ngôn ngữ       the label must be on screen within 5 s
//   expect-absent Tiếng Việt   the label must leave the screen within 5 s
//   expect-unclipped           no text or button on screen is cut off (by the screen's edge, a
//                              label too big for its button, or a scroll region without its
//                              "more below" cue)
//   expect-reachable Huỷ       on screen, or in a scroll region behind its visible cue
//   expect-readable            body text is 30 px to the em or more at 1080p (scaled by height)
//                              and no text on screen has a line over 60 characters
//   (tap on a label hidden behind a scroll cue taps the cue until the label comes into view)
//   drag 300 Tài khoản VNeID   drags a finger 300 px down from that widget (negative: up)
//   hold 2.5 Trung tâm …       holds a finger on that widget for 2.5 s (the staff entry)
//   double-tap Tiếp theo       two taps 0.1 s apart, as a hurried finger makes them
//   expect-within 30 Lan       like expect, but waits up to 30 s (another process must act)
//   advance 91                 moves the kiosk's clock 91 s ahead (idle tests)
//   wait 0.5                   waits real time
//   screenshot home.png        saves the current frame (relative paths: beside the script)
//   # comment
//
// A failed step prints "FILE:LINE: why; visible: …" and ends the run with status 1.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "ui/Platform.h"

namespace ui {

struct ScriptStep {
    enum class Verb {
        Tap,
        DoubleTap,
        Hold,
        Expect,
        ExpectWithin,
        ExpectAbsent,
        ExpectUnclipped,
        ExpectReachable,
        ExpectReadable,
        Drag,
        Advance,
        Wait,
        Screenshot
    };
    Verb verb;
    std::string label;  // or file for Screenshot
    double number = 0;  // seconds for Advance/Wait/Hold/ExpectWithin, pixels for Drag
    int line = 0;
};

// A script is a few hundred lines; read with kiosk::readTextFile(file, kMaxUiScriptBytes).
inline constexpr std::size_t kMaxUiScriptBytes = 256 * 1024;
kiosk::Result<std::vector<ScriptStep>> parseUiScript(std::string_view text, std::string_view sourceName);

class UiScriptRunner final : public FrameObserver {
public:
    UiScriptRunner(std::vector<ScriptStep> steps, std::string sourceName, std::filesystem::path baseDir,
                   kiosk::ManualOffsetClock& clock);

    Verdict afterFrame(Platform& platform) override;
    int stepsPassed() const { return static_cast<int>(next_); }

private:
    Verdict fail(const ScriptStep& step, const std::string& why);
    void startStep();

    std::vector<ScriptStep> steps_;
    std::string sourceName_;
    std::filesystem::path baseDir_;
    kiosk::ManualOffsetClock& clock_;
    size_t next_ = 0;
    int settleFrames_ = 2;
    std::chrono::steady_clock::time_point stepStarted_{};
    bool stepStartedSet_ = false;
    int dragFrame_ = -1;
    int tapsLeft_ = 0;                                   // of a double tap
    std::chrono::steady_clock::time_point gestureAt_{};  // the hold's press, the double tap's first tap
    ImVec2 dragFrom_{};
};

}  // namespace ui
