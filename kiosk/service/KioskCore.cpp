#include "kiosk/service/KioskCore.h"

#include <spdlog/spdlog.h>

#include "kiosk/helplog/HouseholdKey.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/session/CitizenSession.h"
#include "kiosk/sync/Outbox.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::service {

// Disk work only (opening, migrating, reading or creating the pepper): safe on any thread.
Result<KioskCore::OpenedStorage> KioskCore::openStorage(const std::filesystem::path& dataDir) {
    auto opened = store::Database::openInDirectory(dataDir);
    if (!opened) return opened.error();
    auto pepper = helplog::loadOrCreatePepper(dataDir / helplog::kPepperFileName);
    return OpenedStorage{std::move(opened).value(), std::move(pepper)};
}

KioskCore::KioskCore(CoreSetup setup) : setup_(std::move(setup)) {
    if (const auto& shared = setup_.config.centre.householdPepper) {
        auto pepper = helplog::loadPepper(*shared);
        if (pepper) {
            householdPepper_.emplace(*pepper);
        } else {
            // Falling back to the kiosk's own pepper would count this kiosk's households apart
            // from the others' without anyone noticing; tickets are still issued, without a key.
            spdlog::error("households cannot be counted: the centre's household pepper: {}",
                          pepper.error().message);
        }
    }
    auto opened = openStorage(setup_.dataDir);
    if (opened) {
        attach(std::move(opened).value());
    } else {
        journey_ =
            std::make_unique<StoredJourney>(nullptr, std::vector<queue::Service>{}, setup_.config.kioskId);
        storageFailed(opened.error());
    }
}

void KioskCore::storageFailed(const Error& error) {
    spdlog::error("storage: {}; trying again in {} s", error.message,
                  std::chrono::duration_cast<std::chrono::seconds>(setup_.storageRetry).count());
    storageProblem_ = error.message;
    journey_->setStorageProblem(error.message);
    nextStorageAttempt_ = std::chrono::steady_clock::now() + setup_.storageRetry;
}

void KioskCore::attach(OpenedStorage opened) {
    const std::filesystem::path databaseFile = opened.database.file();
    dataDir_ = setup_.dataDir;
    if (opened.pepper) {
        pepper_.emplace(*opened.pepper);
    } else {
        spdlog::error("households cannot be counted and volunteers cannot sign in: {}",
                      opened.pepper.error().message);
    }
    storage_ = std::make_unique<storage::StorageThread>(std::make_unique<storage::StorageRoom>(
        std::move(opened.database), setup_.services, queue::queuePolicyFor(setup_.config.desk),
        std::move(opened.pepper)));
    if (journey_) {
        journey_->attach(storage_.get(), setup_.services);
    } else {
        journey_ = std::make_unique<StoredJourney>(storage_.get(), setup_.services, setup_.config.kioskId);
    }
    if (setup_.centreTickets) journey_->issueAtCentre(*setup_.centreTickets);
    storageProblem_.reset();
    if (!setup_.services.empty()) {
        desk_ = std::make_unique<desk::DeskController>(*storage_, setup_.services, setup_.config.desk,
                                                       setup_.config.kioskId, setup_.exportDir,
                                                       setup_.deskQueue ? setup_.deskQueue() : nullptr);
    }
    // The sync thread has its own connection; without a server URL the outbox just keeps growing
    // (bounded by disk) until a provisioning bundle sets one.
    if (setup_.startSync && !setup_.config.sync.serverUrl.empty()) {
        sync::SyncSettings settings;
        settings.serverUrl = setup_.config.sync.serverUrl;
        settings.token = setup_.config.sync.token;
        settings.pinnedPublicKey = setup_.config.sync.pinnedPublicKey;
        settings.kioskId = setup_.config.kioskId;
        settings.databaseFile = databaseFile;
        settings.caFile = setup_.provinceCaFile;
        syncer_ = std::make_unique<sync::Syncer>(settings);
        if (auto running = syncer_->start(); !running) {
            spdlog::error("sync: {}", running.error().message);
            syncer_.reset();
        }
        startProvinceSending(settings);
    }
}

// In centre mode the tickets' events are in the centre's outbox, not this kiosk's: one kiosk of
// the centre at a time sends them, under the commune's id, which every terminal shares.
void KioskCore::startProvinceSending(const sync::SyncSettings& province) {
    if (!setup_.centreTickets) return;
    if (setup_.config.communeCode.empty()) {
        spdlog::error(
            "province: no commune code in the config, so the centre's ticket events wait at the centre");
        return;
    }
    centre::ProvinceSendingSettings sending;
    sending.connectionString = setup_.centreTickets->connectionString;
    sending.centreId = "centre-" + setup_.config.communeCode;
    sending.province = province;
    provinceSending_ = std::make_unique<centre::ProvinceSending>(std::move(sending));
}

void KioskCore::retryStorage() {
    if (reopening_.valid()) {
        if (reopening_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
        auto opened = reopening_.get();
        if (opened) {
            spdlog::info("storage: the database opened on a later attempt; tickets are back");
            attach(std::move(opened).value());
        } else {
            storageFailed(opened.error());
        }
        return;
    }
    if (std::chrono::steady_clock::now() < nextStorageAttempt_) return;
    reopening_ = std::async(std::launch::async, [dataDir = setup_.dataDir] { return openStorage(dataDir); });
}

KioskCore::~KioskCore() {
    // The storage thread's jobs refer to the desk and the journey store: it goes first.
    storage_.reset();
    if (reopening_.valid()) reopening_.wait();  // an attempt in flight owns a connection
}

session::HouseholdKeyer KioskCore::householdKeyer() const {
    const std::optional<helplog::Pepper>& keyedWith =
        setup_.config.centre.householdPepper ? householdPepper_ : pepper_;
    if (!keyedWith) return {};
    return [pepper = *keyedWith](std::string_view id) -> Result<std::string> {
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
    storage_->post([pin = std::move(pin), pepper = *pepper_, done = std::move(done)](
                       storage::StorageRoom& room) mutable -> storage::StorageThread::Completion {
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
    storage_->post(
        [this, done = std::move(done)](storage::StorageRoom& room) -> storage::StorageThread::Completion {
            auto requeued = sync::requeueRejected(room.db);
            return [this, requeued = std::move(requeued), done] {
                if (requeued && *requeued > 0 && syncer_) syncer_->wake();
                done(requeued);
            };
        });
}

void KioskCore::update() {
    if (storage_) {
        storage_->runCompletions();
    } else {
        retryStorage();
    }
    if (setup_.centreTickets && storage_ && std::chrono::steady_clock::now() >= nextCentreContact_) {
        // The first contact at start-up leases numbers before the first citizen needs them.
        journey_->keepInTouchWithCentre();
        nextCentreContact_ = std::chrono::steady_clock::now() + setup_.centreContactEvery;
    }
}

}  // namespace kiosk::service
