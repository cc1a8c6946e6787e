// Taking a number on the kiosk: which help, an optional priority question, an optional household
// count from the chip ID card, then "saving…" until the store committed the ticket, then the
// number with the people ahead. A second tap while saving issues nothing more; a result that
// arrives after the citizen left (or the session was wiped) is not shown to the next one.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "kiosk/Clock.h"
#include "kiosk/Result.h"
#include "kiosk/scan/ScanPayload.h"
#include "kiosk/session/JourneyStore.h"

namespace kiosk::session {

// AskHousehold/ScanHousehold: an optional CCCD scan that counts the citizen's household (only
// when the app can derive household keys); consent is the tap on "scan", after the explanation.
enum class TicketStep { ChooseService, AskPriority, AskHousehold, ScanHousehold, Saving, Issued, Failed };

// Turns a 12-digit ID number into the pseudonymous household key (HMAC with the kiosk's pepper).
using HouseholdKeyer = std::function<Result<std::string>(std::string_view idNumber)>;

class TicketFlow {
public:
    explicit TicketFlow(JourneyStore& store) : store_(store) {}

    // Without a keyer (no pepper) the household question is not asked.
    void setHouseholdKeyer(HouseholdKeyer keyer) { householdKeyOf_ = std::move(keyer); }

    const std::vector<queue::Service>& services() const { return store_.services(); }
    TicketStep step() const { return step_; }
    const std::optional<IssuedTicket>& issued() const { return issued_; }
    const std::optional<Error>& error() const { return error_; }
    // The scanned code was not an ID card's (the screen says so and keeps the camera on).
    bool householdCardRejected() const { return householdCardRejected_; }
    bool wantsCamera() const { return step_ == TicketStep::ScanHousehold; }

    void chooseService(char service);
    void answerPriority(queue::Priority priority);
    void skipHousehold();
    void scanHouseholdCard();
    // A code read while the household scan is open; only a valid CCCD is used, and its text is
    // overwritten once the key is derived: the ticket keeps the key alone.
    void householdCodeFound(scan::ScanPayload payload);
    // One step back inside the flow; false when Back should leave the ticket screen.
    bool back();
    // Forgets everything; a ticket still being saved is saved, but never shown.
    void reset();

private:
    void issue(std::optional<std::string> householdKey);

    JourneyStore& store_;
    HouseholdKeyer householdKeyOf_;
    TicketStep step_ = TicketStep::ChooseService;
    char service_ = 'A';
    queue::Priority priority_ = queue::Priority::None;
    bool householdCardRejected_ = false;
    std::optional<IssuedTicket> issued_;
    std::optional<Error> error_;
    int generation_ = 0;  // bumped by reset(): results of an earlier visit are dropped
};

}  // namespace kiosk::session
