#include "kiosk/sync/Outbox.h"

#include <optional>
#include <string>

#include "kiosk/PersonalData.h"
#include "kiosk/sync/Uuid.h"

namespace kiosk::sync {
namespace {

constexpr std::string_view kScanKinds[] = {"vietqr", "cccd", "url", "text", "emv"};

// The path of the first string value that looks like a personal number, e.g. "/desk".
std::optional<std::string> personalNumberAt(const nlohmann::json& value, const std::string& path) {
    if (value.is_string()) {
        if (looksLikePersonalNumber(value.get_ref<const std::string&>())) return path.empty() ? "/" : path;
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            if (auto found = personalNumberAt(member, path + "/" + key)) return found;
        }
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i) {
            if (auto found = personalNumberAt(value[i], path + "/" + std::to_string(i))) return found;
        }
    }
    return std::nullopt;
}

}  // namespace

Status appendEvent(store::Database& database, std::string_view kind, const nlohmann::json& payload,
                   WallTime at) {
    const std::string kindText(kind);
    if (!kind::isValidKind(kind)) {
        return Error{"sync.bad_kind", "the event kind '" + kindText +
                                          "' is not a valid name (a-z, 0-9, '_' and '.'); nothing was "
                                          "saved. This is a bug in the kiosk: report it"};
    }
    if (!payload.is_object()) {
        return Error{"sync.bad_payload", "the " + kindText +
                                             " event's payload is not a JSON object; nothing was saved. "
                                             "This is a bug in the kiosk: report it"};
    }
    if (const auto path = personalNumberAt(payload, "")) {
        return Error{"sync.personal_data", "the " + kindText + " event's field " + *path +
                                               " looks like an ID card or phone number, which must never "
                                               "leave the kiosk; nothing was saved. Send a household key "
                                               "instead, and report this bug"};
    }
    // `replace` turns invalid UTF-8 into U+FFFD instead of throwing.
    const std::string text = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > kMaxPayloadBytes) {
        return Error{"sync.event_too_large", "the " + kindText + " event is " + std::to_string(text.size()) +
                                                 " bytes, more than the " + std::to_string(kMaxPayloadBytes) +
                                                 " allowed; nothing was saved. Report this bug"};
    }
    auto uuid = newUuidV4();
    if (!uuid) return uuid.error();
    auto insert = database.prepare("INSERT INTO outbox(uuid, kind, at_ms, payload) VALUES(?1, ?2, ?3, ?4)");
    if (!insert) return insert.error();
    insert->bind(1, *uuid).bind(2, kind).bind(3, int64_t{at.time_since_epoch().count()}).bind(4, text);
    return insert->run();
}

Status countScan(store::Database& database, std::string_view scanKind, WallTime at) {
    bool known = false;
    for (const std::string_view name : kScanKinds)
        known = known || name == scanKind;
    if (!known) {
        return Error{"sync.bad_scan_kind",
                     "'" + std::string(scanKind) +
                         "' is not a scan kind (vietqr, cccd, url, text or emv); the scan "
                         "was not counted. This is a bug in the kiosk: report it"};
    }
    return database.transaction([&]() -> Status {
        return appendEvent(database, kind::kScanCounted, {{"scan_kind", std::string(scanKind)}}, at);
    });
}

Result<int64_t> requeueRejected(store::Database& database) {
    int64_t requeued = 0;
    Status saved = database.transaction([&]() -> Status {
        if (Status updated =
                database.exec("UPDATE outbox SET state = 'pending', batch_id = NULL, done_at_ms = NULL "
                              "WHERE state = 'rejected'");
            !updated) {
            return updated;
        }
        requeued = database.changedRows();
        return success();
    });
    if (!saved) return saved.error();
    return requeued;
}

Result<int64_t> pruneSent(store::Database& database, WallTime sentBefore) {
    int64_t pruned = 0;
    Status saved = database.transaction([&]() -> Status {
        auto remove = database.prepare("DELETE FROM outbox WHERE state = 'sent' AND done_at_ms < ?1");
        if (!remove) return remove.error();
        remove->bind(1, int64_t{sentBefore.time_since_epoch().count()});
        if (Status removed = remove->run(); !removed) return removed;
        pruned = database.changedRows();
        return success();
    });
    if (!saved) return saved.error();
    return pruned;
}

}  // namespace kiosk::sync
