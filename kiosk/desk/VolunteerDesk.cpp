#include "kiosk/desk/VolunteerDesk.h"

#include <algorithm>
#include <variant>

namespace kiosk::desk {
namespace {

// std::string::clear keeps the bytes in the buffer; a PIN must not linger in memory.
void overwrite(std::string& secret) {
    std::fill(secret.begin(), secret.end(), '\0');
    secret.clear();
}

}  // namespace

VolunteerDesk::VolunteerDesk(std::chrono::seconds idleTimeout) : idleTimeout_(idleTimeout) {}

VolunteerDesk::~VolunteerDesk() {
    wipePin();
}

void VolunteerDesk::wipePin() {
    overwrite(pin_);
}

void VolunteerDesk::chooseVolunteer(helplog::VolunteerId id, std::string displayName, SteadyTime at) {
    if (signedIn()) return;
    wipePin();
    chosenId_ = id;
    chosenName_ = std::move(displayName);
    notice_ = SignInNotice::None;
    screen_ = DeskScreen::EnterPin;
    lastInput_ = at;
}

void VolunteerDesk::pressDigit(char digit, SteadyTime at) {
    lastInput_ = at;
    if (screen_ != DeskScreen::EnterPin || checkingPin_) return;
    if (digit < '0' || digit > '9' || pin_.size() >= kPinLength) return;
    pin_.push_back(digit);
}

void VolunteerDesk::erase(SteadyTime at) {
    lastInput_ = at;
    if (!pin_.empty() && !checkingPin_) {
        pin_.back() = '\0';
        pin_.pop_back();
    }
}

std::optional<std::string> VolunteerDesk::takePinForCheck() {
    if (screen_ != DeskScreen::EnterPin || checkingPin_ || pin_.size() != kPinLength) return std::nullopt;
    std::string pin = pin_;
    wipePin();
    checkingPin_ = true;
    return pin;
}

void VolunteerDesk::pinChecked(const helplog::PinCheck& result, SteadyTime at) {
    checkingPin_ = false;
    lastInput_ = at;
    if (screen_ != DeskScreen::EnterPin) return;  // cancelled or timed out meanwhile
    if (const auto* session = std::get_if<helplog::VolunteerSession>(&result)) {
        volunteer_ = *session;
        notice_ = SignInNotice::None;
        screen_ = DeskScreen::Queue;
    } else if (const auto* wrong = std::get_if<helplog::WrongPin>(&result)) {
        notice_ = SignInNotice::WrongPin;
        attemptsLeft_ = wrong->attemptsLeft;
    } else if (const auto* locked = std::get_if<helplog::LockedOut>(&result)) {
        notice_ = locked->wholeKiosk ? SignInNotice::KioskPaused : SignInNotice::Locked;
        lockedUntil_ = locked->until;
    }
}

bool VolunteerDesk::pausedAt(kiosk::WallTime now) const {
    return notice_ == SignInNotice::KioskPaused && lockedUntil_ && now < *lockedUntil_;
}

void VolunteerDesk::startLeaderUnlock(SteadyTime at) {
    lastInput_ = at;
    if (signedIn() || screen_ != DeskScreen::EnterPin || notice_ != SignInNotice::Locked || checkingPin_)
        return;
    wipePin();
    unlockingId_ = chosenId_;
    unlockingName_ = chosenName_;
    chosenId_ = 0;
    chosenName_.clear();
    notice_ = SignInNotice::None;
    screen_ = DeskScreen::ChooseVolunteer;
}

void VolunteerDesk::leaderPinChecked(const helplog::PinCheck& result, SteadyTime at) {
    if (!std::holds_alternative<helplog::VolunteerSession>(result) || !unlockingId_) {
        pinChecked(result, at);  // the leader's wrong PIN, lock or the pause, on the leader's pad
        return;
    }
    checkingPin_ = false;
    lastInput_ = at;
    if (screen_ != DeskScreen::EnterPin) return;
    // Lifted: back to the locked name's pad; the leader is not signed in by this.
    chosenId_ = *unlockingId_;
    chosenName_ = std::move(unlockingName_);
    unlockingId_.reset();
    unlockingName_.clear();
    notice_ = SignInNotice::Unlocked;
}

void VolunteerDesk::pinCheckFailed(SteadyTime at) {
    checkingPin_ = false;
    lastInput_ = at;
}

void VolunteerDesk::ticketCalled(const queue::Ticket& ticket) {
    if (!signedIn()) return;
    current_ = ticket;
}

void VolunteerDesk::ticketLeft() {
    current_.reset();
}

void VolunteerDesk::ticketDone(const queue::Ticket& ticket, std::optional<helplog::Skill> likelySkill) {
    if (!signedIn()) return;
    current_ = ticket;
    form_ = HelpFormDraft{};
    form_.skill = likelySkill;
    screen_ = DeskScreen::HelpForm;
}

std::optional<helplog::HelpEntry> VolunteerDesk::helpEntry() const {
    if (!signedIn() || !current_ || !form_.complete()) return std::nullopt;
    return helplog::HelpEntry{.ticket = current_->id,
                              .volunteer = volunteer_->volunteer,
                              .skill = *form_.skill,
                              .task = *form_.task,
                              .outcome = *form_.outcome,
                              .visit = *form_.visit,
                              .ageBand = *form_.ageBand,
                              .note = form_.note};
}

void VolunteerDesk::offerUnfinished(std::vector<queue::Ticket> tickets) {
    if (!signedIn()) return;
    unfinished_ = std::move(tickets);
}

bool VolunteerDesk::resume(queue::TicketId id, std::optional<helplog::Skill> likelySkill) {
    if (!signedIn() || current_ || screen_ != DeskScreen::Queue) return false;
    const auto found = std::find_if(unfinished_.begin(), unfinished_.end(),
                                    [id](const queue::Ticket& ticket) { return ticket.id == id; });
    if (found == unfinished_.end()) return false;
    const queue::Ticket ticket = *found;
    unfinished_.erase(found);
    if (ticket.state == queue::TicketState::Done) {
        ticketDone(ticket, likelySkill);
    } else {
        ticketCalled(ticket);
    }
    return true;
}

void VolunteerDesk::helpLogged() {
    if (screen_ != DeskScreen::HelpForm) return;
    ratingTicket_ = current_;
    current_.reset();
    overwrite(form_.note);
    form_ = HelpFormDraft{};
    screen_ = DeskScreen::Rating;
}

void VolunteerDesk::ratingGiven() {
    ratingTicket_.reset();
    if (signedIn()) screen_ = DeskScreen::Queue;
}

void VolunteerDesk::openStatistics(SteadyTime at) {
    lastInput_ = at;
    if (screen_ == DeskScreen::Queue) screen_ = DeskScreen::Statistics;
}

void VolunteerDesk::closeStatistics(SteadyTime at) {
    lastInput_ = at;
    if (screen_ == DeskScreen::Statistics) screen_ = DeskScreen::Queue;
}

bool VolunteerDesk::tick(SteadyTime now) {
    if (screen_ == DeskScreen::ChooseVolunteer) return false;
    if (now - lastInput_ < idleTimeout_) return false;
    signOut();
    return true;
}

std::chrono::milliseconds VolunteerDesk::untilTimeout(SteadyTime now) const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(lastInput_ + idleTimeout_ - now);
    return std::max(left, std::chrono::milliseconds(0));
}

void VolunteerDesk::signOut() {
    wipePin();
    overwrite(chosenName_);
    overwrite(form_.note);
    chosenId_ = 0;
    unlockingId_.reset();
    overwrite(unlockingName_);
    checkingPin_ = false;
    notice_ = SignInNotice::None;
    volunteer_.reset();
    current_.reset();
    form_ = HelpFormDraft{};
    ratingTicket_.reset();
    unfinished_.clear();
    screen_ = DeskScreen::ChooseVolunteer;
}

void VolunteerDesk::cancelSignIn() {
    if (signedIn()) return;
    signOut();
}

}  // namespace kiosk::desk
