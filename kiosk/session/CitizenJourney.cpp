#include "kiosk/session/CitizenJourney.h"

namespace kiosk::session {

std::string_view featureName(Feature feature) {
    switch (feature) {
        case Feature::Vneid:
            return "vneid";
        case Feature::QrPayment:
            return "qr_payment";
        case Feature::PublicServices:
            return "public_services";
        case Feature::OnlineSafety:
            return "online_safety";
        case Feature::Scan:
            return "scan";
        case Feature::Ticket:
            return "ticket";
    }
    return "unknown";
}

std::string describePlace(const Place& place) {
    std::string name;
    switch (place.screen) {
        case Screen::Attract:
            name = "attract";
            break;
        case Screen::Language:
            name = "language";
            break;
        case Screen::Home:
            name = "home";
            break;
        case Screen::ComingSoon:
            name = "coming_soon";
            break;
        case Screen::HelpRequested:
            name = "help";
            break;
    }
    if (place.feature) name += ":" + std::string(featureName(*place.feature));
    return name;
}

CitizenJourney::CitizenJourney(CitizenSession& session, IdleWatch& idle, HelpRequestRecorder recordHelp)
    : session_(session), idle_(idle), recordHelp_(std::move(recordHelp)) {}

void CitizenJourney::go(Place next) {
    place_ = std::move(next);
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
    // Every feature is honest about not being built yet until its screen lands.
    go({Screen::ComingSoon, feature});
}

void CitizenJourney::goHome(SteadyTime at) {
    noteInput(at);
    beforeHelp_.reset();
    go({Screen::Home, std::nullopt});
}

void CitizenJourney::back(SteadyTime at) {
    noteInput(at);
    switch (place_.screen) {
        case Screen::Attract:
            break;
        case Screen::Language:
            go({Screen::Attract, std::nullopt});
            break;
        case Screen::Home:
            go({Screen::Language, std::nullopt});
            break;
        case Screen::ComingSoon:
            go({Screen::Home, std::nullopt});
            break;
        case Screen::HelpRequested:
            go(beforeHelp_.value_or(Place{Screen::Home, std::nullopt}));
            beforeHelp_.reset();
            break;
    }
}

void CitizenJourney::requestHelp(SteadyTime at) {
    noteInput(at);
    if (place_.screen == Screen::HelpRequested) return;  // a second tap must not file a second request
    const HelpRequest request{describePlace(place_), session_.language()};
    Status saved =
        recordHelp_ ? recordHelp_(request) : Status(Error{"help.no_store", "no help desk configured"});
    helpSaved_ = saved.ok();
    helpError_ = saved.ok() ? std::nullopt : std::optional<Error>(saved.error());
    beforeHelp_ = place_;
    go({Screen::HelpRequested, std::nullopt});
}

void CitizenJourney::finish() {
    session_.wipe();
    beforeHelp_.reset();
    helpError_.reset();
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
