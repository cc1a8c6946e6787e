// One thread that does the slow work the UI thread must never wait for: transactions that
// fsync, Argon2id PIN checks, printing. Jobs run in the order they were posted; each may hand
// back a completion, which runs on the UI thread, in order, the next time it calls
// runCompletions(). So screens stay responsive and every result is applied where the UI state
// lives, without locks in the screens.
//
// Destruction finishes the jobs already posted (a ticket being saved is not abandoned), then
// joins. Jobs must not throw.
//
// Usage:
//   kiosk::store::BackgroundWorker worker;
//   worker.post([&book] {
//       auto ticket = book.issue('A');                      // on the worker thread
//       return [ticket, &screen] { screen.show(ticket); };  // later, on the UI thread
//   });
//   worker.runCompletions();                                // once per UI frame
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk::store {

class BackgroundWorker {
public:
    using Completion = std::function<void()>;
    using Job = std::function<Completion()>;  // may return an empty Completion

    BackgroundWorker();
    ~BackgroundWorker();
    BackgroundWorker(const BackgroundWorker&) = delete;
    BackgroundWorker& operator=(const BackgroundWorker&) = delete;

    void post(Job job);
    // Runs the completions of finished jobs on the calling thread. Returns how many ran.
    int runCompletions();
    // Jobs posted and not yet completed on the UI side (queued, running, or awaiting
    // runCompletions). The UI keeps redrawing while this is above zero.
    int outstanding() const;
    // Blocks until every posted job has run (tests and shutdown paths only).
    void waitIdle();

private:
    void run();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<Job> jobs_;
    std::deque<Completion> completions_;
    int running_ = 0;
    int outstanding_ = 0;
    bool stopping_ = false;
    std::thread thread_;  // last: starts after everything it uses
};

}  // namespace kiosk::store
