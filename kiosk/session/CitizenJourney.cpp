#include "kiosk/session/CitizenJourney.h"

#include <algorithm>

namespace kiosk::session {

CitizenJourney::CitizenJourney(CitizenSession& session, IdleWatch& idle, JourneyStore& store,
                               const std::vector<content::Walkthrough>& library)
    : session_(session),
      idle_(idle),
      store_(store),
      library_(library),
      ticket_(store),
      walkthrough_(store),
      help_(store) {}

std::string CitizenJourney::describePlace() const {
    if (place_.screen == Screen::Walkthrough) {
        if (auto name = walkthrough_.placeName()) return *name;
    }
    return placeName(place_);
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

bool CitizenJourney::wantsCamera() const {
    return place_.screen == Screen::Scanner || (place_.screen == Screen::Ticket && ticket_.wantsCamera());
}

void CitizenJourney::leaveFeature() {
    walkthrough_.leave();
    session_.clearScanned();
    ticket_.reset();
}

void CitizenJourney::noteInput(SteadyTime at) {
    idle_.noteInput(at);
}

void CitizenJourney::stillHere(SteadyTime at) {
    idle_.confirmPresence(at);
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

void CitizenJourney::toggleLargeText(SteadyTime at) {
    noteInput(at);
    DisplayChoice display = session_.display();
    display.largeText = !display.largeText;
    session_.setDisplay(display);
}

void CitizenJourney::toggleHighContrast(SteadyTime at) {
    noteInput(at);
    DisplayChoice display = session_.display();
    display.highContrast = !display.highContrast;
    session_.setDisplay(display);
}

void CitizenJourney::openFeature(Feature feature, SteadyTime at) {
    noteInput(at);
    if (feature == Feature::Ticket && !store_.services().empty()) {
        leaveFeature();
        go({Screen::Ticket, feature});
        return;
    }
    if (feature == Feature::Scan) {
        leaveFeature();  // the walkthrough's "check a code" step leads here
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
        walkthrough_.start(walkthrough);
        go({Screen::Walkthrough, place_.feature});
        return;
    }
}

void CitizenJourney::walkthroughNext(SteadyTime at) {
    noteInput(at);
    walkthrough_.next();
}

void CitizenJourney::walkthroughChoose(std::string_view choiceId, SteadyTime at) {
    noteInput(at);
    const content::Choice* chosen = walkthrough_.choice(choiceId);
    const bool callsForHelp = chosen && chosen->urgentHelp;
    walkthrough_.choose(choiceId);
    if (!callsForHelp) return;
    // "Yes, I need help now": a volunteer is called at once; Back shows what to do meanwhile.
    help_.request(place_, describePlace(), session_.language(), queue::HelpUrgency::Urgent);
    go({Screen::HelpRequested, std::nullopt});
}

void CitizenJourney::chooseTicketService(char service, SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::Ticket) ticket_.chooseService(service);
}

void CitizenJourney::answerPriority(queue::Priority priority, SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::Ticket) ticket_.answerPriority(priority);
}

void CitizenJourney::skipHousehold(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::Ticket) ticket_.skipHousehold();
}

void CitizenJourney::scanHouseholdCard(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::Ticket) ticket_.scanHouseholdCard();
}

void CitizenJourney::householdCodeFound(scan::ScanPayload payload, SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Ticket) {
        wipeString(payload.text);
        return;
    }
    ticket_.householdCodeFound(std::move(payload));
}

void CitizenJourney::scanFound(scan::ScanPayload payload, SteadyTime at) {
    noteInput(at);
    if (place_.screen != Screen::Scanner || session_.isDismissed(payload.text)) {
        wipeString(payload.text);  // a late result after leaving, or the code just put away
        return;
    }
    session_.setScanned(std::move(payload));
}

void CitizenJourney::codeLeftView() {
    session_.codeLeftView();
}

void CitizenJourney::scanAnother(SteadyTime at) {
    noteInput(at);
    session_.dismissScanned();
}

void CitizenJourney::answerCardConsent(bool show, SteadyTime at) {
    noteInput(at);
    if (show) {
        session_.giveCardConsent();
    } else {
        session_.dismissScanned();
    }
}

void CitizenJourney::goHome(SteadyTime at) {
    noteInput(at);
    leaveFeature();
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
            if (!ticket_.back()) {
                ticket_.reset();
                go({Screen::Home, std::nullopt});
            }
            break;
        case Screen::Scanner:
            if (session_.scanned()) {
                session_.dismissScanned();  // Back from a result returns to a waiting camera
            } else {
                go({Screen::Home, std::nullopt});
            }
            break;
        case Screen::Walkthrough:
            if (walkthrough_.back()) break;
            walkthrough_.leave();
            // A tile with one walkthrough has no list to return to.
            if (place_.feature && walkthroughsFor(*place_.feature).size() > 1) {
                go({Screen::WalkthroughList, place_.feature});
            } else {
                go({Screen::Home, std::nullopt});
            }
            break;
        case Screen::HelpRequested: {
            // The request stays open: the volunteer still comes, and Get help shows it again.
            go(help_.from().value_or(Place{Screen::Home, std::nullopt}));
            break;
        }
    }
}

const content::Walkthrough* CitizenJourney::findWalkthrough(std::string_view id) const {
    const auto found = std::ranges::find(library_, id, &content::Walkthrough::id);
    return found == library_.end() ? nullptr : &*found;
}

void CitizenJourney::requestHelp(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::HelpRequested) return;
    help_.request(place_, describePlace(), session_.language());
    go({Screen::HelpRequested, std::nullopt});
}

void CitizenJourney::takeHelpTicket(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::HelpRequested) help_.takeTicket();
}

void CitizenJourney::finish() {
    leaveFeature();
    help_.endSession();
    session_.wipe();
    go({Screen::Attract, std::nullopt});
}

IdleState CitizenJourney::tick(SteadyTime now) {
    if (place_.screen == Screen::Attract) {
        // Nothing to protect on the attract screen; keep the watch fresh so the next citizen starts clean.
        idle_.noteInput(now);
        return idle_.stateAt(now);
    }
    help_.update(now);
    IdleState state = idle_.stateAt(now);
    if (state.phase == IdlePhase::Expired) {
        finish();
        idle_.noteInput(now);
    }
    return state;
}

}  // namespace kiosk::session
