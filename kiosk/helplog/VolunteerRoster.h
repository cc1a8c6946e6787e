// The volunteers who may sign in at this kiosk's desk, and their PIN sign-in. Everything lives in
// the kiosk database (migration 4, table `volunteer`); the PIN only as an Argon2id hash over
// PIN + pepper (PinHash.h). Never touches the UI, never logs a PIN.
//
// Lockout: `maxFailures` wrong PINs in a row lock the volunteer for `lockFor`; while locked, no
// PIN is even checked. Every wrong PIN also counts towards the kiosk-wide pause of all PIN pads
// (KioskPinPause.h), which is what keeps guessing across names slow; a team leader can lift a
// name's lock with their own PIN (unlockWithLeader), so locking names does not stop the desk. The failure
// count and the lock are in the database, so they survive a restart. Lock time is counted only while the wall
// clock moves forward (the lock stores how much of it has passed and when that was last seen): setting the
// clock back never shortens a lock, and never lengthens it by more than the step back either. A clock set
// *forward* cannot be told from time passing with the kiosk off, and ends the lock; that is accepted.
//
// Cost: verifyPin and setPin each run one Argon2id (interactive cost: 2 passes, 64 MiB; verify
// measured median 101 ms, range 93-125 ms, on the 2-core build VM; expect 2-4x that on a cheap
// ARM board) plus a transaction or two, so the UI calls them off the UI thread. Not thread-safe:
// one roster per thread; several rosters or processes on one database are safe (each change is
// one BEGIN IMMEDIATE).
//
// Usage:
//   helplog::VolunteerRoster roster(database, *pepper, clock);
//   auto lan = roster.add("Lan");
//   roster.setPin(lan->id, pinFromKeypad);                       // helplog.weak_pin, ...
//   auto check = roster.verifyPin(lan->id, pinFromKeypad);
//   if (check) std::visit(overloaded{[](const VolunteerSession&) {...},
//                                    [](const WrongPin& w) { /* w.attemptsLeft */ },
//                                    [](const LockedOut& l) { /* l.until */ }}, *check);
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/PinHash.h"
#include "kiosk/helplog/PinLockout.h"
#include "kiosk/store/Database.h"

namespace kiosk::helplog {

using VolunteerId = std::int64_t;
using kiosk::WallTime;

struct Volunteer {
    VolunteerId id = 0;
    std::string displayName;  // first name or nickname the team chose
    bool active = true;
    bool hasPin = false;
    std::optional<WallTime> lockedUntil;  // as far as the clock can tell now
    bool teamLeader = false;              // may lift another volunteer's lock (unlockWithLeader)
};

enum class VolunteerRole { Member, TeamLeader };

// A volunteer signed in. The session timeout belongs to the desk screen, not here.
struct VolunteerSession {
    VolunteerId volunteer = 0;
    std::string displayName;
    WallTime signedInAt;
};
struct WrongPin {
    int attemptsLeft = 0;  // before the lock; always at least 1 (the last one locks)
};
struct LockedOut {
    WallTime until;           // if the clock runs normally from now on
    bool wholeKiosk = false;  // the kiosk-wide pause after wrong PINs (KioskPinPause.h), not this name's lock
};
using PinCheck = std::variant<VolunteerSession, WrongPin, LockedOut>;

struct SignInPolicy {
    int maxFailures = 5;
    std::chrono::milliseconds lockFor = std::chrono::minutes(15);
    // Tests pass PinHashCost::cheapestForTests() so the suite stays fast.
    PinHashCost cost = PinHashCost::interactive();
};

class VolunteerRoster {
public:
    static constexpr std::size_t kMaxNameLength = 24;  // code points

    // `database` and `clock` must outlive the roster.
    VolunteerRoster(store::Database& database, Pepper pepper, const kiosk::WallClock& clock,
                    SignInPolicy policy = {});

    // A new active volunteer without a PIN. The name is trimmed; 1-24 characters, no control
    // characters, no '@' and no run of 4 or more digits (that is a phone or ID number, not a
    // nickname). Errors: helplog.bad_display_name, helplog.duplicate_name (among active), store.*.
    Result<Volunteer> add(std::string_view displayName, VolunteerRole role = VolunteerRole::Member);
    // Sets or changes the PIN after checkPinRules. Keeps a running lock and failure count: a new
    // PIN does not undo a guessing attempt. Errors: helplog.pin_format, helplog.weak_pin,
    // helplog.unknown_volunteer, helplog.inactive_volunteer, helplog.hash_failed, store.*.
    Status setPin(VolunteerId id, std::string_view pin);
    // The result of one sign-in attempt; wrong PINs and locks are results, not errors. Errors:
    // helplog.unknown_volunteer, helplog.inactive_volunteer, helplog.no_pin, store.*.
    Result<PinCheck> verifyPin(VolunteerId id, std::string_view pin);
    // Lifts `locked`'s PIN lock when `leader` is an active team leader and `leaderPin` is their
    // PIN. The leader's PIN is checked like a sign-in (their own lock, the kiosk pause): the
    // result is the leader's VolunteerSession when the lock was lifted, else WrongPin/LockedOut
    // for the leader. Errors: helplog.not_team_leader, and those of verifyPin.
    Result<PinCheck> unlockWithLeader(VolunteerId locked, VolunteerId leader, std::string_view leaderPin);
    // By name. Inactive ones only when asked.
    Result<std::vector<Volunteer>> list(bool includeInactive = false);
    // Can no longer sign in; kept for past help records. Errors: helplog.unknown_volunteer.
    Status deactivate(VolunteerId id);

private:
    struct Row;
    Result<Row> load(VolunteerId id);
    Result<std::optional<LockedOut>> advanceLock(Row& row, WallTime now);

    store::Database& db_;
    Pepper pepper_;
    const kiosk::WallClock& clock_;
    SignInPolicy policy_;
};

}  // namespace kiosk::helplog
