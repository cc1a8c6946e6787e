// The volunteer desk behind the screens: the desk's rules (kiosk::session::VolunteerDesk) plus
// the slow work they need — Argon2id PIN checks and queue/help-log transactions — run on a
// BackgroundWorker with its own database connection, so the UI thread never waits for an
// fsync or a hash. Screens read the snapshots here and call the intents; results arrive through
// update() once per frame.
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
#include "kiosk/helplog/HelpLog.h"
#include "kiosk/helplog/Statistics.h"
#include "kiosk/helplog/VolunteerRoster.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/session/VolunteerDesk.h"
#include "kiosk/store/BackgroundWorker.h"

namespace ui {

// Which figures the statistics screen shows.
enum class StatisticsRange { Today, Week, Month };

class DeskController {
public:
    // `exportDir`: where the on-screen export writes; empty: the first USB stick mounted.
    DeskController(std::filesystem::path databaseFile, std::filesystem::path pepperFile,
                   std::vector<kiosk::queue::Service> services, kiosk::config::DeskConfig config,
                   std::string kioskId = "kiosk",
                   std::optional<std::filesystem::path> exportDir = std::nullopt);
    ~DeskController();

    bool isOpen() const { return open_; }
    void open(kiosk::SteadyTime now);
    // Runs finished work's results and the idle sign-out; closes the desk when signed out.
    void update(kiosk::SteadyTime now);
    std::chrono::milliseconds sleepBudget(kiosk::SteadyTime now) const;

    kiosk::session::VolunteerDesk& desk() { return desk_; }
    const std::vector<kiosk::queue::Service>& services() const { return services_; }
    const std::vector<kiosk::helplog::Volunteer>& volunteers() const { return volunteers_; }
    const std::vector<kiosk::queue::Ticket>& waiting() const { return waiting_; }
    const std::vector<kiosk::queue::Ticket>& recentNoShows() const { return noShows_; }
    const std::optional<kiosk::helplog::PeriodStatistics>& statistics() const { return statistics_; }
    StatisticsRange statisticsRange() const { return range_; }
    bool busy() const { return worker_->outstanding() > 0; }
    const std::optional<kiosk::Error>& lastError() const { return error_; }

    // Intents (each also counts as a touch for the idle sign-out).
    void chooseVolunteer(const kiosk::helplog::Volunteer& volunteer, kiosk::SteadyTime at);
    void pressDigit(char digit, kiosk::SteadyTime at);
    void erase(kiosk::SteadyTime at);
    void cancelSignIn(kiosk::SteadyTime at);
    void callNext(kiosk::SteadyTime at);
    void recall(kiosk::queue::TicketId id, kiosk::SteadyTime at);
    void noShow(kiosk::SteadyTime at);
    void transfer(char toService, kiosk::SteadyTime at);
    void done(kiosk::SteadyTime at);
    void saveHelp(kiosk::SteadyTime at);
    void rate(kiosk::helplog::Rating rating, kiosk::SteadyTime at);
    void skipRating(kiosk::SteadyTime at);
    void showStatistics(StatisticsRange range, kiosk::SteadyTime at);
    void closeStatistics(kiosk::SteadyTime at);
    // Writes the shown period's help log as CSV to the USB stick, with progress.
    void exportToUsb(kiosk::SteadyTime at);

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
    struct Backend;  // lives on the worker thread only
    using TicketJob = std::function<kiosk::Result<kiosk::queue::Ticket>(Backend&)>;

    kiosk::Result<Backend*> backend();  // worker thread only
    void refresh();
    void runTicketJob(TicketJob job, std::function<void(const kiosk::queue::Ticket&)> onSuccess);
    void fail(const kiosk::Error& error);
    std::optional<kiosk::helplog::Skill> likelySkill(char service) const;
    std::string signedInDeskName() const;

    std::filesystem::path databaseFile_;
    std::filesystem::path pepperFile_;
    std::vector<kiosk::queue::Service> services_;
    kiosk::config::DeskConfig config_;
    kiosk::session::VolunteerDesk desk_;
    bool open_ = false;
    std::vector<kiosk::helplog::Volunteer> volunteers_;
    std::vector<kiosk::queue::Ticket> waiting_;
    std::vector<kiosk::queue::Ticket> noShows_;
    std::optional<kiosk::helplog::PeriodStatistics> statistics_;
    StatisticsRange range_ = StatisticsRange::Today;
    std::optional<kiosk::Error> error_;
    kiosk::SteadyTime lastRefresh_{};
    std::string kioskId_;
    std::optional<std::filesystem::path> exportDir_;
    bool exporting_ = false;
    bool noStick_ = false;
    std::optional<std::filesystem::path> exported_;
    std::atomic<int> exportDone_{0};  // written by the worker while it exports
    std::atomic<int> exportTotal_{0};
    std::unique_ptr<Backend> backend_;  // created and used by worker jobs only
    // Last: destroyed first, so jobs still running finish while everything they use exists.
    std::unique_ptr<kiosk::store::BackgroundWorker> worker_;
};

}  // namespace ui
