#include "kiosk/desk/DeskController.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kiosk/desk/LocalDeskQueue.h"
#include "kiosk/helplog/CsvExport.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/RemovableMedia.h"

namespace kiosk::desk {

using queue::Ticket;

namespace {
// What the desk keeps in view of the tickets it marked as no-shows (they can be recalled).
constexpr std::size_t kNoShowsShown = 4;
// The waiting list changes when citizens take tickets; refresh it this often while open.
// A citizen waiting for "I'm coming" is waiting on this: two indexed reads every 2 s.
constexpr std::chrono::seconds kRefreshEvery{2};
}  // namespace

DeskController::DeskController(storage::StorageThread& storage, std::vector<queue::Service> services,
                               config::DeskConfig config, std::string kioskId,
                               std::optional<std::filesystem::path> exportDir,
                               std::unique_ptr<DeskQueue> queue)
    : services_(std::move(services)),
      config_(config),
      storage_(storage),
      queue_(queue ? std::move(queue) : std::make_unique<LocalDeskQueue>(storage, config.services)),
      desk_(std::chrono::seconds(config.volunteerIdleSeconds)),
      kioskId_(std::move(kioskId)),
      exportDir_(std::move(exportDir)) {}

void DeskController::post(std::function<Completion(storage::StorageRoom&)> job) {
    ++pending_;
    storage_.post([this, job = std::move(job)](storage::StorageRoom& room) -> Completion {
        Completion completion = job(room);
        return [this, completion = std::move(completion)] {
            --pending_;
            if (completion) completion();
        };
    });
}

template <class T>
DeskController::Reply<T> DeskController::counted(Reply<T> reply) {
    ++pending_;
    return [this, reply = std::move(reply)](Result<T> result) {
        --pending_;
        reply(std::move(result));
    };
}

DeskController::Reply<Ticket> DeskController::ticketReply(std::function<void(const Ticket&)> onSuccess) {
    return counted<Ticket>([this, onSuccess = std::move(onSuccess)](Result<Ticket> ticket) {
        if (!ticket) return fail(ticket.error());
        onSuccess(*ticket);
    });
}

void DeskController::fail(const Error& error) {
    spdlog::warn("desk: {} ({})", error.message, error.code);
    error_ = error;
}

void DeskController::open(SteadyTime now) {
    open_ = true;
    error_.reset();
    desk_.noteInput(now);
    post([this](storage::StorageRoom& room) -> Completion {
        auto roster = room.volunteers();
        if (!roster) return [this, error = roster.error()] { fail(error); };
        auto list = (*roster)->list();
        if (!list) return [this, error = list.error()] { fail(error); };
        return
            [this, volunteers = std::move(list).value()]() mutable { volunteers_ = std::move(volunteers); };
    });
}

void DeskController::refresh() {
    // Not counted in busy(): a list on its way changes no button's meaning, and a tap landing in
    // the frame a poll went out must not meet a greyed-out button (a lost tap, for a person too).
    ++refreshing_;
    queue_->list([this](Result<DeskQueueView> view) {
        --refreshing_;
        // An unreachable centre shows as "offline" (queueOffline()), not as an error each poll.
        if (!view) {
            if (!queue_->offline()) fail(view.error());
            return;
        }
        show(std::move(view).value());
    });
}

void DeskController::show(DeskQueueView view) {
    // Each change of the list is logged once (numbers only, nothing personal): when a ticket
    // reached the desk is what a technician asks, and what the desk UI test measures.
    std::string labels;
    for (const auto& ticket : view.waiting)
        labels += (labels.empty() ? "" : " ") + ticket.label();
    if (labels != shownLabels_) {
        spdlog::info("desk: waiting list now {}", labels.empty() ? "empty" : labels);
        shownLabels_ = labels;
    }
    waiting_ = std::move(view.waiting);
    waitingKnown_ = true;
    showHelpRequests(std::move(view.helpRequests));
}

void DeskController::showHelpRequests(std::vector<queue::OpenHelpRequest> open) {
    const bool someoneNew = std::ranges::any_of(open, [this](const queue::OpenHelpRequest& request) {
        return std::ranges::find(announcedHelp_, request.id) == announcedHelp_.end();
    });
    if (someoneNew) ++helpAlerts_;
    announcedHelp_.clear();
    for (const auto& request : open)
        announcedHelp_.push_back(request.id);
    helpRequests_ = std::move(open);
}

void DeskController::answerHelp(queue::HelpRequestId id, SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.signedIn()) return;
    error_.reset();
    const auto& volunteer = *desk_.volunteer();
    queue_->answerHelp(id, volunteer.volunteer, volunteer.displayName,
                       counted<bool>([this](Result<bool> answered) {
                           if (!answered) return fail(answered.error());
                           if (!*answered)
                               fail(Error{"desk.help_gone", "someone else answered, or the citizen left"});
                       }));
    refresh();
}

