#include "kiosk/session/CitizenJourney.h"

#include <algorithm>

#include <array>

namespace kiosk::session {

std::string_view featureName(Feature feature) {
    switch (feature) {
        case Feature::Vneid: return "vneid";
        case Feature::QrPayment: return "qr_payment";
        case Feature::PublicServices: return "public_services";
        case Feature::OnlineSafety: return "online_safety";
        case Feature::Scan: return "scan";
        case Feature::Ticket: return "ticket";
    }
    return "unknown";
}

std::span<const std::string_view> walkthroughIdsFor(Feature feature) {
    static constexpr std::array<std::string_view, 2> kVneid = {"vneid-level1", "vneid-level2"};
    static constexpr std::array<std::string_view, 1> kPayment = {"qr-payment"};
    static constexpr std::array<std::string_view, 1> kPublicServices = {"public-services"};
    // Shopping safely is part of staying safe online on the home screen.
    static constexpr std::array<std::string_view, 2> kSafety = {"online-safety", "online-shopping"};
    switch (feature) {
        case Feature::Vneid: return kVneid;
        case Feature::QrPayment: return kPayment;
        case Feature::PublicServices: return kPublicServices;
        case Feature::OnlineSafety: return kSafety;
        case Feature::Scan:
        case Feature::Ticket: return {};
    }
    return {};
}

CitizenJourney::CitizenJourney(CitizenSession& session, IdleWatch& idle, JourneyLog& log,
                               const std::vector<content::Walkthrough>& library)
    : session_(session), idle_(idle), log_(log), library_(library) {}

std::string CitizenJourney::describePlace() const {
    if (place_.screen == Screen::Walkthrough && walkthrough_) return walkthrough_->requestHelp().place();
    std::string name;
    switch (place_.screen) {
        case Screen::Attract: name = "attract"; break;
        case Screen::Language: name = "language"; break;
        case Screen::Home: name = "home"; break;
        case Screen::ComingSoon: name = "coming_soon"; break;
        case Screen::Scanner: name = "scanner"; break;
        case Screen::WalkthroughList: name = "walkthroughs"; break;
        case Screen::Walkthrough: name = "walkthrough"; break;
        case Screen::Ticket: name = "ticket"; break;
        case Screen::HelpRequested: name = "help"; break;
    }
    if (place_.feature) name += ":" + std::string(featureName(*place_.feature));
    return name;
}

std::vector<const content::Walkthrough*> CitizenJourney::walkthroughsFor(Feature feature) const {
    std::vector<const content::Walkthrough*> found;
    for (std::string_view id : walkthroughIdsFor(feature)) {
        for (const content::Walkthrough& walkthrough : library_) {
            if (walkthrough.id == id) found.push_back(&walkthrough);
        }
    }
    return found;
}

void CitizenJourney::go(Place next) {
    place_ = std::move(next);
}

void CitizenJourney::leaveWalkthrough() {
    if (walkthrough_ && !walkthrough_->finished()) {
        log_.recordWalkthroughEvent(WalkthroughEvent::Abandoned, walkthrough_->walkthrough().id,
                                    walkthrough_->current().id);
    }
    walkthrough_.reset();
}

void CitizenJourney::leaveScanner() {
    session_.clearScanned();
}

void CitizenJourney::leaveTicket() {
    ticketStep_ = TicketStep::ChooseService;
    ticketPriority_ = queue::Priority::None;
    householdCardRejected_ = false;
    issuedTicket_.reset();
    ticketError_.reset();
}

void CitizenJourney::noteInput(SteadyTime at) {
    idle_.noteInput(at);
}

void CitizenJourney::touchToStart(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::Attract) go({Screen::Language, std::nullopt});
}

void CitizenJourney::chooseLanguage(i18n::Language language, SteadyTime at) {
    noteInput(at);
    session_.setLanguage(language);
    go({Screen::Home, std::nullopt});
}

void CitizenJourney::openFeature(Feature feature, SteadyTime at) {
    noteInput(at);
    if (feature == Feature::Ticket && ticketDesk_ && !ticketDesk_->services().empty()) {
        leaveWalkthrough();
        leaveTicket();
        go({Screen::Ticket, feature});
        return;
    }
    if (feature == Feature::Scan) {
        leaveWalkthrough();  // the walkthrough's "check a code" step leads here
        session_.clearScanned();
        go({Screen::Scanner, feature});
        return;
    }
    const auto offered = walkthroughsFor(feature);
    if (offered.empty()) {
        go({Screen::ComingSoon, feature});  // honest until the feature's own screen lands
    } else if (offered.size() == 1) {
        go({Screen::WalkthroughList, feature});  // so Back from the walkthrough returns home
        startWalkthrough(offered.front()->id, at);
    } else {
        go({Screen::WalkthroughList, feature});
    }
}

