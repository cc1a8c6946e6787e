// libFuzzer target for the Retry-After header and the HTTP dates behind it (parseRetryAfter,
// parseHttpDate) and the delay built from it (retryDelay). The first 12 input bytes choose the
// clocks, failure count and random number; the rest is the header value. It checks that a wait is
// never negative nor over the cap, that delay-seconds mean seconds, and that the jitter added to a
// server's wait stays within 10% and a minute.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "FuzzSupport.h"
#include "kiosk/sync/Backoff.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::sync;
    using kiosk::WallTime;
    using std::chrono::milliseconds;
    std::uint8_t head[12] = {};
    std::memcpy(head, data, std::min<std::size_t>(size, sizeof head));
    const std::size_t skip = std::min<std::size_t>(size, sizeof head);
    const std::string_view value(reinterpret_cast<const char*>(data) + skip, size - skip);

    // Local clock anywhere from 1970 to ~2106; the server's Date, when sent, within a day of it.
    std::uint32_t localSeconds = 0;
    std::memcpy(&localSeconds, head, 4);
    const WallTime localNow{milliseconds(std::int64_t{localSeconds} * 1000)};
    std::int32_t skew = 0;
    std::memcpy(&skew, head + 4, 4);
    const std::optional<WallTime> serverDate =
        (head[4] & 1) ? std::optional<WallTime>(localNow + milliseconds(skew % 86'400'000)) : std::nullopt;
    const milliseconds longest = std::chrono::hours(1);

    if (const auto date = parseHttpDate(value)) {
        (void)date->time_since_epoch().count();
    }
    const auto wait = parseRetryAfter(value, serverDate, localNow, longest);
    if (!wait) return 0;
    FUZZ_EXPECT(*wait >= milliseconds::zero() && *wait <= longest);

    std::string_view trimmed = value;
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
        trimmed.remove_prefix(1);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t' || trimmed.back() == '\r'))
        trimmed.remove_suffix(1);
    if (!trimmed.empty() && trimmed.size() <= 6 &&
        std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::int64_t seconds = 0;
        for (const char c : trimmed)
            seconds = seconds * 10 + (c - '0');
        FUZZ_EXPECT(*wait == std::min<milliseconds>(milliseconds(seconds * 1000), longest));
    }

    const int failures = 1 + head[8] % 40;
    std::uint32_t random = 0;
    std::memcpy(&random, head + 8, 4);
    const milliseconds delay = retryDelay(failures, random, wait, milliseconds(500), std::chrono::minutes(5));
    FUZZ_EXPECT(delay >= *wait);
    FUZZ_EXPECT(delay - *wait <= std::min<milliseconds>(*wait / 10, std::chrono::minutes(1)));
    const milliseconds jitter =
        retryDelay(failures, random, std::nullopt, milliseconds(500), std::chrono::minutes(5));
    FUZZ_EXPECT(jitter >= milliseconds::zero() && jitter <= std::chrono::minutes(5));
    return 0;
}