void DeskController::update(SteadyTime now) {
    queue_->deliver();
    if (auto news = queue_->takeNews(); news && desk_.signedIn()) show(std::move(*news));
    if (!open_) return;
    if (desk_.tick(now)) {
        spdlog::info("desk: signed out after {} s without a touch", config_.volunteerIdleSeconds);
        signOut();
        return;
    }
    if (desk_.screen() == DeskScreen::ChooseVolunteer && !desk_.signedIn() &&
        now - desk_.lastInput() >= std::chrono::seconds(config_.volunteerIdleSeconds)) {
        open_ = false;  // nobody chose a name: give the screen back to citizens
    }
    if (desk_.signedIn() && !busy() && refreshing_ == 0 && now - lastRefresh_ >= kRefreshEvery) {
        lastRefresh_ = now;
        refresh();
    }
}

std::chrono::milliseconds DeskController::sleepBudget(SteadyTime now) const {
    if (busy() || refreshing_ > 0) return std::chrono::milliseconds(30);  // results are coming
    auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(kRefreshEvery);
    if (desk_.screen() != DeskScreen::ChooseVolunteer) {
        budget = std::min(budget, desk_.untilTimeout(now));
    }
    // The pad counts down a lock or the kiosk-wide pause on screen, once a second.
    const auto notice = desk_.signInNotice();
    if (desk_.screen() == DeskScreen::EnterPin &&
        (notice == SignInNotice::KioskPaused || notice == SignInNotice::Locked)) {
        budget = std::min<std::chrono::milliseconds>(budget, std::chrono::seconds(1));
    }
    return std::max(budget, std::chrono::milliseconds(1));
}

void DeskController::chooseVolunteer(const helplog::Volunteer& volunteer, SteadyTime at) {
    error_.reset();
    desk_.chooseVolunteer(volunteer.id, volunteer.displayName, at);
}

void DeskController::pressDigit(char digit, SteadyTime at) {
    desk_.pressDigit(digit, at);
    auto pin = desk_.takePinForCheck();
    if (!pin) return;
    error_.reset();
    post([this, id = desk_.chosenVolunteer(), unlocking = desk_.unlocking(),
          pin = std::move(*pin)](storage::StorageRoom& room) mutable -> Completion {
        auto roster = room.volunteers();
        // While a team leader unlocks a name, the PIN typed is the leader's.
        Result<helplog::PinCheck> check = !roster     ? Result<helplog::PinCheck>(roster.error())
                                          : unlocking ? (*roster)->unlockWithLeader(*unlocking, id, pin)
                                                      : (*roster)->verifyPin(id, pin);
        std::fill(pin.begin(), pin.end(), '\0');
        if (!check) {
            return [this, error = check.error()] {
                desk_.pinCheckFailed(std::chrono::steady_clock::now());
                fail(error);
            };
        }
        if (unlocking) {
            return [this, result = *check] {
                desk_.leaderPinChecked(result, std::chrono::steady_clock::now());
                if (desk_.signInNotice() == SignInNotice::Unlocked)
                    spdlog::info("desk: a team leader lifted a PIN lock");
            };
        }
        return [this, result = *check] {
            desk_.pinChecked(result, std::chrono::steady_clock::now());
            if (desk_.signedIn()) {
                spdlog::info("desk: volunteer {} signed in", desk_.volunteer()->volunteer);
                refresh();
                lookForUnfinishedWork();
            }
        };
    });
}

void DeskController::lookForUnfinishedWork() {
    const std::string deskName = signedInDeskName();
    queue_->unfinished(deskName,
                       counted<std::vector<Ticket>>([this, deskName](Result<std::vector<Ticket>> unfinished) {
                           if (!unfinished) return fail(unfinished.error());
                           // The volunteer may have signed out (or another signed in) while this ran.
                           if (!desk_.signedIn() || signedInDeskName() != deskName) return;
                           if (!unfinished->empty())
                               spdlog::info("desk: {} unfinished ticket(s) offered", unfinished->size());
                           desk_.offerUnfinished(std::move(unfinished).value());
                       }));
}

void DeskController::resumeUnfinished(queue::TicketId id, SteadyTime at) {
    desk_.noteInput(at);
    const auto& offered = desk_.unfinished();
    const auto found =
        std::find_if(offered.begin(), offered.end(), [id](const Ticket& ticket) { return ticket.id == id; });
    if (found == offered.end()) return;
    desk_.resume(id, likelySkill(found->service));
}

void DeskController::erase(SteadyTime at) {
    desk_.erase(at);
}

void DeskController::startLeaderUnlock(SteadyTime at) {
    error_.reset();
    desk_.startLeaderUnlock(at);
}

void DeskController::cancelSignIn(SteadyTime at) {
    desk_.noteInput(at);
    desk_.cancelSignIn();
    error_.reset();
}

