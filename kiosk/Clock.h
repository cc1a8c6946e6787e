// The kiosk's two clocks, the one place time comes from.
// - Steady time (SteadyTime, Clock) for rules that measure durations on screen: idle timeouts,
//   countdowns. The UI script advances a ManualOffsetClock so idle behaviour can be tested
//   without waiting 90 real seconds.
// - Wall time (WallTime, WallClock) for what is stored and sent: which local day a ticket
//   belongs to, when things happened (UTC milliseconds since 1970). The wall clock can jump (NTP,
//   a technician setting the date), so order and numbers never come from it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

using WallTime = std::chrono::sys_time<std::chrono::milliseconds>;

class WallClock {
public:
    virtual ~WallClock() = default;
    virtual WallTime now() const = 0;
    // The local calendar day at `at`, as "YYYY-MM-DD".
    virtual std::string localDay(WallTime at) const = 0;
};

// The system clock and the system time zone (the kiosk image sets Asia/Ho_Chi_Minh).
class SystemWallClock final : public WallClock {
public:
    WallTime now() const override;
    std::string localDay(WallTime at) const override;
};

// A clock that shows what it is set to, in a fixed UTC offset (Vietnam: +7 h, no summer time).
// For tests and the UI script: it can be moved backwards, like NTP moves a real one.
class ManualWallClock final : public WallClock {
public:
    explicit ManualWallClock(WallTime start, std::chrono::minutes utcOffset = std::chrono::hours(7))
        : now_(start), offset_(utcOffset) {}

    WallTime now() const override { return now_; }
    std::string localDay(WallTime at) const override;
    void set(WallTime at) { now_ = at; }
    void advance(std::chrono::milliseconds by) { now_ += by; }

private:
    WallTime now_;
    std::chrono::minutes offset_;
};

// "YYYY-MM-DD" for a day count since 1970-01-01, and back (nullopt when not a valid date).
std::string formatDay(std::chrono::sys_days day);
std::optional<std::chrono::sys_days> parseDay(std::string_view text);

// Wall time as the database stores it, and back.
inline std::int64_t toMillis(WallTime at) {
    return at.time_since_epoch().count();
}
inline WallTime fromMillis(std::int64_t ms) {
    return WallTime(std::chrono::milliseconds(ms));
}
// "2026-11-23T02:05:09.123Z": how event and diagnostics times travel and are shown.
std::string formatUtc(WallTime at);

}  // namespace kiosk
