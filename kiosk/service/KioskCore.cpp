#include "kiosk/service/KioskCore.h"

#include <spdlog/spdlog.h>

#include "kiosk/helplog/HouseholdKey.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/session/CitizenSession.h"
#include "kiosk/sync/Outbox.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::service {

KioskCore::KioskCore(CoreSetup setup) {
    auto opened = store::Database::openInDirectory(setup.dataDir);
    if (!opened) {
        spdlog::error("storage: {}", opened.error().message);
        storageProblem_ = opened.error().message;
        journey_ = std::make_unique<StoredJourney>(nullptr, std::vector<queue::Service>{}, *storageProblem_);
        return;
    }
    store::Database database = std::move(opened).value();
    const std::filesystem::path databaseFile = database.file();
    dataDir_ = setup.dataDir;
    auto pepper = helplog::loadOrCreatePepper(dataDir_ / helplog::kPepperFileName);
    if (pepper) {
        pepper_.emplace(*pepper);
    } else {
        spdlog::error("households cannot be counted and volunteers cannot sign in: {}",
                      pepper.error().message);
    }
    storage_ = std::make_unique<StorageThread>(std::make_unique<StorageRoom>(
        std::move(database), setup.services, queue::queuePolicyFor(setup.config.desk), std::move(pepper)));
    journey_ = std::make_unique<StoredJourney>(storage_.get(), setup.services);
    if (!setup.services.empty()) {
        desk_ = std::make_unique<desk::DeskController>(*storage_, setup.services, setup.config.desk,
                                                       setup.config.kioskId, setup.exportDir);
    }
    // The sync thread has its own connection; without a server URL the outbox just keeps growing
    // (bounded by disk) until a provisioning bundle sets one.
    if (setup.startSync && !setup.config.sync.serverUrl.empty()) {
        sync::SyncSettings settings;
        settings.serverUrl = setup.config.sync.serverUrl;
        settings.token = setup.config.sync.token;
        settings.pinnedPublicKey = setup.config.sync.pinnedPublicKey;
        settings.kioskId = setup.config.kioskId;
        settings.databaseFile = databaseFile;
        syncer_ = std::make_unique<sync::Syncer>(settings);
        if (auto running = syncer_->start(); !running) {
            spdlog::error("sync: {}", running.error().message);
            syncer_.reset();
        }
    }
}

KioskCore::~KioskCore() {
    // The storage thread's jobs refer to the desk and the journey store: it goes first.
    storage_.reset();
}

session::HouseholdKeyer KioskCore::householdKeyer() const {
    if (!pepper_) return {};
    return [pepper = *pepper_](std::string_view id) -> Result<std::string> {
        auto household = helplog::deriveHouseholdKey(pepper.bytes(), id);
        if (!household) return household.error();
        return household->key;
    };
}

void KioskCore::checkTechnicianPin(std::string pin,
                                   std::function<void(Result<setup::TechnicianPinResult>)> done) {
    if (!storage_ || !pepper_) {
        session::wipeString(pin);
        done(Error{"store.unavailable", storageProblem_.value_or("the kiosk's pepper file cannot be read")});
        return;
    }
    storage_->post([pin = std::move(pin), pepper = *pepper_,
                    done = std::move(done)](StorageRoom& room) mutable -> StorageThread::Completion {
        auto check = setup::checkTechnicianPin(room.db, pin, pepper);
        session::wipeString(pin);
        return [check = std::move(check), done] { done(check); };
    });
}

void KioskCore::requeueRejectedEvents(std::function<void(Result<int64_t>)> done) {
    if (!storage_) {
        done(Error{"store.unavailable", storageProblem_.value_or("storage is not available")});
        return;
    }
    storage_->post([this, done = std::move(done)](StorageRoom& room) -> StorageThread::Completion {
        auto requeued = sync::requeueRejected(room.db);
        return [this, requeued = std::move(requeued), done] {
            if (requeued && *requeued > 0 && syncer_) syncer_->wake();
            done(requeued);
        };
    });
}

void KioskCore::update() {
    if (storage_) storage_->runCompletions();
}

}  // namespace kiosk::service
