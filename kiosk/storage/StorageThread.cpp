#include "kiosk/storage/StorageThread.h"

namespace kiosk::storage {

StorageRoom::StorageRoom(store::Database database, std::vector<queue::Service> services,
                         queue::QueuePolicy policy, Result<helplog::Pepper> pepper)
    : db(std::move(database)), book(db, std::move(services), clock, std::move(policy)), helpLog(db, clock) {
    if (pepper) {
        roster_.emplace(db, std::move(pepper).value(), clock);
    } else {
        pepperProblem_ = pepper.error();
    }
}

Result<helplog::VolunteerRoster*> StorageRoom::volunteers() {
    if (roster_) return &*roster_;
    return *pepperProblem_;
}

StorageThread::StorageThread(std::unique_ptr<StorageRoom> room)
    : room_(std::move(room)), worker_(std::make_unique<store::BackgroundWorker>()) {}

StorageThread::~StorageThread() {
    worker_.reset();
}

void StorageThread::post(Job job) {
    worker_->post([this, job = std::move(job)] { return job(*room_); });
}

}  // namespace kiosk::storage
