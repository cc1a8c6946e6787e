// The first-run setup wizard's model: what the technician enters, step by step, and the rules
// each step must pass before the next one opens. Pure: no I/O, no SDL/ImGui. Problems name a
// catalogue message (plus values for its {placeholders}) so the screen says them in the
// technician's language; SetupApply.h writes the result.
//
// Usage:
//   setup::SetupForm form = setup::formFromConfig(config, cameraSource);
//   form.communeCode = "09877";
//   if (auto problems = setup::checkStep(form, setup::SetupStep::Commune); !problems.empty()) show(problems);
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/config/KioskConfig.h"
#include "kiosk/i18n/Language.h"
#include "kiosk/i18n/MessageId.h"

namespace kiosk::setup {

// In the order the wizard shows them.
enum class SetupStep {
    Commune,
    Kiosk,
    Server,
    Language,
    Camera,
    Printer,
    Services,
    Roster,
    TechnicianPin,
    Review
};
inline constexpr int kStepCount = 10;

// A volunteer from the imported list; the PIN stays in memory only until apply hashes it.
struct PendingVolunteer {
    std::string name;
    std::string pin;  // empty: none yet (set later at the desk's CLI or a later setup)
};

struct SetupForm {
    std::string communeName;
    std::string communeCode;
    std::string kioskId;
    std::string serverUrl;
    std::string token;
    i18n::Language language = i18n::kDefaultLanguage;
    std::string camera;   // /dev/videoN, an image, a folder of images or a video file
    std::string printer;  // "" (none), /dev/usb/lpN, tcp:HOST:PORT or file:/PATH
    std::vector<PendingVolunteer> volunteers;
    std::string technicianPin;  // entered twice on the keypad; checked by checkStep
    std::string technicianPinAgain;
};

// One thing wrong, as the catalogue words it. `field` names the input it is about ("commune_code").
struct SetupProblem {
    std::string field;
    i18n::MessageId message;
    std::map<std::string, std::string> values;  // for {line}, {name}, ...

    bool operator==(const SetupProblem&) const = default;
};

// The kiosk is provisioned once it knows its commune: the kiosk runs the wizard until then.
bool isProvisioned(const config::KioskConfig& config);

// The form a wizard starts from: what the config already says (so a re-run changes only what
// the technician touches), Vietnamese by default, the given camera source.
SetupForm formFromConfig(const config::KioskConfig& config, std::string camera);

// Empty when the step may be left forward. Steps without rules (language, camera, services,
// review) always pass; Review re-checks every step.
std::vector<SetupProblem> checkStep(const SetupForm& form, SetupStep step);

// Field rules, shared by checkStep and tests. Each returns nullopt when the value is fine.
std::optional<SetupProblem> checkCommuneName(std::string_view name);
std::optional<SetupProblem> checkCommuneCode(std::string_view code);
std::optional<SetupProblem> checkKioskId(std::string_view id);
std::vector<SetupProblem> checkServer(std::string_view url, std::string_view token);
std::optional<SetupProblem> checkPrinterAddress(std::string_view address);
// A new PIN (volunteer or technician): 6 digits, not weak, the same twice.
std::optional<SetupProblem> checkNewPin(std::string_view pin, std::string_view again);
// The roster's name rules (VolunteerRoster::add): 1-24 code points, printable, no '@', no run of
// 4 or more digits.
bool isAcceptableVolunteerName(std::string_view name);

// Trims ASCII spaces and tabs at both ends.
std::string trimmed(std::string_view text);

}  // namespace kiosk::setup
