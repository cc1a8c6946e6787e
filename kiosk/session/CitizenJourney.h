// Where a citizen is in the kiosk and where each touch takes them: attract → language → home
// → a feature, "Get help" from anywhere, and the idle wipe back to attract. Screens draw the
// current place and call these intents; no rule here needs a window to be tested.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "kiosk/Result.h"
#include "kiosk/session/CitizenSession.h"
#include "kiosk/session/IdleWatch.h"

namespace kiosk::session {

// The home tiles, in the order they appear.
enum class Feature { Vneid, QrPayment, PublicServices, OnlineSafety, Scan, Ticket };
inline constexpr Feature kHomeFeatures[] = {Feature::Vneid,          Feature::QrPayment,
                                            Feature::PublicServices, Feature::OnlineSafety,
                                            Feature::Scan,           Feature::Ticket};

std::string_view featureName(Feature feature);

enum class Screen { Attract, Language, Home, ComingSoon, HelpRequested };

struct Place {
    Screen screen = Screen::Attract;
    std::optional<Feature> feature;  // for ComingSoon (and later the feature's own screen)
    bool operator==(const Place&) const = default;
};

// Names a place without personal data, e.g. "home" or "coming_soon:scan"; tags help requests.
std::string describePlace(const Place& place);

struct HelpRequest {
    std::string place;
    i18n::Language language;
};

using HelpRequestRecorder = std::function<Status(const HelpRequest&)>;

class CitizenJourney {
public:
    CitizenJourney(CitizenSession& session, IdleWatch& idle, HelpRequestRecorder recordHelp);

    const Place& place() const { return place_; }
    bool helpWasSaved() const { return helpSaved_; }
    const std::optional<Error>& lastHelpError() const { return helpError_; }

    // Intents from screens. `at` is the time of the touch that caused them.
    void touchToStart(SteadyTime at);
    void chooseLanguage(i18n::Language language, SteadyTime at);
    void openFeature(Feature feature, SteadyTime at);
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

    CitizenSession& session_;
    IdleWatch& idle_;
    HelpRequestRecorder recordHelp_;
    Place place_;
    std::optional<Place> beforeHelp_;
    bool helpSaved_ = false;
    std::optional<Error> helpError_;
};

}  // namespace kiosk::session
