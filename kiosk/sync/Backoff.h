// When to try again after a failed upload. Pure: the random number and the times come in as
// arguments, so tests decide them.
//
// Full jitter (the AWS architecture blog's "Exponential Backoff And Jitter"): after the n-th
// failure in a row wait a uniformly random time in [0, min(cap, base · 2^(n-1))]. Kiosks that
// lost the link together then do not come back together. A server's Retry-After wins over it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "kiosk/Clock.h"

namespace kiosk::sync {

using std::chrono::milliseconds;

// `failures` ≥ 1 failed attempts in a row; `random` uniform over all uint32_t values.
milliseconds fullJitterDelay(int failures, uint32_t random, milliseconds base, milliseconds cap);

// An HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms).
std::optional<WallTime> parseHttpDate(std::string_view text);

// The wait a Retry-After header asks for: delay-seconds, or an HTTP-date measured against the
// server's own Date header when it sent one (so a kiosk clock that is off does not matter),
// else against `localNow`. Never negative; capped at `longest` (a broken header must not stop
// the kiosk for days). nullopt when the value is neither form.
std::optional<milliseconds> parseRetryAfter(std::string_view value, std::optional<WallTime> serverDate,
                                            WallTime localNow, milliseconds longest = std::chrono::hours(1));

// The wait after a retryable failure: Retry-After plus up to 10% jitter (at most a minute) when the
// server sent one, else full jitter.
milliseconds retryDelay(int failures, uint32_t random, std::optional<milliseconds> retryAfter,
                        milliseconds base, milliseconds cap);

}  // namespace kiosk::sync
