#include "kiosk/session/HelpFlow.h"

namespace kiosk::session {

void HelpFlow::request(const Place& from, std::string placeName, i18n::Language language,
                       queue::HelpUrgency urgency) {
    from_ = from;
    const bool raise = urgency == queue::HelpUrgency::Urgent && !urgent();
    if (raise) urgency_ = urgency;
    if (phase_ == HelpPhase::Saving || phase_ == HelpPhase::Saved) {
        if (raise && requestId_ && !volunteerComing_) store_.escalateHelp(*requestId_);
        return;  // one request per session: the screen shows the same one again
    }
    // A failed save is tried again: the citizen pressed because they need someone.
    error_.reset();
    placeName_ = std::move(placeName);
    phase_ = HelpPhase::Saving;
    store_.requestHelp(
        HelpRequest{placeName_, language, urgency_},
        [this, generation = generation_, filed = urgency_](Result<queue::HelpRequestId> result) {
            if (generation != generation_) return;  // the session ended meanwhile
            if (result) {
                requestId_ = *result;
                phase_ = HelpPhase::Saved;
                // "I need help now" pressed while the first save was on its way.
                if (urgency_ != filed) store_.escalateHelp(*requestId_);
            } else {
                error_ = result.error();
                phase_ = HelpPhase::Failed;
            }
        });
}

std::optional<char> HelpFlow::ticketService() const {
    return helpServiceFor(store_.services(), from_ ? from_->feature : std::nullopt);
}

void HelpFlow::takeTicket() {
    const std::optional<char> service = ticketService();
    if (!service || ticket_ || ticketSaving_) return;
    ticketSaving_ = true;
    ticketError_.reset();
    store_.issueTicket(*service, queue::Priority::None, TicketTags{placeName_, std::nullopt},
                       [this, generation = generation_](Result<IssuedTicket> result) {
                           if (generation != generation_) return;
                           ticketSaving_ = false;
                           if (result) {
                               ticket_ = std::move(result).value();
                           } else {
                               ticketError_ = result.error();
                           }
                       });
}

void HelpFlow::update(SteadyTime now) {
    if (!awaitingAnswer() || polling_ || now - lastPoll_ < kPollEvery) return;
    polling_ = true;
    lastPoll_ = now;
    store_.checkHelp(*requestId_, [this, generation = generation_](Result<queue::HelpRequestStatus> status) {
        if (generation != generation_) return;
        polling_ = false;
        if (status && status->state == queue::HelpRequestState::Answered)
            volunteerComing_ = status->volunteerName;
    });
}

std::chrono::milliseconds HelpFlow::sleepBudget(SteadyTime now) const {
    if (!awaitingAnswer()) return std::chrono::milliseconds::max();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(lastPoll_ + kPollEvery - now);
    return std::max(left, std::chrono::milliseconds(0));
}

void HelpFlow::endSession() {
    if (requestId_ && !volunteerComing_) store_.withdrawHelp(*requestId_);
    ++generation_;
    phase_ = HelpPhase::None;
    urgency_ = queue::HelpUrgency::Normal;
    requestId_.reset();
    volunteerComing_.reset();
    error_.reset();
    from_.reset();
    placeName_.clear();
    ticket_.reset();
    ticketSaving_ = false;
    ticketError_.reset();
    polling_ = false;
    lastPoll_ = {};
}

}  // namespace kiosk::session
