#include "kiosk/helplog/KioskPinPause.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "kiosk/helplog/PinLockout.h"

namespace kiosk::helplog {
namespace {

constexpr std::string_view kFailuresKey = "kiosk_pin_failures";
constexpr std::string_view kPausesKey = "kiosk_pin_pauses";
constexpr std::string_view kElapsedKey = "kiosk_pin_pause_elapsed_ms";
constexpr std::string_view kSeenAtKey = "kiosk_pin_pause_seen_at_ms";

struct KioskPause {
    PinLockout lock;  // failures since the last pause, and the running pause
    int pauses = 0;   // pauses in a row without a correct PIN

    std::chrono::milliseconds length() const { return pauseLength(pauses); }
};

Result<std::optional<std::int64_t>> readNumber(store::Database& database, std::string_view key) {
    auto text = database.metaValue(key);
    if (!text) return text.error();
    if (!*text) return std::optional<std::int64_t>();
    try {
        return std::optional<std::int64_t>(std::stoll(**text));
    } catch (const std::exception&) {
        return std::optional<std::int64_t>();  // a damaged value starts again, never locks for good
    }
}

Result<KioskPause> readPause(store::Database& database) {
    KioskPause pause;
    auto failures = readNumber(database, kFailuresKey);
    auto pauses = readNumber(database, kPausesKey);
    auto elapsed = readNumber(database, kElapsedKey);
    auto seenAt = readNumber(database, kSeenAtKey);
    for (const auto* read : {&failures, &pauses, &elapsed, &seenAt}) {
        if (!*read) return read->error();
    }
    pause.lock.failures = static_cast<int>(std::max<std::int64_t>(0, failures->value_or(0)));
    pause.pauses = static_cast<int>(std::clamp<std::int64_t>(pauses->value_or(0), 0, 100));
    if (elapsed->has_value() && seenAt->has_value()) {
        pause.lock.elapsedMs = *elapsed;
        pause.lock.seenAtMs = *seenAt;
    }
    return pause;
}

Status writePause(store::Database& database, const KioskPause& pause) {
    const auto text = [](std::optional<std::int64_t> value) {
        return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
    };
    for (const auto& [key, value] :
         {std::pair{kFailuresKey, std::optional<std::int64_t>(pause.lock.failures)},
          std::pair{kPausesKey, std::optional<std::int64_t>(pause.pauses)},
          std::pair{kElapsedKey, pause.lock.elapsedMs}, std::pair{kSeenAtKey, pause.lock.seenAtMs}}) {
        if (Status saved = database.setMetaValue(key, text(value)); !saved) return saved;
    }
    return success();
}

}  // namespace

std::chrono::milliseconds pauseLength(int pausesInARow) {
    const int doublings = std::clamp(pausesInARow - 1, 0, 10);
    return std::min(kLongestPause, kFirstPause * (1 << doublings));
}

Result<std::optional<std::chrono::milliseconds>> kioskPinPauseLeft(store::Database& database,
                                                                   std::int64_t nowMs) {
    auto pause = readPause(database);
    if (!pause) return pause.error();
    if (pause->lock.advance(nowMs, pause->length())) {
        if (Status saved = writePause(database, *pause); !saved) return saved.error();
    }
    return pause->lock.remaining(pause->length());
}

Result<std::optional<std::chrono::milliseconds>> countKioskWrongPin(store::Database& database,
                                                                    std::int64_t nowMs) {
    auto pause = readPause(database);
    if (!pause) return pause.error();
    std::optional<std::chrono::milliseconds> started;
    if (pause->lock.countFailure(nowMs, kWrongPinsBeforePause)) {
        ++pause->pauses;
        started = pause->length();
    }
    if (Status saved = writePause(database, *pause); !saved) return saved.error();
    return started;
}

Status clearKioskWrongPins(store::Database& database) {
    return writePause(database, KioskPause{});
}

std::string pauseCountdownText(std::chrono::milliseconds left) {
    const std::int64_t seconds = std::max<std::int64_t>(0, (left.count() + 999) / 1000);
    const std::int64_t rest = seconds % 60;
    return std::to_string(seconds / 60) + ":" + (rest < 10 ? "0" : "") + std::to_string(rest);
}

}  // namespace kiosk::helplog
