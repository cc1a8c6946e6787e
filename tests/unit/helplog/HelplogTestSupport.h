// Shared by the helplog tests: fresh temp directories, fixed peppers and a manual clock.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include "support/TempDatabase.h"

#include <array>
#include <chrono>
#include <filesystem>
#include <string>

#include "kiosk/Clock.h"
#include "kiosk/helplog/Pepper.h"

namespace helplog_test {

inline std::filesystem::path freshDir(const std::string& name) {
    return test_support::freshDir("helplog", name);
}

// A pepper of bytes first, first+1, ... (synthetic; real ones come from randombytes_buf).
inline kiosk::helplog::Pepper pepperFrom(unsigned char first) {
    std::array<unsigned char, kiosk::helplog::kPepperSize> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(first + i);
    return kiosk::helplog::Pepper(bytes);
}

// 2026-11-23 08:00 in Vietnam.
inline kiosk::WallTime morning() {
    using namespace std::chrono;
    return kiosk::WallTime(sys_days(year(2026) / November / 23) + hours(1));
}

}  // namespace helplog_test
