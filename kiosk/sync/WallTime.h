// Device (wall-clock) time as the outbox stores and sends it: UTC milliseconds since 1970. The
// same type as kiosk::queue::WallTime, so ticket times pass straight through.
#pragma once

#include <chrono>
#include <string>

namespace kiosk::sync {

using WallTime = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-23T02:05:09.123Z": how event and diagnostics times travel and are shown.
std::string formatUtc(WallTime at);

}  // namespace kiosk::sync
