// The walkthrough model: what one assets/content/*.toml file becomes once it has been checked.
// Pure value types, no I/O. Every text a citizen reads exists in Vietnamese and English; the
// loader (ContentLoader.h) guarantees it, so screens never need a fallback.
//
// Index of this file
//   Text, Skill, StepAction        small vocabulary types and their names in the TOML files
//   PhoneMockup                    a drawn phone screen (the UI draws it; no screenshots)
//   Source                         the official guidance a step follows, and when it was checked
//   Choice, Step, Walkthrough      the walkthrough itself
//   warningsFor, kScamWarning      the warnings a step shows, including the shared scam warning
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::content {

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary
// ---------------------------------------------------------------------------------------------

// A text in both kiosk languages. `in("en")` gives English, any other code Vietnamese (the
// default language), so it pairs with i18n::languageCode() without depending on it.
struct Text {
    std::string vi;
    std::string en;

    const std::string& in(std::string_view languageCode) const { return languageCode == "en" ? en : vi; }
    bool operator==(const Text&) const = default;
};

// The five digital skills the Community Digital Technology Teams teach.
enum class Skill { PublicServices, OnlineShopping, OnlinePayment, SelfProtection, LocalPlatforms };

// Names used in the TOML files (`skill = "online_payment"`), in statistics and in logs.
std::string_view skillName(Skill skill);
std::optional<Skill> skillFromName(std::string_view name);

// Something the UI does on a step besides showing it.
enum class StepAction {
    None,
    ShowPracticeQr,  // "show_practice_qr": draw the sample payment QR, marked "practice, no money moves"
    OpenScanner,     // "open_scanner": offer a button that opens the kiosk's own QR scanner
};

std::string_view actionName(StepAction action);  // "none", "show_practice_qr", "open_scanner"
std::optional<StepAction> actionFromName(std::string_view name);

// ---------------------------------------------------------------------------------------------
// [SECTION] Phone mock-up
// ---------------------------------------------------------------------------------------------

// A simplified phone screen drawn with ImGui draw lists: a title bar and a column of elements
// from top to bottom. At most one element is `tap`: the UI highlights it and pulses it gently
// so the citizen sees where to touch on their own phone. Fields are pictures of fields: the
// kiosk never lets anyone type into them.
enum class PhoneElementKind { Button, Field, Text };

std::string_view phoneElementKindName(PhoneElementKind kind);  // "button", "field", "text"
std::optional<PhoneElementKind> phoneElementKindFromName(std::string_view name);

struct PhoneElement {
    PhoneElementKind kind = PhoneElementKind::Text;
    Text label;
    bool tap = false;
};

struct PhoneMockup {
    Text title;
    std::vector<PhoneElement> elements;

    // Index of the element to tap, if any.
    std::optional<size_t> tapIndex() const;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Sources
// ---------------------------------------------------------------------------------------------

// Official guidance a walkthrough follows: a URL or a document (decree, decision, circular), and
// the day someone last checked that the steps still say what it says. Steps name the sources
// they rest on; `content check` warns when a check is more than 12 months old.
struct Source {
    std::string id;         // "vneid-portal"; steps refer to it
    std::string reference;  // "https://vneid.gov.vn" or "Nghị định 69/2024/NĐ-CP (25/6/2024)"
    std::chrono::year_month_day checked{};
    int sourceLine = 0;  // line in its file, for warnings
};

// True when `checked` is more than 12 months before `asOf` (29 February counts as 28).
bool isStale(std::chrono::year_month_day checked, std::chrono::year_month_day asOf);

// ---------------------------------------------------------------------------------------------
// [SECTION] Walkthrough
// ---------------------------------------------------------------------------------------------

// An answer to the question a step asks ("Does your phone have NFC?" → yes / no).
struct Choice {
    std::string id;    // stable, e.g. "yes"; HelpRequests and statistics never carry labels
    Text label;        // what the button says
    std::string next;  // id of the step it leads to
    // help = "urgent": choosing it also calls a volunteer at once ("Yes, I need help now").
    bool urgentHelp = false;
};

struct Step {
    std::string id;
    Text title;
    Text body;                         // at most three sentences
    std::vector<Text> checklist;       // "bring your chip ID card", ...
    std::optional<std::string> image;  // PNG path relative to the images folder
    std::optional<PhoneMockup> phone;  // or a drawn phone screen (never both)
    std::vector<Choice> choices;       // when present, the step moves only by a choice
    std::vector<Text> warnings;        // this step's own warnings (see warningsFor)
    std::vector<std::string> sources;  // ids of Walkthrough::sources; never empty once loaded
    StepAction action = StepAction::None;
    std::optional<std::string> next;  // jump instead of the linear order
    bool end = false;                 // the walkthrough finishes after this step
    int sourceLine = 0;               // line of the step in its file, for messages
};

struct Walkthrough {
    std::string id;
    Skill skill = Skill::PublicServices;
    Text title;
    Text summary;              // one line for the home list
    bool scamWarning = false;  // show kScamWarning on every step
    std::vector<Step> steps;   // never empty once loaded; the first step is where it starts
    std::vector<Source> sources;
    std::string file;  // file name it was loaded from, for messages

    const Step* findStep(std::string_view stepId) const;
    std::optional<size_t> stepIndex(std::string_view stepId) const;
    const Source* findSource(std::string_view sourceId) const;
};

// "The kiosk and the volunteers never ask for your password, OTP or PIN/passcode." Shown on every
// step of a walkthrough that sets `scam_warning = true` (all VNeID and payment walkthroughs),
// so the sentence is written once here instead of being copied into each step.
extern const Text kScamWarning;

// What a step shows as warnings: the scam warning first when the walkthrough asks for it, then
// the step's own warnings.
std::vector<Text> warningsFor(const Walkthrough& walkthrough, const Step& step);

}  // namespace kiosk::content
