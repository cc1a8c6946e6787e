// The kiosk's core, built once at start from the config: the storage thread (the one connection
// that writes), the citizen journey's store, the volunteer desk and the sync thread. The UI holds
// one KioskCore, posts intents to it and draws what it publishes; it never opens the database.
//
// Usage (the composition root):
//   service::KioskCore core({config, dataDir, services, usbDir});
//   CitizenJourney journey(session, idle, core.journeyStore(), walkthroughs);
//   every frame: core.update();            // committed results reach their screens
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/centre/CentreIssuer.h"
#include "kiosk/centre/ProvinceSending.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/desk/DeskController.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/queue/Service.h"
#include "kiosk/service/StoredJourney.h"
#include "kiosk/session/TicketFlow.h"
#include "kiosk/setup/TechnicianPin.h"
#include "kiosk/storage/StorageThread.h"
#include "kiosk/store/Database.h"
#include "kiosk/sync/Syncer.h"

namespace kiosk::service {

struct CoreSetup {
    config::KioskConfig config;
    std::filesystem::path dataDir;  // the database and the pepper live here
    std::vector<queue::Service> services;
    std::optional<std::filesystem::path> exportDir;  // --usb-dir; empty: the mounted USB stick
    bool startSync = true;                           // tests run without the sync thread
    // A PEM bundle trusted for the province server instead of the system's CA store (tests' own CA).
    std::filesystem::path provinceCaFile = {};
    // While the database cannot be opened (a full or failing disk at start-up), it is tried again
    // this often, off the UI thread, so freeing space brings tickets back without a restart.
    std::chrono::milliseconds storageRetry = std::chrono::seconds(10);
    // Where the desk's queue lives; empty: the kiosk's own book (a lone kiosk). The desk role in
    // centre mode gives the centre's shared queue here (kiosk/centre/CentreDeskQueue.h).
    std::function<std::unique_ptr<desk::DeskQueue>()> deskQueue = {};
    // Where the citizen's tickets come from; nullopt: the kiosk's own book. The citizen kiosk in
    // centre mode gives the centre here (kiosk/centre/CentreIssuer.h).
    std::optional<centre::IssuerSettings> centreTickets = std::nullopt;
    // How often a centre kiosk reports its contact, pushes what it issued offline and tops up
    // its leased numbers.
    std::chrono::milliseconds centreContactEvery = std::chrono::seconds(30);
};

class KioskCore {
public:
    explicit KioskCore(CoreSetup setup);
    // Lets the jobs already posted finish (a ticket being saved is kept), then stops the threads.
    ~KioskCore();
    KioskCore(const KioskCore&) = delete;
    KioskCore& operator=(const KioskCore&) = delete;

    StoredJourney& journeyStore() { return *journey_; }
    // The volunteer desk; null when storage failed.
    desk::DeskController* desk() { return desk_.get(); }
    // Why nothing can be saved (shown on screen), or nullopt when storage works. It can clear
    // later: update() keeps trying to open the database.
    const std::optional<std::string>& storageProblem() const { return storageProblem_; }
    // Household keys from the centre's shared pepper when [centre] household_pepper names one,
    // else from the kiosk's own; empty when that pepper file cannot be read.
    session::HouseholdKeyer householdKeyer() const;
    // The data directory the database lives in (empty when storage failed).
    const std::filesystem::path& dataDir() const { return dataDir_; }

    // The technician's PIN (Argon2id and the lock, on the storage thread); `done` runs on the UI
    // thread. Without storage it reports why.
    void checkTechnicianPin(std::string pin, std::function<void(Result<setup::TechnicianPinResult>)> done);

    // Technician action: events the server rejected become pending again (on the storage thread),
    // and the sync thread is woken. `done` runs on the UI thread with how many were requeued.
    void requeueRejectedEvents(std::function<void(Result<int64_t>)> done);

    // Runs the completions of committed work on the calling (UI) thread and, while storage is
    // missing, starts or collects the next attempt to open it; once per frame.
    void update();
    // Work is in flight: its result will change the screen soon, so keep drawing.
    bool busy() const { return storage_ && storage_->outstanding() > 0; }

private:
    struct OpenedStorage {
        store::Database database;
        Result<helplog::Pepper> pepper;
    };
    static Result<OpenedStorage> openStorage(const std::filesystem::path& dataDir);
    void attach(OpenedStorage opened);
    void storageFailed(const Error& error);
    void retryStorage();
    void startProvinceSending(const sync::SyncSettings& province);

    CoreSetup setup_;
    std::optional<std::string> storageProblem_;
    std::chrono::steady_clock::time_point nextStorageAttempt_;
    std::future<Result<OpenedStorage>> reopening_;
    std::filesystem::path dataDir_;
    std::optional<helplog::Pepper> pepper_;
    std::optional<helplog::Pepper> householdPepper_;  // [centre] household_pepper, read once
    std::unique_ptr<StoredJourney> journey_;
    std::unique_ptr<desk::DeskController> desk_;
    std::unique_ptr<sync::Syncer> syncer_;
    std::unique_ptr<centre::ProvinceSending> provinceSending_;  // centre mode with a province server
    std::chrono::steady_clock::time_point nextCentreContact_{};
    std::unique_ptr<storage::StorageThread> storage_;  // last declared: stopped first
};

}  // namespace kiosk::service