void CitizenJourney::startWalkthrough(std::string_view walkthroughId, SteadyTime at) {
    noteInput(at);
    for (const content::Walkthrough& walkthrough : library_) {
        if (walkthrough.id != walkthroughId) continue;
        leaveWalkthrough();
        walkthrough_.emplace(walkthrough);
        log_.recordWalkthroughEvent(WalkthroughEvent::Started, walkthrough.id, walkthrough_->current().id);
        go({Screen::Walkthrough, place_.feature});
        return;
    }
}

void CitizenJourney::walkthroughNext(SteadyTime at) {
    noteInput(at);
    if (!walkthrough_ || walkthrough_->finished()) return;
    const bool wasFinal = walkthrough_->onFinalStep();
    const std::string stepId = walkthrough_->current().id;
    if (walkthrough_->next() && wasFinal && walkthrough_->finished()) {
        log_.recordWalkthroughEvent(WalkthroughEvent::Finished, walkthrough_->walkthrough().id, stepId);
    }
}

void CitizenJourney::walkthroughChoose(std::string_view choiceId, SteadyTime at) {
    noteInput(at);
    if (walkthrough_) walkthrough_->choose(choiceId);
}

void CitizenJourney::chooseTicketService(char service, SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Ticket || ticketStep_ != TicketStep::ChooseService) return;
    ticketService_ = service;
    ticketStep_ = TicketStep::AskPriority;
}

void CitizenJourney::answerPriority(queue::Priority priority, SteadyTime at) {
    noteInput(at);
    // Only from the question: a second tap while the first is being saved issues nothing more.
    if (place_.screen != Screen::Ticket || ticketStep_ != TicketStep::AskPriority || !ticketDesk_) return;
    ticketPriority_ = priority;
    if (householdKeyOf_) {
        ticketStep_ = TicketStep::AskHousehold;
        return;
    }
    issueTicket(std::nullopt);
}

void CitizenJourney::issueTicket(std::optional<std::string> householdKey) {
    auto issued =
        ticketDesk_->issue(ticketService_, ticketPriority_, TicketTags{{}, std::move(householdKey)});
    if (issued) {
        issuedTicket_ = std::move(issued).value();
        ticketStep_ = TicketStep::Issued;
    } else {
        ticketError_ = issued.error();
        ticketStep_ = TicketStep::Failed;
    }
}

void CitizenJourney::skipHousehold(SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Ticket || !ticketDesk_) return;
    if (ticketStep_ != TicketStep::AskHousehold && ticketStep_ != TicketStep::ScanHousehold) return;
    issueTicket(std::nullopt);
}

void CitizenJourney::scanHouseholdCard(SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Ticket || ticketStep_ != TicketStep::AskHousehold) return;
    householdCardRejected_ = false;
    ticketStep_ = TicketStep::ScanHousehold;
}

void CitizenJourney::householdCodeFound(scan::ScanPayload payload, SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Ticket || ticketStep_ != TicketStep::ScanHousehold || !ticketDesk_) return;
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
    issueTicket(key ? std::optional<std::string>(std::move(key).value()) : std::nullopt);
}

bool CitizenJourney::wantsCamera() const {
    return place_.screen == Screen::Scanner ||
           (place_.screen == Screen::Ticket && ticketStep_ == TicketStep::ScanHousehold);
}

void CitizenJourney::scanFound(scan::ScanPayload payload, SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Scanner) return;  // a late result after leaving is dropped
    session_.setScanned(std::move(payload));
}

void CitizenJourney::scanAnother(SteadyTime at) {
    noteInput(at);
    session_.clearScanned();
}

void CitizenJourney::answerCardConsent(bool show, SteadyTime at) {
    noteInput(at);
    if (show) {
        session_.giveCardConsent();
    } else {
        session_.clearScanned();
    }
}

