// The sync thread against the loopback EventServer, shared by the Syncer test files: a fresh
// database, a trusted certificate, waits shortened through SyncHooks::realWait (the planned ones
// recorded), every try recorded.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <mutex>

#include "kiosk/sync/Syncer.h"
#include "unit/sync/SyncTestSupport.h"

namespace sync_test {

using std::chrono::milliseconds;
using namespace std::chrono_literals;

class SyncerTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = freshDir("syncer-" + currentTestName());
        auto opened = kiosk::store::Database::openInDirectory(dir_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        database_.emplace(std::move(*opened));
        trusted_ = makeCertificate(dir_, "trusted");
        server_ = std::make_unique<EventServer>(trusted_);
    }

    void TearDown() override {
        syncer_.reset();
        server_.reset();
    }

    kiosk::sync::SyncSettings settings() const {
        return testSettings(server_->url(), database_->file(), trusted_);
    }

    kiosk::sync::SyncHooks hooks() {
        kiosk::sync::SyncHooks hooks;
        hooks.realWait = [this](milliseconds planned) {
            std::lock_guard lock(mutex_);
            plannedWaits_.push_back(planned);
            return std::min(planned, milliseconds(20));
        };
        if (random_) hooks.random = random_;
        hooks.onAttempt = [this](const kiosk::sync::SyncAttempt& attempt) {
            std::lock_guard lock(mutex_);
            attempts_.push_back(attempt);
        };
        return hooks;
    }

    void start(kiosk::sync::SyncSettings settings) {
        settings_ = settings;
        syncer_ = std::make_unique<kiosk::sync::Syncer>(settings, hooks());
        auto started = syncer_->start();
        ASSERT_TRUE(started.ok()) << started.error().message;
    }

    void drain(std::chrono::seconds limit = 30s) {
        ASSERT_TRUE(syncer_->waitUntilIdle(limit))
            << "the outbox did not drain; last error: " << syncer_->diagnostics().lastError;
    }

    std::vector<kiosk::sync::SyncAttempt> attempts() {
        std::lock_guard lock(mutex_);
        return attempts_;
    }

    bool waitForAttempts(size_t count, std::chrono::seconds limit = 20s) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            if (attempts().size() >= count) return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }

    // Every request ended within the total timeout (plus scheduling slack).
    void expectEveryRequestWithinItsTimeout() {
        for (const kiosk::sync::SyncAttempt& attempt : attempts()) {
            EXPECT_LE(attempt.elapsed, settings_.totalTimeout + 500ms)
                << "a request took " << attempt.elapsed.count() << " ms: " << attempt.problem;
        }
    }

    int countOutcome(kiosk::sync::SyncAttempt::Outcome outcome) {
        int count = 0;
        for (const kiosk::sync::SyncAttempt& attempt : attempts())
            count += attempt.outcome == outcome;
        return count;
    }

    std::filesystem::path dir_;
    std::optional<kiosk::store::Database> database_;
    TestCertificate trusted_;
    std::unique_ptr<EventServer> server_;
    std::unique_ptr<kiosk::sync::Syncer> syncer_;
    kiosk::sync::SyncSettings settings_;
    std::mutex mutex_;
    std::vector<milliseconds> plannedWaits_;
    std::vector<kiosk::sync::SyncAttempt> attempts_;
    std::function<uint32_t()> random_;  // unset: libsodium's
};

}  // namespace sync_test