void DeskController::callNext(SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.signedIn() || desk_.current()) return;
    const std::string deskName = signedInDeskName();
    error_.reset();
    queue_->callNext(deskName, counted<std::optional<Ticket>>([this](Result<std::optional<Ticket>> called) {
                         if (!called) return fail(called.error());
                         if (*called) desk_.ticketCalled(**called);
                     }));
    refresh();
}

void DeskController::recall(queue::TicketId id, SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.signedIn() || (desk_.current() && desk_.current()->id != id)) return;
    const std::string deskName = signedInDeskName();
    error_.reset();
    queue_->recall(id, deskName, ticketReply([this](const Ticket& ticket) {
                       std::erase_if(noShows_, [&](const Ticket& t) { return t.id == ticket.id; });
                       desk_.ticketCalled(ticket);
                   }));
    refresh();
}

void DeskController::noShow(SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.current()) return;
    const auto id = desk_.current()->id;
    error_.reset();
    queue_->noShow(id, ticketReply([this](const Ticket& ticket) {
                       desk_.ticketLeft();
                       noShows_.insert(noShows_.begin(), ticket);
                       if (noShows_.size() > kNoShowsShown) noShows_.resize(kNoShowsShown);
                   }));
    refresh();
}

void DeskController::transfer(char toService, SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.current()) return;
    const auto id = desk_.current()->id;
    error_.reset();
    queue_->transfer(id, toService, ticketReply([this](const Ticket&) { desk_.ticketLeft(); }));
    refresh();
}

// Who called a ticket, as the book records it: the volunteer's id, never their name.
std::string DeskController::signedInDeskName() const {
    return "volunteer-" + std::to_string(desk_.volunteer()->volunteer);
}

std::optional<helplog::Skill> DeskController::likelySkill(char service) const {
    const auto* found = queue::findService(services_, service);
    if (!found || found->skills.empty()) return std::nullopt;
    return found->skills.front();
}

void DeskController::done(SteadyTime at) {
    desk_.noteInput(at);
    if (!desk_.current()) return;
    const auto id = desk_.current()->id;
    error_.reset();
    queue_->done(id, ticketReply([this](const Ticket& ticket) {
                     desk_.ticketDone(ticket, likelySkill(ticket.service));
                 }));
    refresh();
}

void DeskController::saveHelp(SteadyTime at) {
    desk_.noteInput(at);
    auto entry = desk_.helpEntry();
    if (!entry) return;
    if (auto problem = helplog::noteProblem(entry->note)) {
        error_ = Error{"helplog.note_personal_data", *problem};
        return;
    }
    error_.reset();
    queue_->logHelp(*entry, counted<Done>([this](Status saved) {
        if (!saved) return fail(saved.error());
        desk_.helpLogged();
    }));
}

void DeskController::rate(helplog::Rating rating, SteadyTime at) {
    desk_.noteInput(at);
    const auto& ticket = desk_.ratingTicket();
    if (!ticket) return;
    const auto id = ticket->id;
    desk_.ratingGiven();  // the citizen sees their tap answered at once; a failure shows on the desk
    queue_->rate(id, rating, counted<Done>([this](Status saved) {
                     if (!saved) fail(saved.error());
                 }));
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
    queue_->statistics(range,
                       counted<helplog::PeriodStatistics>([this](Result<helplog::PeriodStatistics> figures) {
                           if (!figures) return fail(figures.error());
                           statistics_ = std::move(figures).value();
                       }));
}

void DeskController::exportToUsb(SteadyTime at) {
    desk_.noteInput(at);
    if (exporting_ || !statistics_) return;
    error_.reset();
    exported_.reset();
    std::optional<std::filesystem::path> dir = exportDir_;
    if (!dir) {
        const auto sticks = store::mountedUsbSticks();
        if (!sticks.empty()) dir = sticks.front();
    }
    noStick_ = !dir;
    if (!dir) return;
    const helplog::Period period = statistics_->period;
    const auto target =
        *dir / ("commune-kiosk-" + kioskId_ + "-" + period.fromDay + "_" + period.toDay + ".csv");
    exporting_ = true;
    exportDone_ = 0;
    exportTotal_ = 0;
    queue_->exportHelpCsv(
        period, target,
        [this](int done, int total) {
            exportDone_ = done;
            exportTotal_ = total;
            return true;
        },
        counted<helplog::ExportSummary>([this](Result<helplog::ExportSummary> summary) {
            exporting_ = false;
            if (!summary) return fail(summary.error());
            spdlog::info("desk: exported {} tickets to {}", summary->rows, summary->file.string());
            exported_ = summary->file;
        }));
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
    waitingKnown_ = false;
    noShows_.clear();
    statistics_.reset();
    error_.reset();
    noStick_ = false;
    exported_.reset();
}

}  // namespace kiosk::desk
