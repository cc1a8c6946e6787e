#include "kiosk/Clock.h"

#include <time.h>

#include <cstdio>
#include <string>

namespace kiosk {

std::string formatDay(std::chrono::sys_days day) {
    const std::chrono::year_month_day date(day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::optional<std::chrono::sys_days> parseDay(std::string_view text) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    char tail = 0;
    const std::string copy(text);
    if (text.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &tail) != 3) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                           std::chrono::day(day)};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date);
}

WallTime SystemWallClock::now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string SystemWallClock::localDay(WallTime at) const {
    const time_t seconds = std::chrono::system_clock::to_time_t(at);
    struct tm local {};
    localtime_r(&seconds, &local);
    return formatDay(std::chrono::sys_days(std::chrono::year(local.tm_year + 1900) /
                                           std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)) /
                                           std::chrono::day(static_cast<unsigned>(local.tm_mday))));
}

std::string ManualWallClock::localDay(WallTime at) const {
    return formatDay(std::chrono::floor<std::chrono::days>(at + offset_));
}

std::string formatUtc(WallTime at) {
    using namespace std::chrono;
    const sys_days day = floor<days>(at);
    const year_month_day date(day);
    const hh_mm_ss<milliseconds> time(at - day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
    return text;
}

}  // namespace kiosk
