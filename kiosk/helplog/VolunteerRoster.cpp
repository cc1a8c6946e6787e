#include "kiosk/helplog/VolunteerRoster.h"

#include <algorithm>
#include <utility>
#include <variant>

#include "kiosk/PersonalData.h"
#include "kiosk/helplog/KioskPinPause.h"
#include "kiosk/helplog/VolunteerName.h"
#include "kiosk/scan/Utf8.h"

namespace kiosk::helplog {

struct VolunteerRoster::Row {
    VolunteerId id = 0;
    std::string displayName;
    std::optional<std::string> pinHash;
    bool active = true;
    PinLockout lock;
    bool teamLeader = false;
};

namespace {

constexpr std::string_view kSelectRow =
    "SELECT id, display_name, pin_hash, active, failed_attempts, lock_elapsed_ms, lock_seen_at_ms, "
    "team_leader FROM volunteer";

PinLockout lockFrom(const store::Statement& row) {
    return PinLockout{static_cast<int>(row.columnInt(4)), row.columnOptionalInt(5), row.columnOptionalInt(6)};
}

Error unknownVolunteer() {
    return Error{"helplog.unknown_volunteer",
                 "this volunteer is not on the list any more; refresh the list and choose again"};
}

Error inactiveVolunteer() {
    return Error{"helplog.inactive_volunteer",
                 "this volunteer was deactivated and cannot sign in; ask the team leader to add them again"};
}

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && isAsciiSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isAsciiSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

Status checkDisplayName(std::string_view name) {
    const auto bad = [](std::string why) { return Error{"helplog.bad_display_name", std::move(why)}; };
    if (name.empty()) return bad("enter a first name or nickname for the volunteer");
    if (!scan::isValidUtf8(name) ||
        std::ranges::any_of(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return bad("the name has characters that cannot be shown; type it again");
    }
    if (scan::countCodePoints(name) > VolunteerRoster::kMaxNameLength) {
        return bad("the name is longer than 24 characters; use a first name or nickname");
    }
    // Keep the roster free of contact details and ID numbers: it is shown on the desk screen.
    if (typedTextLooksPersonal(name)) {
        return bad("use only a first name or nickname, without e-mail, phone or ID numbers");
    }
    return success();
}

}  // namespace

VolunteerRoster::VolunteerRoster(store::Database& database, Pepper pepper, const kiosk::WallClock& clock,
                                 SignInPolicy policy)
    : db_(database), pepper_(std::move(pepper)), clock_(clock), policy_(policy) {}

Result<VolunteerRoster::Row> VolunteerRoster::load(VolunteerId id) {
    auto statement = db_.prepare(std::string(kSelectRow) + " WHERE id = ?");
    if (!statement) return statement.error();
    statement->bind(1, id);
    auto found = statement->step();
    if (!found) return found.error();
    if (!*found) return unknownVolunteer();
    Row row;
    row.id = statement->columnInt(0);
    row.displayName = statement->columnText(1);
    if (!statement->columnIsNull(2)) row.pinHash = statement->columnText(2);
    row.active = statement->columnInt(3) != 0;
    row.lock = lockFrom(*statement);
    row.teamLeader = statement->columnInt(7) != 0;
    return row;
}

// Inside a transaction: counts lock time up to `now`, saves it, and says whether still locked.
Result<std::optional<LockedOut>> VolunteerRoster::advanceLock(Row& row, WallTime now) {
    if (row.lock.advance(toMillis(now), policy_.lockFor)) {
        auto update = db_.prepare(
            "UPDATE volunteer SET failed_attempts = ?, lock_elapsed_ms = ?, lock_seen_at_ms = ? WHERE id = "
            "?");
        if (!update) return update.error();
        update->bind(1, static_cast<std::int64_t>(row.lock.failures));
        if (row.lock.locked()) {
            update->bind(2, *row.lock.elapsedMs).bind(3, *row.lock.seenAtMs);
        } else {
            update->bindNull(2).bindNull(3);
        }
        update->bind(4, row.id);
        if (Status saved = update->run(); !saved) return saved.error();
    }
    if (auto left = row.lock.remaining(policy_.lockFor))
        return std::optional<LockedOut>(LockedOut{now + *left});
    return std::optional<LockedOut>();
}

Result<Volunteer> VolunteerRoster::add(std::string_view displayName, VolunteerRole role) {
    // Stored composed and without invisible characters; compared case-folded (VolunteerName.h),
    // so two names that look alike on the desk cannot both be added.
    const std::string normalised = normaliseVolunteerName(trim(displayName));
    const std::string_view name = normalised;
    if (Status valid = checkDisplayName(name); !valid) return valid.error();
    const std::string key = volunteerNameKey(name);
    Volunteer added;
    Status saved = db_.transaction([&]() -> Status {
        auto active = db_.prepare("SELECT display_name FROM volunteer WHERE active = 1");
        if (!active) return active.error();
        bool exists = false;
        for (;;) {
            auto next = active->step();
            if (!next) return next.error();
            if (!*next) break;
            exists = exists || volunteerNameKey(active->columnText(0)) == key;
        }
        if (exists) {
            return Error{"helplog.duplicate_name",
                         "a volunteer with this name is already on the list; add a letter or choose "
                         "another nickname"};
        }
        const bool leader = role == VolunteerRole::TeamLeader;
        auto insert =
            db_.prepare("INSERT INTO volunteer(display_name, created_at_ms, team_leader) VALUES(?, ?, ?)");
        if (!insert) return insert.error();
        insert->bind(1, name).bind(2, toMillis(clock_.now())).bind(3, std::int64_t{leader ? 1 : 0});
        if (Status inserted = insert->run(); !inserted) return inserted;
        added = Volunteer{db_.lastInsertId(), std::string(name), true, false, std::nullopt, leader};
        return success();
    });
    if (!saved) return saved.error();
    return added;
}

Status VolunteerRoster::setPin(VolunteerId id, std::string_view pin) {
    if (Status allowed = checkPinRules(pin); !allowed) return allowed;
    // Check the volunteer before spending an Argon2id on them.
    auto before = load(id);
    if (!before) return before.error();
    if (!before->active) return inactiveVolunteer();
    auto hash = hashPin(pin, pepper_, policy_.cost);
    if (!hash) return hash.error();
    return db_.transaction([&]() -> Status {
        auto row = load(id);
        if (!row) return row.error();
        if (!row->active) return inactiveVolunteer();
        auto update = db_.prepare("UPDATE volunteer SET pin_hash = ? WHERE id = ?");
        if (!update) return update.error();
        update->bind(1, *hash).bind(2, id);
        return update->run();
    });
}

Result<PinCheck> VolunteerRoster::verifyPin(VolunteerId id, std::string_view pin) {
    // Phase 1, short transaction: is there a PIN to check, and is the volunteer locked?
    std::optional<LockedOut> lockedBefore;
    std::string hash;
    const auto readyToCheck = [&](Row& row) -> Status {
        if (!row.active) return inactiveVolunteer();
        if (!row.pinHash) {
            return Error{"helplog.no_pin", "this volunteer has no PIN yet; ask the team leader to set one"};
        }
        return success();
    };
    Status first = db_.transaction([&]() -> Status {
        auto row = load(id);
        if (!row) return row.error();
        if (Status ready = readyToCheck(*row); !ready) return ready;
        const WallTime now = clock_.now();
        // The pause is counted at every attempt, like the name's lock, so a clock set back later
        // cannot stretch it.
        auto paused = kioskPinPauseLeft(db_, toMillis(now));
        if (!paused) return paused.error();
        auto locked = advanceLock(*row, now);
        if (!locked) return locked.error();
        lockedBefore = *locked;  // the name's own lock first: it is the one a team leader can lift
        if (!lockedBefore && *paused) lockedBefore = LockedOut{now + **paused, true};
        hash = *row->pinHash;
        return success();
    });
    if (!first) return first.error();
    if (lockedBefore) return PinCheck(*lockedBefore);  // no guess is checked while locked

    // Argon2id outside any transaction, so the queue is not held up while it runs.
    const bool matches = pinMatches(hash, pin, pepper_);
    std::optional<std::string> rehashed;
    if (matches && pinHashNeedsRehash(hash, policy_.cost)) {
        if (auto fresh = hashPin(pin, pepper_, policy_.cost)) rehashed = std::move(*fresh);
    }

    // Phase 2: record the outcome against the row as it is now (another process may have
    // counted failures or locked meanwhile; a lock always wins).
    PinCheck outcome = WrongPin{};
    Status second = db_.transaction([&]() -> Status {
        auto row = load(id);
        if (!row) return row.error();
        if (Status ready = readyToCheck(*row); !ready) return ready;
        const WallTime now = clock_.now();
        auto locked = advanceLock(*row, now);
        if (!locked) return locked.error();
        if (*locked) {
            outcome = **locked;
            return success();
        }
        if (*row->pinHash != hash) {
            return Error{"helplog.pin_changed",
                         "the PIN was changed while it was being checked; enter it again"};
        }
        if (matches) {
            auto update = db_.prepare("UPDATE volunteer SET failed_attempts = 0, pin_hash = ? WHERE id = ?");
            if (!update) return update.error();
            update->bind(1, rehashed ? *rehashed : hash).bind(2, id);
            outcome = VolunteerSession{id, row->displayName, now};
            if (Status cleared = clearKioskWrongPins(db_); !cleared) return cleared;
            return update->run();
        }
        auto pauseStarted = countKioskWrongPin(db_, toMillis(now));
        if (!pauseStarted) return pauseStarted.error();
        const bool lockNow = row->lock.countFailure(toMillis(now), policy_.maxFailures);
        const int failures = row->lock.failures;
        auto update = db_.prepare(
            "UPDATE volunteer SET failed_attempts = ?, lock_elapsed_ms = ?, lock_seen_at_ms = ? WHERE id = "
            "?");
        if (!update) return update.error();
        update->bind(1, static_cast<std::int64_t>(failures));
        if (lockNow) {
            update->bind(2, std::int64_t{0}).bind(3, toMillis(now));
            outcome = LockedOut{now + policy_.lockFor};
        } else if (*pauseStarted) {
            update->bindNull(2).bindNull(3);
            outcome = LockedOut{now + **pauseStarted, true};
        } else {
            update->bindNull(2).bindNull(3);
            outcome = WrongPin{policy_.maxFailures - failures};
        }
        update->bind(4, id);
        return update->run();
    });
    if (!second) return second.error();
    return outcome;
}

Result<std::vector<Volunteer>> VolunteerRoster::list(bool includeInactive) {
    auto statement = db_.prepare(std::string(kSelectRow) + (includeInactive ? "" : " WHERE active = 1") +
                                 " ORDER BY display_name, id");
    if (!statement) return statement.error();
    const WallTime now = clock_.now();
    std::vector<Volunteer> volunteers;
    for (;;) {
        auto next = statement->step();
        if (!next) return next.error();
        if (!*next) break;
        PinLockout lock = lockFrom(*statement);
        // Read-only view: count the lock up to now without saving; verifyPin saves.
        lock.advance(toMillis(now), policy_.lockFor);
        const auto left = lock.remaining(policy_.lockFor);
        volunteers.push_back(Volunteer{statement->columnInt(0), statement->columnText(1),
                                       statement->columnInt(3) != 0, !statement->columnIsNull(2),
                                       left ? std::optional<WallTime>(now + *left) : std::nullopt,
                                       statement->columnInt(7) != 0});
    }
    return volunteers;
}

Result<PinCheck> VolunteerRoster::unlockWithLeader(VolunteerId locked, VolunteerId leader,
                                                   std::string_view leaderPin) {
    auto leaderRow = load(leader);
    if (!leaderRow) return leaderRow.error();
    // Checked before any Argon2id: only a team leader's PIN can lift a lock.
    if (!leaderRow->teamLeader || locked == leader) {
        return Error{"helplog.not_team_leader",
                     "only a team leader can lift this lock; ask the team leader to enter their PIN"};
    }
    if (auto target = load(locked); !target) return target.error();
    auto check = verifyPin(leader, leaderPin);
    if (!check || !std::holds_alternative<VolunteerSession>(*check)) return check;
    Status lifted = db_.transaction([&]() -> Status {
        auto update = db_.prepare(
            "UPDATE volunteer SET failed_attempts = 0, lock_elapsed_ms = NULL, lock_seen_at_ms = NULL "
            "WHERE id = ?");
        if (!update) return update.error();
        update->bind(1, locked);
        return update->run();
    });
    if (!lifted) return lifted.error();
    return check;
}

Status VolunteerRoster::deactivate(VolunteerId id) {
    return db_.transaction([&]() -> Status {
        auto row = load(id);
        if (!row) return row.error();
        auto update = db_.prepare("UPDATE volunteer SET active = 0 WHERE id = ?");
        if (!update) return update.error();
        update->bind(1, id);
        return update->run();
    });
}

}  // namespace kiosk::helplog
