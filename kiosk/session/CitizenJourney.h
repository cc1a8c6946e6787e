// Where a citizen is in the kiosk and where each touch takes them: attract → language → home
// → a feature (a walkthrough, or an honest "coming soon"), "Get help" from anywhere, and the
// idle wipe back to attract. Screens draw the current place and call these intents; no rule
// here needs a window to be tested.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/content/Walkthrough.h"
#include "kiosk/content/WalkthroughSession.h"
#include "kiosk/queue/Service.h"
#include "kiosk/queue/Ticket.h"
#include "kiosk/scan/ScanPayload.h"
#include "kiosk/session/CitizenSession.h"
#include "kiosk/session/IdleWatch.h"

namespace kiosk::session {

// The home tiles, in the order they appear.
enum class Feature { Vneid, QrPayment, PublicServices, OnlineSafety, Scan, Ticket };
inline constexpr Feature kHomeFeatures[] = {Feature::Vneid,          Feature::QrPayment,
                                            Feature::PublicServices, Feature::OnlineSafety,
                                            Feature::Scan,           Feature::Ticket};

std::string_view featureName(Feature feature);
// The walkthroughs a tile offers, by id, in the order shown.
std::span<const std::string_view> walkthroughIdsFor(Feature feature);

enum class Screen {
    Attract,
    Language,
    Home,
    ComingSoon,
    WalkthroughList,
    Walkthrough,
    Scanner,
    Ticket,
    HelpRequested
};

struct Place {
    Screen screen = Screen::Attract;
    std::optional<Feature> feature;  // the tile the citizen came through
    bool operator==(const Place&) const = default;
};

struct HelpRequest {
    std::string place;  // "home", "coming_soon:scan", "walkthrough:vneid-level1/nfc": never personal data
    i18n::Language language;
};

enum class WalkthroughEvent { Started, Finished, Abandoned };

// What the journey keeps beyond the session: help requests and anonymous walkthrough counts.
class JourneyLog {
public:
    virtual ~JourneyLog() = default;
    virtual Status recordHelpRequest(const HelpRequest& request) = 0;
    virtual void recordWalkthroughEvent(WalkthroughEvent event, std::string_view walkthroughId,
                                        std::string_view stepId) = 0;
};

// Where queue tickets come from (the TicketBook over the kiosk database, in the app).
struct IssuedTicket {
    std::string label;  // "A012"
    char service = 'A';
    int ahead = 0;
    std::chrono::seconds estimatedWait{0};
};

// What a ticket carries besides its service and priority: where "Get help" was pressed, and
// the household key of a scanned card (never the card's number).
struct TicketTags {
    std::string origin;
    std::optional<std::string> householdKey;
};

class TicketDesk {
public:
    virtual ~TicketDesk() = default;
    virtual const std::vector<queue::Service>& services() const = 0;
    // Returns only once the ticket is committed: what the citizen is shown exists.
    virtual Result<IssuedTicket> issue(char service, queue::Priority priority, const TicketTags& tags) = 0;
};

// The line "Get help" puts a citizen in: the first service for the skill of the tile they came
// through, else the last service (the catch-all "other help" by convention of services.toml).
std::optional<char> helpServiceFor(const std::vector<queue::Service>& services,
                                   std::optional<Feature> feature);

// AskHousehold/ScanHousehold: an optional CCCD scan that counts the citizen's household (only
// when the app can derive household keys); consent is the tap on "scan", after the explanation.
enum class TicketStep { ChooseService, AskPriority, AskHousehold, ScanHousehold, Issued, Failed };

// Turns a 12-digit ID number into the pseudonymous household key (HMAC with the kiosk's pepper).
using HouseholdKeyer = std::function<Result<std::string>(std::string_view idNumber)>;

class CitizenJourney {
public:
    CitizenJourney(CitizenSession& session, IdleWatch& idle, JourneyLog& log,
                   const std::vector<content::Walkthrough>& library);

