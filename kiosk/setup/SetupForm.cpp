#include "kiosk/setup/SetupForm.h"

#include <algorithm>
#include <regex>

#include "kiosk/BoundedRegex.h"
#include "kiosk/PersonalData.h"
#include "kiosk/helplog/PinHash.h"
#include "kiosk/scan/Utf8.h"
#include "kiosk/sync/SyncSettings.h"

namespace kiosk::setup {

using i18n::MessageId;

namespace {

SetupProblem problem(std::string field, MessageId message) {
    return SetupProblem{std::move(field), message, {}};
}

bool hasControlCharacters(std::string_view text) {
    return std::ranges::any_of(text,
                               [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

bool isProvisioned(const config::KioskConfig& config) {
    return !config.communeCode.empty();
}

SetupForm formFromConfig(const config::KioskConfig& config, std::string camera) {
    SetupForm form;
    form.communeName = config.communeName;
    form.communeCode = config.communeCode;
    form.kioskId = config.kioskId;
    form.serverUrl = config.sync.serverUrl;
    form.token = config.sync.token;
    form.language = config.language;
    form.camera = std::move(camera);
    form.printer = config.printer;
    return form;
}

// The same limits KioskConfig's parser enforces, checked here so the technician hears about
// them on the step where the value is typed, not at the end.
std::optional<SetupProblem> checkCommuneName(std::string_view name) {
    const std::string value = trimmed(name);
    if (value.empty()) return problem("commune_name", MessageId::SetupProblemNameEmpty);
    // The shipped default names no commune: a board or a slip saying it helps nobody find you.
    if (value == config::KioskConfig{}.communeName)
        return problem("commune_name", MessageId::SetupProblemNameDefault);
    if (!scan::isValidUtf8(value) || hasControlCharacters(value))
        return problem("commune_name", MessageId::SetupProblemChars);
    if (value.size() > 120) return problem("commune_name", MessageId::SetupProblemNameLong);
    return std::nullopt;
}

std::optional<SetupProblem> checkCommuneCode(std::string_view code) {
    static const std::regex kCode("[0-9]{5}");
    if (!std::regex_match(std::string(code), kCode))
        return problem("commune_code", MessageId::SetupProblemCode);
    return std::nullopt;
}

std::optional<SetupProblem> checkKioskId(std::string_view id) {
    static const std::regex kId("[A-Za-z0-9_-]{1,32}");
    if (!std::regex_match(std::string(id), kId)) return problem("kiosk_id", MessageId::SetupProblemKioskId);
    return std::nullopt;
}

std::vector<SetupProblem> checkServer(std::string_view url, std::string_view token) {
    std::vector<SetupProblem> problems;
    // Both empty is allowed: the outbox keeps events until a server is set (KioskConfig.h).
    if (url.empty() && token.empty()) return problems;
    static const std::regex kUrl("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s]*)?");
    if (url.empty()) {
        problems.push_back(problem("server_url", MessageId::SetupProblemUrlMissing));
    } else if (!boundedRegexMatch(std::string(url), kUrl)) {
        problems.push_back(problem("server_url", MessageId::SetupProblemUrl));
    }
    // The sync thread's own rule: a token the wizard accepted must never keep sync off.
    if (const auto bad = sync::checkToken(token))
        problems.push_back(problem("token", sync::tokenProblemMessage(*bad)));
    return problems;
}

std::optional<SetupProblem> checkPrinterAddress(std::string_view address) {
    static const std::regex kDevice("(/dev/usb/lp[0-9]+|tcp:[A-Za-z0-9.-]+:[0-9]{1,5}|file:/.+)?");
    if (!boundedRegexMatch(std::string(address), kDevice))
        return problem("printer", MessageId::SetupProblemPrinter);
    return std::nullopt;
}

std::optional<SetupProblem> checkNewPin(std::string_view pin, std::string_view again) {
    if (Status rules = helplog::checkPinRules(pin); !rules) {
        return problem("pin", rules.error().code == "helplog.weak_pin" ? MessageId::SetupProblemPinWeak
                                                                       : MessageId::SetupProblemPinFormat);
    }
    if (pin != again) return problem("pin", MessageId::SetupProblemPinMismatch);
    return std::nullopt;
}

bool isAcceptableVolunteerName(std::string_view name) {
    if (name.empty() || !scan::isValidUtf8(name) || hasControlCharacters(name)) return false;
    if (scan::countCodePoints(name) > 24) return false;
    return !typedTextLooksPersonal(name);
}

std::vector<SetupProblem> checkStep(const SetupForm& form, SetupStep step) {
    std::vector<SetupProblem> problems;
    auto add = [&problems](std::optional<SetupProblem> found) {
        if (found) problems.push_back(std::move(*found));
    };
    switch (step) {
        case SetupStep::Commune:
            add(checkCommuneName(form.communeName));
            add(checkCommuneCode(form.communeCode));
            break;
        case SetupStep::Kiosk: add(checkKioskId(form.kioskId)); break;
        case SetupStep::Server: problems = checkServer(form.serverUrl, form.token); break;
        case SetupStep::Printer: add(checkPrinterAddress(form.printer)); break;
        case SetupStep::Roster:
            for (const auto& volunteer : form.volunteers) {
                if (!isAcceptableVolunteerName(volunteer.name)) {
                    problems.push_back({"roster",
                                        MessageId::SetupProblemVolunteerName,
                                        {{"line", "?"}, {"name", volunteer.name}}});
                }
            }
            break;
        case SetupStep::TechnicianPin:
            if (form.technicianPin.empty()) {
                problems.push_back(problem("pin", MessageId::SetupProblemPinMissing));
            } else {
                add(checkNewPin(form.technicianPin, form.technicianPinAgain));
            }
            break;
        case SetupStep::Review:
            for (int i = 0; i < kStepCount - 1; ++i) {
                auto more = checkStep(form, static_cast<SetupStep>(i));
                problems.insert(problems.end(), more.begin(), more.end());
            }
            break;
        case SetupStep::Language:
        case SetupStep::Camera:
        case SetupStep::Services: break;
    }
    return problems;
}

}  // namespace kiosk::setup
