// Calendar time for the ticket queue: which local day a ticket belongs to and when things
// happened. The wall clock can jump (NTP, a technician setting the date), so TicketBook uses it
// only to name the day and to time service; order and numbers come from the database.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::queue {

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

}  // namespace kiosk::queue