    const Place& place() const { return place_; }
    bool helpWasSaved() const { return helpSaved_; }
    // The ticket "Get help" took, when the kiosk has a working queue.
    const std::optional<IssuedTicket>& helpTicket() const { return helpTicket_; }
    const std::optional<Error>& lastHelpError() const { return helpError_; }
    std::string describePlace() const;

    // The walkthroughs behind a tile that this kiosk has (a broken file is simply absent).
    std::vector<const content::Walkthrough*> walkthroughsFor(Feature feature) const;
    const content::WalkthroughSession* walkthrough() const { return walkthrough_ ? &*walkthrough_ : nullptr; }

    // Without a desk (no database) the ticket tile is honest "coming soon" instead.
    void setTicketDesk(TicketDesk* desk) { ticketDesk_ = desk; }
    // Without a keyer (no pepper) the household question is not asked.
    void setHouseholdKeyer(HouseholdKeyer keyer) { householdKeyOf_ = std::move(keyer); }
    // The scanned code was not an ID card's (the screen says so and keeps the camera on).
    bool householdCardRejected() const { return householdCardRejected_; }
    // The camera is needed now: the scanner, or the household card scan.
    bool wantsCamera() const;
    const TicketDesk* ticketDesk() const { return ticketDesk_; }
    TicketStep ticketStep() const { return ticketStep_; }
    const std::optional<IssuedTicket>& issuedTicket() const { return issuedTicket_; }
    const std::optional<Error>& ticketError() const { return ticketError_; }

    // Intents from screens. `at` is the time of the touch that caused them.
    void touchToStart(SteadyTime at);
    void chooseLanguage(i18n::Language language, SteadyTime at);
    void openFeature(Feature feature, SteadyTime at);
    void startWalkthrough(std::string_view walkthroughId, SteadyTime at);
    void walkthroughNext(SteadyTime at);
    void walkthroughChoose(std::string_view choiceId, SteadyTime at);
    // The scanner read a code (already understood by kiosk::scan); a new one replaces the old.
    void chooseTicketService(char service, SteadyTime at);
    void answerPriority(queue::Priority priority, SteadyTime at);
    void skipHousehold(SteadyTime at);
    void scanHouseholdCard(SteadyTime at);
    // A code read while the household scan is open; only a valid CCCD is used, and its text is
    // overwritten once the key is derived: the ticket keeps the key alone.
    void householdCodeFound(scan::ScanPayload payload, SteadyTime at);
    void scanFound(scan::ScanPayload payload, SteadyTime at);
    void scanAnother(SteadyTime at);
    void answerCardConsent(bool show, SteadyTime at);
    void goHome(SteadyTime at);
    void back(SteadyTime at);
    void requestHelp(SteadyTime at);
    void finish();

    // Any touch anywhere keeps the session alive (also dismisses "Are you still there?").
    void noteInput(SteadyTime at);

    // Called every frame: wipes the session when the idle countdown has run out. Returns the
    // idle state for the screen (the attract screen never idles).
    IdleState tick(SteadyTime now);

private:
    void go(Place next);
    void leaveWalkthrough();
    void leaveScanner();
    void leaveTicket();
    void issueTicket(std::optional<std::string> householdKey);

    CitizenSession& session_;
    IdleWatch& idle_;
    JourneyLog& log_;
    const std::vector<content::Walkthrough>& library_;
    Place place_;
    std::optional<content::WalkthroughSession> walkthrough_;
    TicketDesk* ticketDesk_ = nullptr;
    TicketStep ticketStep_ = TicketStep::ChooseService;
    char ticketService_ = 'A';
    queue::Priority ticketPriority_ = queue::Priority::None;
    HouseholdKeyer householdKeyOf_;
    bool householdCardRejected_ = false;
    std::optional<IssuedTicket> issuedTicket_;
    std::optional<Error> ticketError_;
    std::optional<Place> beforeHelp_;
    std::optional<IssuedTicket> helpTicket_;
    bool helpSaved_ = false;
    std::optional<Error> helpError_;
};

}  // namespace kiosk::session
