// The kiosk's one storage thread and everything it owns: the database connection that writes,
// the ticket book built from the config's call policy, the volunteer roster and the help log.
// It sits above queue/ and helplog/ (it owns their books) and below desk/ and service/ (they post
// jobs to it); store/ underneath is only SQLite and a worker thread, knowing nothing of tickets.
// Screens never touch these; they post a job, and the job's completion (run on the UI thread by
// runCompletions(), once per frame) carries the committed result back. So a slow disk or an
// Argon2id PIN check delays a confirmation, never a frame.
//
// Usage:
//   storage::StorageThread storage(std::move(database), services, queuePolicy, pepper);
//   storage.post([](storage::StorageRoom& room) -> storage::StorageThread::Completion {
//       auto ticket = room.book.issue('A');                       // storage thread
//       return [ticket] { show(ticket); };                        // UI thread, after the commit
//   });
//   storage.runCompletions();                                     // once per UI frame
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/queue/QueuePolicy.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/BackgroundWorker.h"
#include "kiosk/store/Database.h"

namespace kiosk::storage {

// What the storage thread owns. Jobs get it by reference; nothing else may touch it.
struct StorageRoom {
    // `pepper` is the household and PIN secret; without it there is no roster, and sign-in jobs
    // report `pepperProblem`.
    StorageRoom(store::Database database, std::vector<queue::Service> services, queue::QueuePolicy policy,
                Result<helplog::Pepper> pepper);

    // The roster, or why there is none (no readable pepper file).
    Result<helplog::VolunteerRoster*> volunteers();

    kiosk::SystemWallClock clock;
    store::Database db;
    queue::TicketBook book;
    helplog::HelpLog helpLog;

private:
    std::optional<helplog::VolunteerRoster> roster_;
    std::optional<Error> pepperProblem_;
};

class StorageThread {
public:
    using Completion = store::BackgroundWorker::Completion;
    using Job = std::function<Completion(StorageRoom&)>;

    explicit StorageThread(std::unique_ptr<StorageRoom> room);
    // Finishes the jobs already posted (a ticket being saved is not abandoned), then joins.
    // Completions not yet run are dropped: whoever posted them may be gone.
    ~StorageThread();
    StorageThread(const StorageThread&) = delete;
    StorageThread& operator=(const StorageThread&) = delete;

    void post(Job job);
    // Runs the completions of finished jobs on the calling (UI) thread; returns how many ran.
    int runCompletions() { return worker_->runCompletions(); }
    // Jobs posted whose completion has not run yet: the UI keeps drawing while there are any.
    int outstanding() const { return worker_->outstanding(); }
    // Blocks until every posted job has run (tests and shutdown only).
    void waitIdle() { worker_->waitIdle(); }

private:
    std::unique_ptr<StorageRoom> room_;
    std::unique_ptr<store::BackgroundWorker> worker_;  // last: joins before the room goes
};

}  // namespace kiosk::storage
