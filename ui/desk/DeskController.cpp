#include "ui/desk/DeskController.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kiosk/helplog/CsvExport.h"
#include "kiosk/helplog/Pepper.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/queue/WallClock.h"
#include "kiosk/store/Database.h"
#include "kiosk/store/RemovableMedia.h"

namespace ui {

using kiosk::Error;
using kiosk::Result;
using kiosk::SteadyTime;
using kiosk::queue::Ticket;

// Everything that touches the database for the desk, owned by the worker thread: its own
// connection (SQLite connections are not shared between threads here), book, roster and log.
struct DeskController::Backend {
    Backend(kiosk::store::Database database, kiosk::helplog::Pepper pepper,
            std::vector<kiosk::queue::Service> services, const kiosk::config::DeskConfig& config)
        : db(std::move(database)),
          book(db, std::move(services), clock,
               kiosk::queue::QueuePolicy{.interleave = {config.priorityInARow, config.normalInARow},
                                         .recallWindow = config.recallWindow}),
          roster(db, std::move(pepper), clock),
          log(db, clock) {}

    kiosk::queue::SystemWallClock clock;
    kiosk::store::Database db;
    kiosk::queue::TicketBook book;
    kiosk::helplog::VolunteerRoster roster;
    kiosk::helplog::HelpLog log;
};

namespace {
// What the desk keeps in view of the tickets it marked as no-shows (they can be recalled).
constexpr std::size_t kNoShowsShown = 4;
// The waiting list changes when citizens take tickets; refresh it this often while open.
constexpr std::chrono::seconds kRefreshEvery{10};
}  // namespace

DeskController::DeskController(std::filesystem::path databaseFile, std::filesystem::path pepperFile,
                               std::vector<kiosk::queue::Service> services, kiosk::config::DeskConfig config,
                               std::string kioskId, std::optional<std::filesystem::path> exportDir)
    : databaseFile_(std::move(databaseFile)),
      pepperFile_(std::move(pepperFile)),
      services_(std::move(services)),
      config_(config),
      desk_(std::chrono::seconds(config.volunteerIdleSeconds)),
      kioskId_(std::move(kioskId)),
      exportDir_(std::move(exportDir)),
      worker_(std::make_unique<kiosk::store::BackgroundWorker>()) {}

DeskController::~DeskController() = default;

Result<DeskController::Backend*> DeskController::backend() {
    if (backend_) return backend_.get();
    auto database = kiosk::store::Database::openFile(databaseFile_);
    if (!database) return database.error();
    auto pepper = kiosk::helplog::loadOrCreatePepper(pepperFile_);
    if (!pepper) return pepper.error();
    backend_ =
        std::make_unique<Backend>(std::move(database).value(), std::move(pepper).value(), services_, config_);
    return backend_.get();
}

void DeskController::fail(const Error& error) {
    spdlog::warn("desk: {} ({})", error.message, error.code);
    error_ = error;
}

void DeskController::open(SteadyTime now) {
    open_ = true;
    error_.reset();
    desk_.noteInput(now);
    worker_->post([this]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        auto list = (*backend)->roster.list();
        if (!list) return [this, error = list.error()] { fail(error); };
        return
            [this, volunteers = std::move(list).value()]() mutable { volunteers_ = std::move(volunteers); };
    });
}

void DeskController::refresh() {
    worker_->post([this]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        std::vector<Ticket> all;
        for (const auto& service : services_) {
            auto line = (*backend)->book.waitingLine(service.letter);
            if (!line) return [this, error = line.error()] { fail(error); };
            all.insert(all.end(), line->begin(), line->end());
        }
        return [this, all = std::move(all)]() mutable { waiting_ = std::move(all); };
    });
}

void DeskController::update(SteadyTime now) {
    worker_->runCompletions();
    if (!open_) return;
    if (desk_.tick(now)) {
        spdlog::info("desk: signed out after {} s without a touch", config_.volunteerIdleSeconds);
        signOut();
        return;
    }
    if (desk_.screen() == kiosk::session::DeskScreen::ChooseVolunteer && !desk_.signedIn() &&
        now - desk_.lastInput() >= std::chrono::seconds(config_.volunteerIdleSeconds)) {
        open_ = false;  // nobody chose a name: give the screen back to citizens
    }
    if (desk_.screen() == kiosk::session::DeskScreen::Queue && !busy() &&
        now - lastRefresh_ >= kRefreshEvery) {
        lastRefresh_ = now;
        refresh();
    }
}

