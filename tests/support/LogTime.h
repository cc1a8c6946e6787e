// The time stamp of one of the kiosk's log lines, for tests that time what a child process did.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

namespace testsupport {

// "2026-12-03 19:58:01.123" (spdlog's pattern; the child runs with TZ=UTC) as a time point.
inline std::optional<std::chrono::system_clock::time_point> logTime(const std::string& stamp) {
    std::tm parts{};
    int millis = 0;
    if (std::sscanf(stamp.c_str(), "%d-%d-%d %d:%d:%d.%d", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                    &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &millis) != 7)
        return std::nullopt;
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&parts)) + std::chrono::milliseconds(millis);
}

}  // namespace testsupport
