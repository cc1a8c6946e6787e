#include "kiosk/centre/CentreListener.h"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreQueue.h"

namespace kiosk::centre {

using std::chrono::steady_clock;

CentreListener::CentreListener(std::string connectionString, ListenerRetry retry)
    : connectionString_(std::move(connectionString)), retry_(retry), delay_(retry.first) {}

void CentreListener::connect(Heard& heard) {
    auto opened = PgConnection::open(connectionString_);
    Status listening = opened ? opened->run("LISTEN " + std::string(kQueueChannel)) : Status(opened.error());
    if (listening) listening = opened->run("LISTEN " + std::string(kHelpChannel));
    if (!listening) {
        nextAttempt_ = steady_clock::now() + delay_;
        spdlog::warn("centre: not listening to the queue ({}); trying again in {} ms",
                     listening.error().message, delay_.count());
        delay_ = std::min(delay_ * 2, retry_.longest);
        heard.problem = listening.error();
        return;
    }
    connection_.emplace(std::move(opened).value());
    delay_ = retry_.first;
    heard.resyncNeeded = true;
    spdlog::info("centre: listening to the queue");
}

void CentreListener::lose(Heard& heard, Error why) {
    spdlog::warn("centre: lost the queue's notifications ({}); reconnecting", why.message);
    connection_.reset();
    // The first attempt right away: a server restart is usually over by the time we notice.
    nextAttempt_ = steady_clock::now();
    heard.problem = std::move(why);
}

void CentreListener::takeNotifications(Heard& heard) {
    while (PGnotify* notify = PQnotifies(connection_->handle())) {
        // Its payload is not read: a desk reloads the whole (short) list of open requests.
        if (notify->relname && notify->relname == kHelpChannel) {
            heard.helpChanged = true;
        } else if (auto event = parseQueueEvent(notify->extra ? notify->extra : "")) {
            heard.events.push_back(std::move(*event));
        } else {
            spdlog::warn("centre: ignored a notification on {} that is not a queue event", kQueueChannel);
        }
        PQfreemem(notify);
    }
}

Heard CentreListener::wait(std::chrono::milliseconds timeout) {
    Heard heard;
    if (!connection_) {
        const auto now = steady_clock::now();
        if (now < nextAttempt_) {
            std::this_thread::sleep_for(std::min<steady_clock::duration>(timeout, nextAttempt_ - now));
            if (steady_clock::now() < nextAttempt_) return heard;
        }
        connect(heard);
        return heard;
    }
    // Kept during the caller's queries: hand them over before sleeping.
    takeNotifications(heard);
    if (!heard.events.empty() || heard.helpChanged) return heard;

    pollfd socket{PQsocket(connection_->handle()), POLLIN, 0};
    if (socket.fd < 0) {
        lose(heard, Error{"centre.unreachable", "the connection has no socket"});
        return heard;
    }
    const int ready = ::poll(&socket, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) {
        lose(heard, Error{"centre.unreachable", std::string("poll failed: ") + std::strerror(errno)});
        return heard;
    }
    if (ready > 0) {
        // Reading also notices a server that went away: the socket reads end-of-file.
        if (PQconsumeInput(connection_->handle()) == 0 || PQstatus(connection_->handle()) != CONNECTION_OK) {
            lose(heard, Error{"centre.unreachable", "the server closed the connection"});
            return heard;
        }
        takeNotifications(heard);
    }
    return heard;
}

}  // namespace kiosk::centre
