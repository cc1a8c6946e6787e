#include "kiosk/session/HelpFlow.h"

namespace kiosk::session {

void HelpFlow::request(const Place& from, std::string placeName, i18n::Language language) {
    reset();
    from_ = from;
    phase_ = HelpPhase::Saving;
    store_.requestHelp(HelpRequest{std::move(placeName), language},
                       helpServiceFor(store_.services(), from.feature),
                       [this, generation = generation_](Result<std::optional<IssuedTicket>> result) {
                           if (generation != generation_) return;  // the session ended meanwhile
                           if (result) {
                               ticket_ = std::move(result).value();
                               phase_ = HelpPhase::Saved;
                           } else {
                               error_ = result.error();
                               phase_ = HelpPhase::Failed;
                           }
                       });
}

void HelpFlow::reset() {
    ++generation_;
    phase_ = HelpPhase::None;
    ticket_.reset();
    error_.reset();
    from_.reset();
}

}  // namespace kiosk::session
