// Where a citizen is in the kiosk and where each touch takes them: attract → language → home
// → a feature (a walkthrough, the scanner, a ticket, or an honest "coming soon"), "Get help"
// from anywhere, and the idle wipe back to attract. Navigation only: the ticket, walkthrough
// and help flows are their own classes, reached through ticket(), walkthroughs() and help().
// Screens draw the current place and call these intents; no rule here needs a window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/content/Walkthrough.h"
#include "kiosk/scan/ScanPayload.h"
#include "kiosk/session/CitizenSession.h"
#include "kiosk/session/HelpFlow.h"
#include "kiosk/session/IdleWatch.h"
#include "kiosk/session/JourneyStore.h"
#include "kiosk/session/Place.h"
#include "kiosk/session/TicketFlow.h"
#include "kiosk/session/WalkthroughFlow.h"

namespace kiosk::session {

class CitizenJourney {
public:
    // `store` keeps tickets, help requests and walkthrough counts; all arguments must outlive
    // the journey.
    CitizenJourney(CitizenSession& session, IdleWatch& idle, JourneyStore& store,
                   const std::vector<content::Walkthrough>& library);

    const Place& place() const { return place_; }
    std::string describePlace() const;

    const TicketFlow& ticket() const { return ticket_; }
    TicketFlow& ticket() { return ticket_; }
    const HelpFlow& help() const { return help_; }
    const content::WalkthroughSession* walkthrough() const { return walkthrough_.current(); }
    // The walkthroughs behind a tile that this kiosk has (a broken file is simply absent).
    std::vector<const content::Walkthrough*> walkthroughsFor(Feature feature) const;
    // A walkthrough this kiosk has, by id; null when it has none by that id.
    const content::Walkthrough* findWalkthrough(std::string_view id) const;
    // The camera is needed now: the scanner, or the household card scan.
    bool wantsCamera() const;

    // Intents from screens. `at` is the time of the touch that caused them.
    void touchToStart(SteadyTime at);
    void chooseLanguage(i18n::Language language, SteadyTime at);
    // The footer's A/A+ and contrast toggles: for this citizen only, reset when the session ends.
    void toggleLargeText(SteadyTime at);
    void toggleHighContrast(SteadyTime at);
    void openFeature(Feature feature, SteadyTime at);
    void startWalkthrough(std::string_view walkthroughId, SteadyTime at);
    void walkthroughNext(SteadyTime at);
    void walkthroughChoose(std::string_view choiceId, SteadyTime at);
    void chooseTicketService(char service, SteadyTime at);
    void answerPriority(queue::Priority priority, SteadyTime at);
    void skipHousehold(SteadyTime at);
    void scanHouseholdCard(SteadyTime at);
    void householdCodeFound(scan::ScanPayload payload, SteadyTime at);
    // The scanner read a code (already understood by kiosk::scan); a new one replaces the old.
    void scanFound(scan::ScanPayload payload, SteadyTime at);
    void scanAnother(SteadyTime at);
    // The camera's latest frame shows no code: a code put away may be shown again.
    void codeLeftView();
    void answerCardConsent(bool show, SteadyTime at);
    void goHome(SteadyTime at);
    void back(SteadyTime at);
    // Files this session's help request, or shows the one already filed.
    void requestHelp(SteadyTime at);
    // On the help screen: wait in line as well, with a ticket in that place's line.
    void takeHelpTicket(SteadyTime at);
    void finish();

    // Any touch anywhere keeps the session alive, except while "Are you still there?" asks:
    // then only its answer counts (stillHere, or finish for "End now").
    void noteInput(SteadyTime at);
    void stillHere(SteadyTime at);

    // Called every frame: wipes the session when the idle countdown has run out. Returns the
    // idle state for the screen (the attract screen never idles).
    IdleState tick(SteadyTime now);

private:
    void go(Place next) { place_ = std::move(next); }
    void leaveFeature();

    CitizenSession& session_;
    IdleWatch& idle_;
    JourneyStore& store_;
    const std::vector<content::Walkthrough>& library_;
    Place place_;
    TicketFlow ticket_;
    WalkthroughFlow walkthrough_;
    HelpFlow help_;
};

}  // namespace kiosk::session
