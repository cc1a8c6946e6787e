// The pause every PIN pad on this kiosk shares (the volunteers' desk pad, the leader's unlock,
// the technician pad). Per-name locks alone let a passer-by lock the whole team out, one name
// after another; this pause makes guessing slow across all names instead: after
// `kWrongPinsBeforePause` wrong PINs on this kiosk, whoever they were for, no PIN is checked for
// a short time that doubles with each pause in a row (30 s, 1, 2, 4, then 5 minutes at most).
// A correct PIN ends the run. The pad shows the countdown.
//
// Kept in kiosk_meta, so a restart gives no fresh tries; counted in elapsed time the way the
// per-name lock is (PinLockout.h), so a clock corrected after running ahead does not stretch it.
// Call inside the caller's transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/Result.h"
#include "kiosk/store/Database.h"

namespace kiosk::helplog {

inline constexpr int kWrongPinsBeforePause = 5;
inline constexpr std::chrono::milliseconds kFirstPause = std::chrono::seconds(30);
inline constexpr std::chrono::milliseconds kLongestPause = std::chrono::minutes(5);

// How long the `pausesInARow`-th pause lasts (1 for the first).
std::chrono::milliseconds pauseLength(int pausesInARow);

// What is left of a running pause at `nowMs` (counted and saved), or nothing.
Result<std::optional<std::chrono::milliseconds>> kioskPinPauseLeft(store::Database& database,
                                                                   std::int64_t nowMs);
// A wrong PIN on any pad: counted; returns the pause it started, if it started one.
Result<std::optional<std::chrono::milliseconds>> countKioskWrongPin(store::Database& database,
                                                                    std::int64_t nowMs);
// A correct PIN: the next wrong one starts a fresh count and the first, shortest pause.
Status clearKioskWrongPins(store::Database& database);

// "4:05" for the pad's countdown; rounded up, so it never shows 0:00 while the pause still runs.
std::string pauseCountdownText(std::chrono::milliseconds left);

}  // namespace kiosk::helplog
