// The volunteer desk behind the screens: the desk's rules (VolunteerDesk) plus the slow work
// they need — Argon2id PIN checks and help-log transactions posted to the kiosk's storage
// thread, queue changes sent to a DeskQueue (the kiosk's own book, or the centre's shared
// queue) — so the UI thread never waits for an fsync, a hash or a server. Screens read the
// snapshots here and call the intents; results arrive as completions on the UI thread.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/config/KioskConfig.h"
#include "kiosk/desk/DeskQueue.h"
#include "kiosk/desk/VolunteerDesk.h"
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/Statistics.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/queue/HelpRequestLog.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/storage/StorageThread.h"

namespace kiosk::desk {

class DeskController {
public:
    // `storage` must outlive the controller and be stopped before it is destroyed (jobs in
    // flight refer to it). `exportDir`: where the on-screen export writes; empty: the first USB
    // stick mounted. `queue`: where tickets and help requests live; null: the kiosk's own book
    // on `storage` (LocalDeskQueue), as a lone kiosk always had.
    DeskController(storage::StorageThread& storage, std::vector<queue::Service> services,
                   config::DeskConfig config, std::string kioskId = "kiosk",
                   std::optional<std::filesystem::path> exportDir = std::nullopt,
                   std::unique_ptr<DeskQueue> queue = nullptr);

    bool isOpen() const { return open_; }
    void open(SteadyTime now);
    // The idle sign-out and the periodic refresh; closes the desk when signed out. Results of
    // posted work arrive through the storage thread's completions.
    void update(SteadyTime now);
    std::chrono::milliseconds sleepBudget(SteadyTime now) const;

    VolunteerDesk& desk() { return desk_; }
    const std::vector<queue::Service>& services() const { return services_; }
    const std::vector<helplog::Volunteer>& volunteers() const { return volunteers_; }
    const std::vector<queue::Ticket>& waiting() const { return waiting_; }
    // False until the first list since sign-in arrives: an empty list is then not "nobody waits"
    // (a desk started before the centre's server has never seen one).
    bool waitingKnown() const { return waitingKnown_; }
    const std::vector<queue::Ticket>& recentNoShows() const { return noShows_; }
    // Citizens who pressed "Get help", urgent first, then oldest; none answered yet.
    const std::vector<queue::OpenHelpRequest>& helpRequests() const { return helpRequests_; }
    // Grows each time a refresh finds a request not listed before: the screen sounds a chime.
    int helpAlerts() const { return helpAlerts_; }
    const std::optional<helplog::PeriodStatistics>& statistics() const { return statistics_; }
    StatisticsRange statisticsRange() const { return range_; }
    bool busy() const { return pending_ > 0; }
    const std::optional<Error>& lastError() const { return error_; }
    // Why the queue cannot be reached (the centre's server does not answer); shown as "offline".
    std::optional<Error> queueOffline() const { return queue_->offline(); }
    bool canTransfer() const { return queue_->canTransfer(); }

    // Intents (each also counts as a touch for the idle sign-out).
    void chooseVolunteer(const helplog::Volunteer& volunteer, SteadyTime at);
    void pressDigit(char digit, SteadyTime at);
    void erase(SteadyTime at);
    void cancelSignIn(SteadyTime at);
    // A team leader lifts the chosen name's lock (VolunteerDesk::startLeaderUnlock).
    void startLeaderUnlock(SteadyTime at);
    void callNext(SteadyTime at);
    // "Tôi đến ngay": the citizen's screen then names the signed-in volunteer.
    void answerHelp(queue::HelpRequestId id, SteadyTime at);
    void recall(queue::TicketId id, SteadyTime at);
    void noShow(SteadyTime at);
    void transfer(char toService, SteadyTime at);
    void done(SteadyTime at);
    // Takes up a ticket this volunteer left unfinished (VolunteerDesk::unfinished()).
    void resumeUnfinished(queue::TicketId id, SteadyTime at);
    void saveHelp(SteadyTime at);
    void rate(helplog::Rating rating, SteadyTime at);
    void skipRating(SteadyTime at);
    void showStatistics(StatisticsRange range, SteadyTime at);
    void closeStatistics(SteadyTime at);
    // Writes the shown period's help log as CSV to the USB stick, with progress.
    void exportToUsb(SteadyTime at);

    struct ExportView {
        bool running = false;
        int done = 0;
        int total = 0;
        bool noStick = false;
        std::optional<std::filesystem::path> saved;
    };
    ExportView exportView() const;
    void signOut();

private:
    using Completion = storage::StorageThread::Completion;
    template <class T>
    using Reply = DeskQueue::Reply<T>;

    // Posts a job to the storage thread, counted in busy() until its completion ran.
    void post(std::function<Completion(storage::StorageRoom&)> job);
    void refresh();
    void showHelpRequests(std::vector<queue::OpenHelpRequest> open);
    void lookForUnfinishedWork();
    // A reply counted in busy() until it ran.
    template <class T>
    Reply<T> counted(Reply<T> reply);
    // The reply of a ticket change: `onSuccess`, or the error on screen.
    Reply<queue::Ticket> ticketReply(std::function<void(const queue::Ticket&)> onSuccess);
    void show(DeskQueueView view);
    void fail(const Error& error);
    std::optional<helplog::Skill> likelySkill(char service) const;
    std::string signedInDeskName() const;

    std::vector<queue::Service> services_;
    config::DeskConfig config_;
    storage::StorageThread& storage_;
    std::unique_ptr<DeskQueue> queue_;
    VolunteerDesk desk_;
    bool open_ = false;
    std::vector<helplog::Volunteer> volunteers_;
    std::vector<queue::Ticket> waiting_;
    bool waitingKnown_ = false;
    std::string shownLabels_;  // the waiting list last logged
    std::vector<queue::Ticket> noShows_;
    std::vector<queue::OpenHelpRequest> helpRequests_;
    std::vector<queue::HelpRequestId> announcedHelp_;
    int helpAlerts_ = 0;
    std::optional<helplog::PeriodStatistics> statistics_;
    StatisticsRange range_ = StatisticsRange::Today;
    std::optional<Error> error_;
    SteadyTime lastRefresh_{};
    std::string kioskId_;
    std::optional<std::filesystem::path> exportDir_;
    bool exporting_ = false;
    bool noStick_ = false;
    std::optional<std::filesystem::path> exported_;
    std::atomic<int> exportDone_{0};  // written by the worker while it exports
    std::atomic<int> exportTotal_{0};
    int pending_ = 0;     // jobs posted whose completion has not run (UI thread only)
    int refreshing_ = 0;  // waiting-list reloads on their way (UI thread only; not busy())
};

}  // namespace kiosk::desk
