// Where a citizen can be on the kiosk: the screens, the home tiles and which walkthroughs each
// tile offers. Pure names; CitizenJourney moves between them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/Walkthrough.h"
#include "kiosk/queue/Service.h"

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

// "home", "coming_soon:scan", ...: how a help request names a place (never personal data).
std::string placeName(const Place& place);

// The line "Get help" puts a citizen in: the first service for the skill of the tile they came
// through, else the last service (the catch-all "other help" by convention of services.toml).
std::optional<char> helpServiceFor(const std::vector<queue::Service>& services,
                                   std::optional<Feature> feature);

}  // namespace kiosk::session
