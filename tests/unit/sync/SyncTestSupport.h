// Shared by the sync tests: fresh directories, events appended in bulk, what the outbox holds,
// settings with short timeouts for the loopback server, and the exactly-once check every fault
// script ends with.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include "support/TempDatabase.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kiosk/store/Database.h"
#include "kiosk/sync/Outbox.h"
#include "kiosk/sync/SyncSettings.h"
#include "unit/sync/EventServer.h"

namespace sync_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

inline std::filesystem::path freshDir(const std::string& name) {
    return test_support::freshDir("sync", name);
}

inline std::string currentTestName() {
    return testing::UnitTest::GetInstance()->current_test_info()->name();
}

// 2026-11-23 09:00 in Vietnam, as UTC milliseconds.
inline kiosk::WallTime testTime() {
    using namespace std::chrono;
    return time_point_cast<milliseconds>(sys_days(year(2026) / November / 23) + hours(2));
}

// Appends `count` test events (kind test.event, payload {"n": first+i, "pad": …}), `perCommit`
// to a transaction.
inline void appendTestEvents(kiosk::store::Database& database, int count, int first = 0, int perCommit = 500,
                             size_t padBytes = 0) {
    const std::string pad(padBytes, 'x');
    for (int done = 0; done < count;) {
        const int now = std::min(perCommit, count - done);
        auto saved = database.transaction([&]() -> kiosk::Status {
            for (int i = 0; i < now; ++i) {
                nlohmann::json payload = {{"n", first + done + i}};
                if (padBytes) payload["pad"] = pad;
                auto appended = kiosk::sync::appendEvent(database, "test.event", payload,
                                                         testTime() + std::chrono::seconds(first + done + i));
                if (!appended) return appended;
            }
            return kiosk::success();
        });
        ASSERT_TRUE(saved.ok()) << saved.error().message;
        done += now;
    }
}

inline int64_t countRows(kiosk::store::Database& database, const std::string& where) {
    auto select = database.prepare("SELECT count(*) FROM outbox WHERE " + where);
    EXPECT_TRUE(select.ok());
    if (!select) return -1;
    auto row = select->step();
    EXPECT_TRUE(row.ok());
    return select->columnInt(0);
}

struct StoredEvent {
    int64_t seq = 0;
    std::string kind;
    std::string state;
    nlohmann::json payload;
};

inline std::map<std::string, StoredEvent> storedEvents(kiosk::store::Database& database) {
    std::map<std::string, StoredEvent> events;
    auto select = database.prepare("SELECT uuid, seq, kind, state, payload FROM outbox");
    EXPECT_TRUE(select.ok());
    if (!select) return events;
    while (true) {
        auto row = select->step();
        EXPECT_TRUE(row.ok());
        if (!row.ok() || !*row) break;
        events[select->columnText(0)] =
            StoredEvent{select->columnInt(1), select->columnText(2), select->columnText(3),
                        nlohmann::json::parse(select->columnText(4))};
    }
    return events;
}

inline kiosk::sync::SyncSettings testSettings(const std::string& url, const fs::path& databaseFile,
                                              const TestCertificate& trusted) {
    kiosk::sync::SyncSettings settings;
    settings.serverUrl = url;
    settings.token = kToken;
    settings.kioskId = kKioskId;
    settings.databaseFile = databaseFile;
    settings.caFile = trusted.certificateFile;
    settings.connectTimeout = 1s;
    settings.totalTimeout = 3s;
    settings.lowSpeedBytesPerSecond = 64;
    settings.lowSpeedTime = 1s;
    settings.idlePoll = 50ms;
    return settings;
}

// Every event of the outbox is on the server exactly once (after dedup by uuid) with the content
// the kiosk stored, nothing else is there, and nothing is left unsent.
inline void expectDeliveredExactlyOnce(kiosk::store::Database& database, const EventServer& server) {
    const auto stored = storedEvents(database);
    const auto received = server.events();
    EXPECT_EQ(received.size(), stored.size());
    int64_t unsent = 0;
    for (const auto& [uuid, event] : stored) {
        if (event.state != "sent") ++unsent;
        const auto found = received.find(uuid);
        if (found == received.end()) {
            ADD_FAILURE() << "event " << uuid << " (seq " << event.seq << ") never reached the server";
            continue;
        }
        EXPECT_EQ(found->second["seq"], event.seq);
        EXPECT_EQ(found->second["kind"], event.kind);
        EXPECT_EQ(found->second["payload"], event.payload);
    }
    for (const auto& [uuid, event] : received) {
        if (!stored.count(uuid)) ADD_FAILURE() << "the server holds an event the kiosk never made: " << uuid;
    }
    EXPECT_EQ(unsent, 0) << "events left unsent";
    EXPECT_TRUE(server.keysWithDifferentBodies().empty()) << "an Idempotency-Key was reused for another body";
}

}  // namespace sync_test
