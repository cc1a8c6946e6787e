#include "kiosk/session/TicketFlow.h"

#include "kiosk/session/CitizenSession.h"

namespace kiosk::session {

void TicketFlow::chooseService(char service) {
    if (step_ != TicketStep::ChooseService) return;
    service_ = service;
    step_ = TicketStep::AskPriority;
}

void TicketFlow::answerPriority(queue::Priority priority) {
    // Only from the question: a second tap while the first is being saved issues nothing more.
    if (step_ != TicketStep::AskPriority) return;
    priority_ = priority;
    if (householdKeyOf_) {
        step_ = TicketStep::AskHousehold;
        return;
    }
    issue(std::nullopt);
}

void TicketFlow::skipHousehold() {
    if (step_ != TicketStep::AskHousehold && step_ != TicketStep::ScanHousehold) return;
    issue(std::nullopt);
}

void TicketFlow::scanHouseholdCard() {
    if (step_ != TicketStep::AskHousehold) return;
    householdCardRejected_ = false;
    step_ = TicketStep::ScanHousehold;
}

void TicketFlow::householdCodeFound(scan::ScanPayload payload) {
    if (step_ != TicketStep::ScanHousehold) {
        wipeString(payload.text);
        return;
    }
    auto* card = std::get_if<scan::CccdCard>(&payload.value);
    if (payload.kind != scan::PayloadKind::cccd || !card || !payload.valid()) {
        householdCardRejected_ = true;
        wipeString(payload.text);
        return;
    }
    auto key = householdKeyOf_(card->id);
    // Nothing of the card outlives this call: the key is all the ticket keeps.
    wipeString(card->id);
    wipeString(card->oldId);
    wipeString(card->name);
    wipeString(card->address);
    wipeString(payload.text);
    issue(key ? std::optional<std::string>(std::move(key).value()) : std::nullopt);
}

void TicketFlow::issue(std::optional<std::string> householdKey) {
    step_ = TicketStep::Saving;
    store_.issueTicket(service_, priority_, TicketTags{{}, std::move(householdKey)},
                       [this, generation = generation_](Result<IssuedTicket> result) {
                           if (generation != generation_) return;  // the citizen has moved on
                           if (result) {
                               issued_ = std::move(result).value();
                               step_ = TicketStep::Issued;
                           } else {
                               error_ = result.error();
                               step_ = TicketStep::Failed;
                           }
                       });
}

bool TicketFlow::back() {
    switch (step_) {
        case TicketStep::AskPriority: step_ = TicketStep::ChooseService; return true;
        case TicketStep::AskHousehold: step_ = TicketStep::AskPriority; return true;
        case TicketStep::ScanHousehold: step_ = TicketStep::AskHousehold; return true;
        // An issued (or saving) ticket stays issued; Back never takes a second one.
        case TicketStep::ChooseService:
        case TicketStep::Saving:
        case TicketStep::Issued:
        case TicketStep::Failed: return false;
    }
    return false;
}

void TicketFlow::reset() {
    ++generation_;
    step_ = TicketStep::ChooseService;
    priority_ = queue::Priority::None;
    householdCardRejected_ = false;
    issued_.reset();
    error_.reset();
}

}  // namespace kiosk::session
