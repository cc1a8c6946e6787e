// Time for rules that depend on it (idle timeouts, countdowns). The UI script advances a
// ManualOffsetClock so idle behaviour can be tested without waiting 90 real seconds.
#pragma once

#include <chrono>

namespace kiosk {

using SteadyTime = std::chrono::steady_clock::time_point;
using Seconds = std::chrono::duration<double>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual SteadyTime now() const = 0;
};

class SystemClock final : public Clock {
public:
    SteadyTime now() const override { return std::chrono::steady_clock::now(); }
};

// Real time plus an offset that only ever grows: advancing never makes time run backwards.
class ManualOffsetClock final : public Clock {
public:
    SteadyTime now() const override { return std::chrono::steady_clock::now() + offset_; }
    void advance(std::chrono::steady_clock::duration by) {
        if (by.count() > 0) offset_ += by;
    }

private:
    std::chrono::steady_clock::duration offset_{};
};

}  // namespace kiosk