void CitizenJourney::goHome(SteadyTime at) {
    noteInput(at);
    leaveWalkthrough();
    leaveScanner();
    leaveTicket();
    beforeHelp_.reset();
    go({Screen::Home, std::nullopt});
}

void CitizenJourney::back(SteadyTime at) {
    noteInput(at);
    switch (place_.screen) {
        case Screen::Attract: break;
        case Screen::Language: go({Screen::Attract, std::nullopt}); break;
        case Screen::Home: go({Screen::Language, std::nullopt}); break;
        case Screen::ComingSoon: go({Screen::Home, std::nullopt}); break;
        case Screen::WalkthroughList: go({Screen::Home, std::nullopt}); break;
        case Screen::Ticket:
            if (ticketStep_ == TicketStep::AskPriority) {
                ticketStep_ = TicketStep::ChooseService;
            } else if (ticketStep_ == TicketStep::AskHousehold) {
                ticketStep_ = TicketStep::AskPriority;
            } else if (ticketStep_ == TicketStep::ScanHousehold) {
                ticketStep_ = TicketStep::AskHousehold;
            } else {
                leaveTicket();  // an issued ticket stays issued; Back never takes a second one
                go({Screen::Home, std::nullopt});
            }
            break;
        case Screen::Scanner:
            if (session_.scanned()) {
                session_.clearScanned();  // Back from a result returns to the camera
            } else {
                go({Screen::Home, std::nullopt});
            }
            break;
        case Screen::Walkthrough:
            if (walkthrough_ && walkthrough_->canGoBack()) {
                walkthrough_->back();
                break;
            }
            leaveWalkthrough();
            // A tile with one walkthrough has no list to return to.
            if (place_.feature && walkthroughsFor(*place_.feature).size() > 1) {
                go({Screen::WalkthroughList, place_.feature});
            } else {
                go({Screen::Home, std::nullopt});
            }
            break;
        case Screen::HelpRequested:
            go(beforeHelp_.value_or(Place{Screen::Home, std::nullopt}));
            beforeHelp_.reset();
            break;
    }
}

std::optional<char> helpServiceFor(const std::vector<queue::Service>& services,
                                   std::optional<Feature> feature) {
    if (services.empty()) return std::nullopt;
    std::optional<content::Skill> skill;
    if (feature == Feature::Vneid || feature == Feature::PublicServices)
        skill = content::Skill::PublicServices;
    if (feature == Feature::QrPayment) skill = content::Skill::OnlinePayment;
    if (feature == Feature::OnlineSafety) skill = content::Skill::SelfProtection;
    if (skill) {
        for (const auto& service : services) {
            if (std::ranges::find(service.skills, *skill) != service.skills.end()) return service.letter;
        }
    }
    return services.back().letter;
}

void CitizenJourney::requestHelp(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::HelpRequested) return;  // a second tap must not file a second request
    const HelpRequest request{describePlace(), session_.language()};
    Status saved = log_.recordHelpRequest(request);
    helpSaved_ = saved.ok();
    helpError_ = saved.ok() ? std::nullopt : std::optional<Error>(saved.error());
    helpTicket_.reset();
    if (ticketDesk_) {
        // A ticket tagged with the place, so the volunteer calls them in turn and knows where
        // they got stuck; if it cannot be saved, the screen says to walk to the desk instead.
        if (auto service = helpServiceFor(ticketDesk_->services(), place_.feature)) {
            auto issued = ticketDesk_->issue(*service, queue::Priority::None, TicketTags{request.place, {}});
            if (issued) helpTicket_ = std::move(issued).value();
        }
    }
    beforeHelp_ = place_;
    go({Screen::HelpRequested, std::nullopt});
}

void CitizenJourney::finish() {
    leaveWalkthrough();
    leaveScanner();
    leaveTicket();
    session_.wipe();
    beforeHelp_.reset();
    helpError_.reset();
    helpTicket_.reset();
    go({Screen::Attract, std::nullopt});
}

IdleState CitizenJourney::tick(SteadyTime now) {
    if (place_.screen == Screen::Attract) {
        // Nothing to protect on the attract screen; keep the watch fresh so the next citizen starts clean.
        idle_.noteInput(now);
        return idle_.stateAt(now);
    }
    IdleState state = idle_.stateAt(now);
    if (state.phase == IdlePhase::Expired) {
        finish();
        idle_.noteInput(now);
    }
    return state;
}

}  // namespace kiosk::session
