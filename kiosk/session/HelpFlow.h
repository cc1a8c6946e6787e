// "Gọi hỗ trợ / Get help" from any screen: one request tagged with where the citizen was, saved
// together with a ticket in the line for that place's skill, so a volunteer calls them in turn and
// knows where they got stuck. The screen says "saving…" until the store answers, then the number,
// or that it could not be saved and to walk to the desk.
#pragma once

#include <optional>

#include "kiosk/Result.h"
#include "kiosk/session/JourneyStore.h"
#include "kiosk/session/Place.h"

namespace kiosk::session {

enum class HelpPhase { None, Saving, Saved, Failed };

class HelpFlow {
public:
    explicit HelpFlow(JourneyStore& store) : store_(store) {}

    HelpPhase phase() const { return phase_; }
    // The ticket that came with the request, when the kiosk has a queue.
    const std::optional<IssuedTicket>& ticket() const { return ticket_; }
    const std::optional<Error>& error() const { return error_; }
    // Where the citizen was when they asked (Back returns there).
    const std::optional<Place>& from() const { return from_; }

    void request(const Place& from, std::string placeName, i18n::Language language);
    void reset();

private:
    JourneyStore& store_;
    HelpPhase phase_ = HelpPhase::None;
    std::optional<IssuedTicket> ticket_;
    std::optional<Error> error_;
    std::optional<Place> from_;
    int generation_ = 0;
};

}  // namespace kiosk::session