std::chrono::milliseconds DeskController::sleepBudget(SteadyTime now) const {
    if (busy()) return std::chrono::milliseconds(30);  // results are coming
    auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(kRefreshEvery);
    if (desk_.screen() != kiosk::session::DeskScreen::ChooseVolunteer) {
        budget = std::min(budget, desk_.untilTimeout(now));
    }
    return std::max(budget, std::chrono::milliseconds(1));
}

void DeskController::chooseVolunteer(const kiosk::helplog::Volunteer& volunteer, SteadyTime at) {
    error_.reset();
    desk_.chooseVolunteer(volunteer.id, volunteer.displayName, at);
}

void DeskController::pressDigit(char digit, SteadyTime at) {
    desk_.pressDigit(digit, at);
    auto pin = desk_.takePinForCheck();
    if (!pin) return;
    error_.reset();
    worker_->post([this, id = desk_.chosenVolunteer(),
                   pin = std::move(*pin)]() mutable -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        Result<kiosk::helplog::PinCheck> check = backend ? (*backend)->roster.verifyPin(id, pin)
                                                         : Result<kiosk::helplog::PinCheck>(backend.error());
        std::fill(pin.begin(), pin.end(), '\0');
        if (!check) {
            return [this, error = check.error()] {
                desk_.pinCheckFailed(std::chrono::steady_clock::now());
                fail(error);
            };
        }
        return [this, result = *check] {
            desk_.pinChecked(result, std::chrono::steady_clock::now());
            if (desk_.signedIn()) {
                spdlog::info("desk: volunteer {} signed in", desk_.volunteer()->volunteer);
                refresh();
            }
        };
    });
}

void DeskController::erase(SteadyTime at) {
    desk_.erase(at);
}

void DeskController::cancelSignIn(SteadyTime at) {
    desk_.noteInput(at);
    desk_.cancelSignIn();
    error_.reset();
}

void DeskController::runTicketJob(TicketJob job, std::function<void(const Ticket&)> onSuccess) {
    error_.reset();
    worker_->post([this, job = std::move(job),
                   onSuccess = std::move(onSuccess)]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        auto ticket = job(**backend);
        if (!ticket) return [this, error = ticket.error()] { fail(error); };
        return [onSuccess, ticket = *ticket] { onSuccess(ticket); };
    });
    refresh();
}

void DeskController::callNext(SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.signedIn() || desk_.current()) return;
    const std::string deskName = signedInDeskName();
    error_.reset();
    worker_->post([this, deskName]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        auto called = (*backend)->book.callNext(deskName);
        if (!called) return [this, error = called.error()] { fail(error); };
        return [this, called = *called] {
            if (called) desk_.ticketCalled(*called);
        };
    });
    refresh();
}

void DeskController::recall(kiosk::queue::TicketId id, SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.signedIn() || (desk_.current() && desk_.current()->id != id)) return;
    const std::string deskName = signedInDeskName();
    runTicketJob([id, deskName](Backend& b) { return b.book.recall(id, deskName); },
                 [this](const Ticket& ticket) {
                     std::erase_if(noShows_, [&](const Ticket& t) { return t.id == ticket.id; });
                     desk_.ticketCalled(ticket);
                 });
}

void DeskController::noShow(SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.current()) return;
    const auto id = desk_.current()->id;
    runTicketJob([id](Backend& b) { return b.book.noShow(id); },
                 [this](const Ticket& ticket) {
                     desk_.ticketLeft();
                     noShows_.insert(noShows_.begin(), ticket);
                     if (noShows_.size() > kNoShowsShown) noShows_.resize(kNoShowsShown);
                 });
}

void DeskController::transfer(char toService, SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.current()) return;
    const auto id = desk_.current()->id;
    runTicketJob([id, toService](Backend& b) { return b.book.transfer(id, toService); },
                 [this](const Ticket&) { desk_.ticketLeft(); });
}

// Who called a ticket, as the book records it: the volunteer's id, never their name.
std::string DeskController::signedInDeskName() const {
    return "volunteer-" + std::to_string(desk_.volunteer()->volunteer);
}

std::optional<kiosk::helplog::Skill> DeskController::likelySkill(char service) const {
    const auto* found = kiosk::queue::findService(services_, service);
    if (!found || found->skills.empty()) return std::nullopt;
    return found->skills.front();
}

