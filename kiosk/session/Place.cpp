#include "kiosk/session/Place.h"

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
    static constexpr std::array<std::string_view, 3> kVneid = {"vneid-level1", "vneid-level2",
                                                               "vneid-documents"};
    static constexpr std::array<std::string_view, 2> kPayment = {"qr-payment", "electricity-bill"};
    static constexpr std::array<std::string_view, 2> kPublicServices = {"public-services",
                                                                        "birth-registration"};
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

std::string placeName(const Place& place) {
    std::string name;
    switch (place.screen) {
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
    if (place.feature) name += ":" + std::string(featureName(*place.feature));
    return name;
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

}  // namespace kiosk::session
