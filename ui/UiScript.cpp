#include "ui/UiScript.h"

#include <cstdio>
#include <sstream>

#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"

namespace ui {

namespace {

constexpr auto kExpectTimeout = std::chrono::seconds(5);
constexpr int kFramesAfterAction = 4;
constexpr int kDragFrames = 10;

std::string trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r");
    return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

kiosk::Result<std::vector<ScriptStep>> parseUiScript(std::string_view text, std::string_view sourceName) {
    std::vector<ScriptStep> steps;
    std::istringstream lines{std::string(text)};
    std::string raw;
    int lineNumber = 0;
    while (std::getline(lines, raw)) {
        ++lineNumber;
        const std::string line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        const auto space = line.find(' ');
        const std::string verb = line.substr(0, space);
        std::string rest = space == std::string::npos ? "" : trim(line.substr(space + 1));
        auto bad = [&](const std::string& why) {
            return kiosk::Error{"script.syntax",
                                std::string(sourceName) + ":" + std::to_string(lineNumber) + ": " + why};
        };
        ScriptStep step{ScriptStep::Verb::Tap, "", 0, lineNumber};
        auto readNumber = [&](std::string& after) -> bool {
            size_t used = 0;
            try {
                step.number = std::stod(rest, &used);
            } catch (...) {
                return false;
            }
            after = trim(std::string_view(rest).substr(used));
            return true;
        };
        std::string after;
        if (verb == "tap" || verb == "double-tap" || verb == "expect" || verb == "expect-absent" ||
            verb == "expect-reachable") {
            step.verb = verb == "tap"             ? ScriptStep::Verb::Tap
                        : verb == "double-tap"    ? ScriptStep::Verb::DoubleTap
                        : verb == "expect"        ? ScriptStep::Verb::Expect
                        : verb == "expect-absent" ? ScriptStep::Verb::ExpectAbsent
                                                  : ScriptStep::Verb::ExpectReachable;
            if (rest.empty()) return bad(verb + " needs a label");
            step.label = rest;
        } else if (verb == "expect-unclipped" || verb == "expect-readable") {
            step.verb = verb == "expect-unclipped" ? ScriptStep::Verb::ExpectUnclipped
                                                   : ScriptStep::Verb::ExpectReadable;
            if (!rest.empty()) return bad(verb + " takes nothing after it");
        } else if (verb == "drag") {
            step.verb = ScriptStep::Verb::Drag;
            if (!readNumber(after) || after.empty())
                return bad("drag needs pixels and a label: drag 300 Label");
            step.label = after;
        } else if (verb == "hold" || verb == "expect-within") {
            step.verb = verb == "hold" ? ScriptStep::Verb::Hold : ScriptStep::Verb::ExpectWithin;
            if (!readNumber(after) || after.empty() || step.number <= 0)
                return bad(verb + " needs seconds and a label: " + verb + " 2.5 Label");
            step.label = after;
        } else if (verb == "advance" || verb == "wait") {
            step.verb = verb == "advance" ? ScriptStep::Verb::Advance : ScriptStep::Verb::Wait;
            if (!readNumber(after) || !after.empty() || step.number < 0)
                return bad(verb + " needs seconds, e.g. " + verb + " 2");
        } else if (verb == "screenshot") {
            step.verb = ScriptStep::Verb::Screenshot;
            if (rest.empty()) return bad("screenshot needs a file name");
            step.label = rest;
        } else {
            return bad("unknown command '" + verb +
                       "' (tap, double-tap, hold, expect, expect-within, expect-absent, expect-unclipped, "
                       "expect-reachable, expect-readable, drag, advance, wait, screenshot)");
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

UiScriptRunner::UiScriptRunner(std::vector<ScriptStep> steps, std::string sourceName,
                               std::filesystem::path baseDir, kiosk::ManualOffsetClock& clock)
    : steps_(std::move(steps)),
      sourceName_(std::move(sourceName)),
      baseDir_(std::move(baseDir)),
      clock_(clock) {}

FrameObserver::Verdict UiScriptRunner::fail(const ScriptStep& step, const std::string& why) {
    std::fprintf(stderr, "%s:%d: %s; visible: %s\n", sourceName_.c_str(), step.line, why.c_str(),
                 widgetRegistry().describe().c_str());
    return Verdict::Failed;
}

void UiScriptRunner::startStep() {
    stepStarted_ = std::chrono::steady_clock::now();
    stepStartedSet_ = true;
}

FrameObserver::Verdict UiScriptRunner::afterFrame(Platform& platform) {
    const WidgetRegistry& registry = widgetRegistry();
    while (next_ < steps_.size()) {
        if (settleFrames_ > 0) {
            --settleFrames_;
            return Verdict::Continue;
        }
        const ScriptStep& step = steps_[next_];
        if (!stepStartedSet_) startStep();
        const auto elapsed = std::chrono::steady_clock::now() - stepStarted_;
        const bool timedOut = elapsed > kExpectTimeout;
        auto advance = [&](int frames) {
            ++next_;
            stepStartedSet_ = false;
            settleFrames_ = frames;
        };

        switch (step.verb) {
            case ScriptStep::Verb::Tap: {
                // A person reads the new screen before touching it; a script waits out the moment
                // in which it ignores touches.
                const WidgetRecord* widget = registry.find(step.label, true);
                if (!widget && !registry.tapsIgnored()) {
                    // Below the edge of a list: turn its page, as a person would, then look again.
                    if (auto cue = registry.scrollCueFor(step.label); cue && !timedOut) {
                        platform.postFingerDown(*cue);
                        platform.postFingerUp(*cue);
                        settleFrames_ = kFramesAfterAction;
                        return Verdict::Continue;
                    }
                }
                if (!widget || !widget->enabled || registry.tapsIgnored()) {
                    if (timedOut)
                        return fail(step, "no enabled widget '" + step.label + "' to tap after 5 s");
                    return Verdict::Continue;
                }
                platform.postFingerDown(widget->centre());
                platform.postFingerUp(widget->centre());
                advance(kFramesAfterAction);
                return Verdict::Continue;
            }
            case ScriptStep::Verb::DoubleTap: {
                // Both taps land where the widget was, 0.1 s apart, whatever the screen does.
                if (tapsLeft_ == 0) {
                    const WidgetRecord* widget = registry.find(step.label, true);
                    if (!widget || !widget->enabled || registry.tapsIgnored()) {
                        if (timedOut)
                            return fail(step, "no enabled widget '" + step.label + "' to tap after 5 s");
                        return Verdict::Continue;
                    }
                    dragFrom_ = widget->centre();
                    platform.postFingerDown(dragFrom_);
                    platform.postFingerUp(dragFrom_);
                    gestureAt_ = std::chrono::steady_clock::now();
                    tapsLeft_ = 1;
                    return Verdict::Continue;
                }
                if (std::chrono::steady_clock::now() - gestureAt_ < std::chrono::milliseconds(100))
                    return Verdict::Continue;
                platform.postFingerDown(dragFrom_);
                platform.postFingerUp(dragFrom_);
                tapsLeft_ = 0;
                advance(kFramesAfterAction);
                return Verdict::Continue;
            }
            case ScriptStep::Verb::Hold: {
                if (dragFrame_ < 0) {
                    const WidgetRecord* widget = registry.find(step.label, true);
                    if (!widget || registry.tapsIgnored()) {
                        if (timedOut) return fail(step, "no widget '" + step.label + "' to hold after 5 s");
                        return Verdict::Continue;
                    }
                    dragFrom_ = widget->centre();
                    platform.postFingerDown(dragFrom_);
                    gestureAt_ = std::chrono::steady_clock::now();
                    dragFrame_ = 0;
                    return Verdict::Continue;
                }
                if (std::chrono::steady_clock::now() - gestureAt_ <
                    std::chrono::duration<double>(step.number))
                    return Verdict::Continue;
                platform.postFingerUp(dragFrom_);
                dragFrame_ = -1;
                advance(kFramesAfterAction);
                return Verdict::Continue;
            }
            case ScriptStep::Verb::Expect:
            case ScriptStep::Verb::ExpectWithin: {
                const bool within = step.verb == ScriptStep::Verb::ExpectWithin;
                if (!registry.find(step.label, false)) {
                    if (within ? elapsed > std::chrono::duration<double>(step.number) : timedOut) {
                        return fail(step, "'" + step.label + "' is not on screen after " +
                                              (within ? std::to_string(static_cast<int>(step.number)) : "5") +
                                              " s");
                    }
                    return Verdict::Continue;
                }
                advance(0);
                break;
            }
            case ScriptStep::Verb::ExpectAbsent:
                if (registry.find(step.label, false)) {
                    if (timedOut) return fail(step, "'" + step.label + "' is still on screen after 5 s");
                    return Verdict::Continue;
                }
                advance(0);
                break;
            case ScriptStep::Verb::ExpectReachable:
                if (!registry.find(step.label, false) && !registry.scrollCueFor(step.label)) {
                    if (timedOut)
                        return fail(step,
                                    "'" + step.label + "' is neither on screen nor behind a scroll cue");
                    return Verdict::Continue;
                }
                advance(0);
                break;
            case ScriptStep::Verb::ExpectReadable: {
                const ImGuiIO& io = ImGui::GetIO();
                const float bodyEm = io.FontDefault->FontSize / kNotoLineHeightPerEm;
                const float wanted = 30 * io.DisplaySize.y / 1080;
                if (bodyEm < wanted - 0.5f) {
                    return fail(step, "body text is " + std::to_string(bodyEm) + " px to the em, under " +
                                          std::to_string(wanted));
                }
                if (const std::string longLines = registry.describeLinesLongerThan(kMaxLineChars);
                    !longLines.empty()) {
                    return fail(step,
                                "lines over " + std::to_string(kMaxLineChars) + " characters: " + longLines);
                }
                advance(0);
                break;
            }
            case ScriptStep::Verb::ExpectUnclipped:
                // At once, not within 5 s: a layout that is cut off stays cut off.
                if (const std::string clipped = registry.describeClipped(); !clipped.empty()) {
                    return fail(step, "cut off: " + clipped);
                }
                advance(0);
                break;
            case ScriptStep::Verb::Drag: {
                if (dragFrame_ < 0) {
                    const WidgetRecord* widget = registry.find(step.label, false);
                    if (!widget) {
                        if (timedOut) return fail(step, "no widget '" + step.label + "' to drag after 5 s");
                        return Verdict::Continue;
                    }
                    dragFrom_ = widget->centre();
                    platform.postFingerDown(dragFrom_);
                    dragFrame_ = 0;
                    return Verdict::Continue;
                }
                ++dragFrame_;
                const float fraction = static_cast<float>(dragFrame_) / kDragFrames;
                const ImVec2 at(dragFrom_.x, dragFrom_.y + static_cast<float>(step.number) * fraction);
                if (dragFrame_ < kDragFrames) {
                    platform.postFingerMotion(at);
                    return Verdict::Continue;
                }
                platform.postFingerUp(at);
                dragFrame_ = -1;
                advance(kFramesAfterAction);
                return Verdict::Continue;
            }
            case ScriptStep::Verb::Advance:
                clock_.advance(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(step.number)));
                advance(kFramesAfterAction);
                return Verdict::Continue;
            case ScriptStep::Verb::Wait:
                if (elapsed < std::chrono::duration<double>(step.number)) return Verdict::Continue;
                advance(0);
                break;
            case ScriptStep::Verb::Screenshot: {
                const std::filesystem::path file(step.label);
                const auto target = file.is_absolute() ? file : baseDir_ / file;
                if (kiosk::Status saved = platform.saveScreenshot(target); !saved) {
                    return fail(step, saved.error().message);
                }
                advance(0);
                break;
            }
        }
    }
    std::fprintf(stderr, "%s: %zu steps passed\n", sourceName_.c_str(), steps_.size());
    return Verdict::Finished;
}

}  // namespace ui
