// The board's link to the centre: a thread that listens to the queue (CentreListener), loads
// today's board from the database whenever it (re)connects, applies each event to a BoardModel
// and publishes an immutable snapshot for the screen, then calls `changed` so the screen can
// wake up and redraw (the board screen posts an SDL event from it). The UI thread only copies
// snapshots; it never waits on the network.
//
// Usage (ui/board/BoardApp.cpp):
//   centre::BoardFeed feed(config.centre.database, clock, [] { wakeTheUiLoop(); });
//   each frame: auto shown = feed.snapshot(); for (auto& call : feed.takeAnnouncements()) say(call);
// Publishing copies the state once per change on the feed's thread, so a frame only takes a
// shared pointer, however long the lines are.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/centre/BoardModel.h"
#include "kiosk/centre/CentreListener.h"
#include "kiosk/centre/PgConnection.h"

namespace kiosk::centre {

// Today's board as the database has it: the ticket each desk called last, and every waiting
// ticket per service in line order. Errors: centre.*.
Result<BoardState> loadBoardState(PgConnection& connection, const std::string& day);

// Immutable once published: the screen keeps one as long as it draws it.
struct BoardSnapshot {
    BoardModel board;
    bool connected = false;     // false until the first load, and while the server is lost
    std::string problem;        // why not connected, for the log and the technician
    std::uint64_t version = 0;  // grows with every change published
};

class BoardFeed {
public:
    // `clock` must outlive the feed (it gives "today"); `changed` runs on the feed's thread.
    // With a `terminalId`, the board notes itself in the centre's terminal list (role "board")
    // at every connection and once a minute, so `centre status` shows when it was last heard.
    BoardFeed(std::string connectionString, const WallClock& clock, std::function<void()> changed,
              ListenerRetry retry = {}, std::string terminalId = {});
    ~BoardFeed();  // stops the thread (within a quarter second) and joins it
    BoardFeed(const BoardFeed&) = delete;
    BoardFeed& operator=(const BoardFeed&) = delete;

    // The latest state; never null (before the first load: empty and not connected).
    std::shared_ptr<const BoardSnapshot> snapshot() const;
    // The calls to speak since the last take, oldest first.
    std::vector<Announcement> takeAnnouncements();

private:
    void run();
    void publish(const std::function<void(BoardSnapshot&)>& change);

    std::string connectionString_;
    const WallClock& clock_;
    std::function<void()> changed_;
    ListenerRetry retry_;
    std::string terminalId_;
    BoardSnapshot current_;  // the feed thread's own, copied into each published snapshot
    mutable std::mutex mutex_;
    std::shared_ptr<const BoardSnapshot> published_ = std::make_shared<const BoardSnapshot>();
    std::vector<Announcement> announcements_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;  // last: starts after everything it reads
};

}  // namespace kiosk::centre
