// The brute-force lock every PIN pad shares (volunteers at the desk, the technician): after
// `maxFailures` wrong PINs in a row the pad locks for `lockFor`, and no PIN is even checked
// meanwhile. Pure; the caller stores the three numbers (they must survive a restart).
//
// Lock time is elapsed time, counted only while the wall clock moves forward: the lock keeps
// how much of it has passed and the clock reading it was counted to. Setting the clock back
// never shortens a lock and never lengthens it by more than the step back; a clock that ran a
// year ahead and is corrected does not leave the pad locked for a year. A clock set *forward*
// cannot be told from time passing with the kiosk off, and ends the lock; that is accepted.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace kiosk::helplog {

struct PinLockout {
    int failures = 0;
    // Both set while locked: lock time counted so far, and the clock reading it was counted to.
    std::optional<std::int64_t> elapsedMs;
    std::optional<std::int64_t> seenAtMs;

    bool locked() const { return seenAtMs.has_value(); }
    // Counts the lock time that passed up to `nowMs`; ends the lock (and forgets the failures)
    // once `lockFor` was counted. True when anything changed (the caller saves it).
    bool advance(std::int64_t nowMs, std::chrono::milliseconds lockFor);
    // What is left of the lock, if locked (call advance() first).
    std::optional<std::chrono::milliseconds> remaining(std::chrono::milliseconds lockFor) const;
    // A wrong PIN at `nowMs`: counted, and the `maxFailures`-th starts the lock. True when it locked.
    bool countFailure(std::int64_t nowMs, int maxFailures);
    // Tries left before the lock (at least 1 while not locked).
    int attemptsLeft(int maxFailures) const;
    void succeed() { failures = 0; }
};

}  // namespace kiosk::helplog