void DeskController::done(SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.current()) return;
    const auto id = desk_.current()->id;
    runTicketJob([id](Backend& b) { return b.book.done(id); },
                 [this](const Ticket& ticket) { desk_.ticketDone(ticket, likelySkill(ticket.service)); });
}

void DeskController::saveHelp(SteadyTime at) {
    desk_.noteInput(at);
    auto entry = desk_.helpEntry();
    if (!entry) return;
    if (auto problem = kiosk::helplog::noteProblem(entry->note)) {
        error_ = Error{"helplog.note_personal_data", *problem};
        return;
    }
    error_.reset();
    worker_->post([this, entry = *entry]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        if (auto saved = (*backend)->log.record(entry); !saved) {
            return [this, error = saved.error()] { fail(error); };
        }
        return [this] { desk_.helpLogged(); };
    });
}

void DeskController::rate(kiosk::helplog::Rating rating, SteadyTime at) {
    desk_.noteInput(at);
    const auto& ticket = desk_.ratingTicket();
    if (!ticket) return;
    const auto id = ticket->id;
    desk_.ratingGiven();  // the citizen sees their tap answered at once; a failure shows on the desk
    worker_->post([this, id, rating]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        if (auto saved = (*backend)->log.rate(id, rating); !saved) {
            return [this, error = saved.error()] { fail(error); };
        }
        return {};
    });
    refresh();
}

void DeskController::skipRating(SteadyTime at) {
    desk_.noteInput(at);
    desk_.ratingGiven();
    refresh();
}

void DeskController::showStatistics(StatisticsRange range, SteadyTime at) {
    desk_.openStatistics(at);
    range_ = range;
    error_.reset();
    worker_->post([this, range]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend) return [this, error = backend.error()] { fail(error); };
        auto day = (*backend)->book.businessDay();
        if (!day) return [this, error = day.error()] { fail(error); };
        auto period = range == StatisticsRange::Today  ? kiosk::helplog::Period::today(*day)
                      : range == StatisticsRange::Week ? kiosk::helplog::Period::thisWeek(*day)
                                                       : kiosk::helplog::Period::thisMonth(*day);
        if (!period) return [this, error = period.error()] { fail(error); };
        auto figures = kiosk::helplog::computeStatistics((*backend)->db, *period);
        if (!figures) return [this, error = figures.error()] { fail(error); };
        return [this, figures = *figures] { statistics_ = figures; };
    });
}

void DeskController::exportToUsb(SteadyTime at) {
    desk_.noteInput(at);
    if (exporting_ || !statistics_) return;
    error_.reset();
    exported_.reset();
    std::optional<std::filesystem::path> dir = exportDir_;
    if (!dir) {
        const auto sticks = kiosk::store::mountedUsbSticks();
        if (!sticks.empty()) dir = sticks.front();
    }
    noStick_ = !dir;
    if (!dir) return;
    const kiosk::helplog::Period period = statistics_->period;
    const auto target =
        *dir / ("commune-kiosk-" + kioskId_ + "-" + period.fromDay + "_" + period.toDay + ".csv");
    exporting_ = true;
    exportDone_ = 0;
    exportTotal_ = 0;
    worker_->post([this, period, target]() -> kiosk::store::BackgroundWorker::Completion {
        auto backend = this->backend();
        if (!backend)
            return [this, error = backend.error()] {
                exporting_ = false;
                fail(error);
            };
        auto summary =
            kiosk::helplog::exportHelpCsv((*backend)->db, period, target, [this](int done, int total) {
                exportDone_ = done;
                exportTotal_ = total;
                return true;
            });
        if (!summary)
            return [this, error = summary.error()] {
                exporting_ = false;
                fail(error);
            };
        spdlog::info("desk: exported {} tickets to {}", summary->rows, summary->file.string());
        return [this, file = summary->file] {
            exporting_ = false;
            exported_ = file;
        };
    });
}

DeskController::ExportView DeskController::exportView() const {
    return ExportView{exporting_, exportDone_.load(), exportTotal_.load(), noStick_, exported_};
}

void DeskController::closeStatistics(SteadyTime at) {
    desk_.closeStatistics(at);
    refresh();
}

void DeskController::signOut() {
    desk_.signOut();
    open_ = false;
    waiting_.clear();
    noShows_.clear();
    statistics_.reset();
    error_.reset();
    noStick_ = false;
    exported_.reset();
}

}  // namespace ui
