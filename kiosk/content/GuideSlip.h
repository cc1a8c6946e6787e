// What a take-home guide slip says, in the citizen's language: the centre and its hours, the
// walkthrough's key steps, the safety rules that hold for every walkthrough, and the day it was
// printed. Pure: the printer (devices/printer/GuideSlipRaster.h) only lays this out on paper.
// No personal data: a slip is anonymous and may be left lying on a table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/Walkthrough.h"
#include "kiosk/i18n/Catalogue.h"

namespace kiosk::content {

struct GuideSlip {
    std::string centre;                    // "UBND xã Mẫu Thử", as on the kiosk's header
    std::string hours;                     // "Giờ làm việc: …"; empty when the kiosk has none set
    std::string title;                     // the walkthrough's title
    std::string stepsHeading;              // "Các bước chính"
    std::vector<std::string> steps;        // key step titles, in order (the printer numbers them)
    std::string moreSteps;                 // the line printed when steps had to be cut to fit
    std::string safetyHeading;             // "Luôn nhớ"
    std::vector<std::string> safetyRules;  // codes, links, money: the same on every slip
    std::string footer;                    // "In tại kiosk ngày 03/12/2026"
};

// The steps a slip lists: from the first step to an end, taking at each question the answer the
// citizen chose (from `pathTaken`, oldest first) or else the first answer, never going round a
// loop twice. Question steps themselves are left out: their titles are questions, not steps.
std::vector<const Step*> keySteps(const Walkthrough& walkthrough, const std::vector<std::string>& pathTaken);

struct SlipCentre {
    std::string name;
    std::string openingHours;  // as configured; empty: no hours line
};

GuideSlip makeGuideSlip(const Walkthrough& walkthrough, const std::vector<std::string>& pathTaken,
                        const i18n::Catalogue& catalogue, i18n::Language language, const SlipCentre& centre,
                        std::string_view dateText);

}  // namespace kiosk::content
