// The centre's shared queue as one volunteer desk sees it (`commune-kiosk desk` with [centre]
// database): the waiting tickets of the desk's lines, call-next with FOR UPDATE SKIP LOCKED
// (CentreQueue), recall, no-show, done and transfer, all by desk number; and the centre's open
// help requests, answered through the centre (CentreHelpRequests), so the first desk to answer wins.
//
// Two threads of its own, so the UI thread never waits on the network:
//  - the worker runs the desk's commands, one at a time, on a connection with a 2 s deadline
//    per statement (PgDeadlines); a server that does not answer turns into offline(), and the
//    next command tries a fresh connection;
//  - the listener (CentreListener) hears the queue's and the help requests' NOTIFYs; each one has
//    the worker reload the desk's list, which is then pushed to the desk (takeNews) and the UI
//    woken with `wake`.
// Replies run on the UI thread, from deliver().
//
// Tickets are UUIDs in the centre; the desk's screens know queue::Ticket ids, so this queue
// numbers the tickets it has shown (1, 2, ...) and keeps the map on the worker.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/centre/CentreHelpLog.h"
#include "kiosk/centre/CentreHelpRequests.h"
#include "kiosk/centre/CentreListener.h"
#include "kiosk/centre/CentreQueue.h"
#include "kiosk/centre/PgConnection.h"
#include "kiosk/desk/DeskQueue.h"
#include "kiosk/queue/QueuePolicy.h"

namespace kiosk::centre {

struct CentreDeskSetup {
    std::string database;  // libpq connection string
    int desk = 1;          // this desk's number, as the board calls it
    std::string services;  // the lines it calls ("AB"); empty: every line
    // The letters of every service of the centre (services.toml): the lines a ticket can be
    // transferred to. Empty: unknown, and the desk offers no transfer.
    std::string knownServices = {};
    queue::QueuePolicy policy = {};
    std::string terminalId = {};  // noted in the centre's terminal list (role desk); empty: not noted
    // How often an idle desk tells the centre it is there (`centre status`), well inside the
    // 90 s after which a silent terminal is listed as offline.
    std::chrono::milliseconds contactEvery = std::chrono::seconds(30);
    PgDeadlines deadlines = {};
    ListenerRetry retry = {};
};

class CentreDeskQueue final : public desk::DeskQueue {
public:
    // `clock` must outlive the queue (it gives "today"); `wake` runs on the queue's threads when
    // a reply or news is ready (the desk's window posts an SDL event from it).
    CentreDeskQueue(CentreDeskSetup setup, const WallClock& clock, std::function<void()> wake = {});
    ~CentreDeskQueue() override;  // stops both threads (each within its current statement's deadline)
    CentreDeskQueue(const CentreDeskQueue&) = delete;
    CentreDeskQueue& operator=(const CentreDeskQueue&) = delete;

    void list(Reply<desk::DeskQueueView> reply) override;
    void callNext(std::string caller, Reply<std::optional<queue::Ticket>> reply) override;
    void recall(queue::TicketId id, std::string caller, Reply<queue::Ticket> reply) override;
    void noShow(queue::TicketId id, Reply<queue::Ticket> reply) override;
    void done(queue::TicketId id, Reply<queue::Ticket> reply) override;
    void transfer(queue::TicketId id, char toService, Reply<queue::Ticket> reply) override;
    // true: this desk's volunteer got it; false: another desk answered first, or the citizen left.
    void answerHelp(queue::HelpRequestId id, int64_t volunteer, std::string volunteerName,
                    Reply<bool> reply) override;
    void unfinished(std::string caller, Reply<std::vector<queue::Ticket>> reply) override;
    // The centre's help log: records name this desk (number and terminal id), and the figures
    // count every desk of the centre.
    void logHelp(helplog::HelpEntry entry, Reply<Done> reply) override;
    void rate(queue::TicketId id, helplog::Rating rating, Reply<Done> reply) override;
    void statistics(desk::StatisticsRange range, Reply<helplog::PeriodStatistics> reply) override;
    void exportHelpCsv(helplog::Period period, std::filesystem::path target,
                       std::function<bool(int done, int total)> progress,
                       Reply<helplog::ExportSummary> reply) override;

    void deliver() override;
    std::optional<desk::DeskQueueView> takeNews() override;
    std::optional<Error> offline() const override;
    bool canTransfer() const override { return !setup_.knownServices.empty(); }

private:
    using Job = std::function<std::function<void()>()>;  // runs on the worker, returns the UI-thread part
    void post(Job job);
    template <class T>
    void postTicketJob(std::function<Result<T>(CentreQueue&)> job, Reply<T> reply);
    void runWorker();
    void runListener();
    // The worker's connection, opened (again) when needed; null with offline() set when it cannot be.
    CentreQueue* connectedQueue();
    // Notes a failure: a lost connection is dropped (the next command reconnects) and shown as offline.
    void noteFailure(const Error& error);
    void noteSuccess();
    // The centre's terminal list learns this desk is there (role desk), when it has an id.
    void noteContact();
    Result<desk::DeskQueueView> load();
    queue::Ticket toDeskTicket(const CentreTicket& ticket);
    Result<std::string> uuidOf(queue::TicketId id) const;

    CentreDeskSetup setup_;
    const WallClock& clock_;
    std::function<void()> wake_;

    // Worker thread only.
    std::optional<PgConnection> connection_;
    std::optional<CentreQueue> queue_;
    std::optional<CentreHelpRequests> help_;  // on the same connection, set whenever queue_ is
    std::optional<CentreHelpLog> helpLog_;    // likewise
    std::map<std::string, queue::TicketId> idOf_;
    std::vector<std::string> uuidOf_;

    mutable std::mutex mutex_;
    std::condition_variable work_;
    std::deque<Job> jobs_;
    bool reloadWanted_ = false;
    std::deque<std::function<void()>> replies_;
    std::optional<desk::DeskQueueView> news_;
    std::optional<Error> commandProblem_;
    std::optional<Error> listenerProblem_;
    std::atomic<bool> stopping_{false};
    std::thread worker_;  // last: start after everything they read
    std::thread listener_;
};

}  // namespace kiosk::centre
