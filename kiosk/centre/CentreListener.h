// The listening side of the centre's queue: a connection of its own that runs LISTEN
// kiosk_queue and kiosk_help, and hands the queue's changes (and that help requests changed) to
// its caller as they are committed elsewhere. Desks and boards redraw from these instead of
// polling the database.
//
// Notifications sent while the connection is down are lost for good (PostgreSQL keeps none
// for an absent listener), so every (re)connection is reported as "resync needed": the caller
// reloads the whole state it shows, then applies the events that follow. A lost server is
// retried with a doubling delay, so a board left on through a server's night off does not
// hammer it.
//
// Blocking: wait() sleeps on the socket (poll) up to its timeout. Run it on a thread of its own,
// never on the UI thread. Not thread-safe: one thread owns the listener.
//
// Usage:
//   centre::CentreListener listener(config.centre.database);
//   for (;;) {
//       auto heard = listener.wait(250ms);
//       if (heard.resyncNeeded) reload(*listener.connection());
//       for (const auto& event : heard.events) apply(event);
//   }
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/centre/QueueEvent.h"

namespace kiosk::centre {

struct ListenerRetry {
    std::chrono::milliseconds first{250};     // after the first failure
    std::chrono::milliseconds longest{5000};  // the doubling stops here: a board is back 5 s after its server
};

// What one wait() brought.
struct Heard {
    // Connected just now (the first time, or after losing the server): whatever the caller
    // shows may be stale; reload it before applying `events`.
    bool resyncNeeded = false;
    std::vector<QueueEvent> events;
    // A help request was made, escalated, answered or withdrawn (kiosk/centre/CentreHelpRequests.h):
    // a desk reloads its list of them; a board, which shows none, ignores it.
    bool helpChanged = false;
    // Why the server cannot be heard right now (a connection failed or was lost); the caller
    // shows "offline" until a wait reports resyncNeeded.
    std::optional<Error> problem;
};

class CentreListener {
public:
    explicit CentreListener(std::string connectionString, ListenerRetry retry = {});

    // Connects when needed (at most once per retry delay), then waits up to `timeout` for
    // notifications. Returns early with whatever arrived, or as soon as a reconnection succeeded.
    Heard wait(std::chrono::milliseconds timeout);

    bool connected() const { return connection_.has_value(); }
    // The listening connection, for the caller's reload queries (nullptr while disconnected).
    // Notifications that arrive during such a query are kept and returned by the next wait().
    PgConnection* connection() { return connection_ ? &*connection_ : nullptr; }

private:
    void connect(Heard& heard);
    void lose(Heard& heard, Error why);
    void takeNotifications(Heard& heard);

    std::string connectionString_;
    ListenerRetry retry_;
    std::optional<PgConnection> connection_;
    std::chrono::milliseconds delay_;
    std::chrono::steady_clock::time_point nextAttempt_{};
};

}  // namespace kiosk::centre
