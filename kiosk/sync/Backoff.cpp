#include "kiosk/sync/Backoff.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>

namespace kiosk::sync {

milliseconds fullJitterDelay(int failures, uint32_t random, milliseconds base, milliseconds cap) {
    if (failures < 1 || base <= milliseconds::zero() || cap <= milliseconds::zero())
        return milliseconds::zero();
    // base · 2^(n-1), without overflowing: stop doubling once past the cap.
    int64_t ceiling = base.count();
    for (int i = 1; i < failures && ceiling < cap.count(); ++i)
        ceiling *= 2;
    // At most 2^31 ms (24 days) so the product below fits in 64 bits.
    ceiling = std::min<int64_t>({ceiling, cap.count(), int64_t{1} << 31});
    // Uniform over [0, ceiling]: the random fraction random / 2^32 times (ceiling + 1).
    const uint64_t scaled = (uint64_t{random} * static_cast<uint64_t>(ceiling + 1)) >> 32;
    return milliseconds(static_cast<int64_t>(scaled));
}

std::optional<WallTime> parseHttpDate(std::string_view text) {
    // curl_getdate understands all three HTTP-date forms and needs a terminated string.
    const std::string terminated(text);
    if (terminated.empty() || terminated.size() > 64) return std::nullopt;
    const time_t seconds = curl_getdate(terminated.c_str(), nullptr);
    // curl_getdate also reads years far past 9999 ("Dec0449444444" gave 1.4e16 s), whose
    // milliseconds overflow int64 (undefined behaviour, found by fuzz_retry_after). Such a date,
    // or one before 1970 (-1 is curl's error), is no date a server means.
    constexpr time_t kLastSecondOfYear9999 = 253'402'300'799;
    if (seconds < 0 || seconds > kLastSecondOfYear9999) return std::nullopt;
    return WallTime(std::chrono::seconds(seconds));
}

std::optional<milliseconds> parseRetryAfter(std::string_view value, std::optional<WallTime> serverDate,
                                            WallTime localNow, milliseconds longest) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
        value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // delay-seconds; more than 9 digits is over 30 years and certainly past the cap.
        if (value.size() > 9) return longest;
        return std::min(milliseconds(std::stoll(std::string(value)) * 1000), longest);
    }
    const auto until = parseHttpDate(value);
    if (!until) return std::nullopt;
    const WallTime from = serverDate.value_or(localNow);
    return std::clamp(milliseconds(*until - from), milliseconds::zero(), longest);
}

milliseconds retryDelay(int failures, uint32_t random, std::optional<milliseconds> retryAfter,
                        milliseconds base, milliseconds cap) {
    if (retryAfter) {
        const milliseconds spread = std::min<milliseconds>(*retryAfter / 10, std::chrono::minutes(1));
        return *retryAfter + fullJitterDelay(1, random, spread, spread);
    }
    return fullJitterDelay(failures, random, base, cap);
}

}  // namespace kiosk::sync
