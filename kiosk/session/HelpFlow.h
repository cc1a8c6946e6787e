// "Gọi hỗ trợ / Get help" from any screen: one help request per citizen session, tagged with the
// kiosk and where the citizen was, that the volunteer desks list until someone answers "I'm
// coming". Pressing again shows the same request (an urgent press raises it). The citizen's
// screen says "saving…" until the store answers, then that the team knows, then who is coming.
// A citizen who prefers to wait in line may also take a ticket in that place's line. When the
// session ends with the request unanswered, it is withdrawn, so nobody walks to an empty kiosk.
#pragma once

#include <optional>
#include <string>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/session/JourneyStore.h"
#include "kiosk/session/Place.h"

namespace kiosk::session {

enum class HelpPhase { None, Saving, Saved, Failed };

class HelpFlow {
public:
    // How often an open request asks the store whether someone answered.
    static constexpr std::chrono::milliseconds kPollEvery{1000};

    explicit HelpFlow(JourneyStore& store) : store_(store) {}

    HelpPhase phase() const { return phase_; }
    const std::optional<Error>& error() const { return error_; }
    bool urgent() const { return urgency_ == queue::HelpUrgency::Urgent; }
    // Set once a volunteer answered: the name the citizen's screen shows.
    const std::optional<std::string>& volunteerComing() const { return volunteerComing_; }
    // Where the citizen was when they last asked (Back returns there).
    const std::optional<Place>& from() const { return from_; }

    // The line a ticket would be in; nullopt: the kiosk has no queue.
    std::optional<char> ticketService() const;
    // The ticket the citizen chose to take as well, once saved.
    const std::optional<IssuedTicket>& ticket() const { return ticket_; }
    bool ticketSaving() const { return ticketSaving_; }
    const std::optional<Error>& ticketError() const { return ticketError_; }

    // Files this session's request, or shows the one already filed (from the new place).
    void request(const Place& from, std::string placeName, i18n::Language language,
                 queue::HelpUrgency urgency = queue::HelpUrgency::Normal);
    void takeTicket();
    // Asks whether a volunteer answered, at most every kPollEvery while the request is open.
    void update(SteadyTime now);
    // Until the next poll while waiting for an answer; max() when nothing is awaited.
    std::chrono::milliseconds sleepBudget(SteadyTime now) const;
    // The citizen's session ended: withdraws an unanswered request and forgets it.
    void endSession();

private:
    bool awaitingAnswer() const { return requestId_ && !volunteerComing_; }

    JourneyStore& store_;
    HelpPhase phase_ = HelpPhase::None;
    queue::HelpUrgency urgency_ = queue::HelpUrgency::Normal;
    std::optional<queue::HelpRequestId> requestId_;
    std::optional<std::string> volunteerComing_;
    std::optional<Error> error_;
    std::optional<Place> from_;
    std::string placeName_;
    std::optional<IssuedTicket> ticket_;
    bool ticketSaving_ = false;
    std::optional<Error> ticketError_;
    bool polling_ = false;
    SteadyTime lastPoll_{};
    int generation_ = 0;  // completions of an ended session are dropped
};

}  // namespace kiosk::session
