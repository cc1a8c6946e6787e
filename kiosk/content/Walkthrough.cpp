#include "kiosk/content/Walkthrough.h"

#include <array>

#include <utility>
#include "kiosk/EnumNames.h"

namespace kiosk::content {

namespace {

constexpr std::array<std::pair<Skill, std::string_view>, 5> kSkillNames{{
    {Skill::PublicServices, "public_services"},
    {Skill::OnlineShopping, "online_shopping"},
    {Skill::OnlinePayment, "online_payment"},
    {Skill::SelfProtection, "self_protection"},
    {Skill::LocalPlatforms, "local_platforms"},
}};

constexpr std::array<std::pair<StepAction, std::string_view>, 3> kActionNames{{
    {StepAction::None, "none"},
    {StepAction::ShowPracticeQr, "show_practice_qr"},
    {StepAction::OpenScanner, "open_scanner"},
}};

constexpr std::array<std::pair<PhoneElementKind, std::string_view>, 3> kElementKindNames{{
    {PhoneElementKind::Button, "button"},
    {PhoneElementKind::Field, "field"},
    {PhoneElementKind::Text, "text"},
}};

}  // namespace

std::string_view skillName(Skill skill) {
    return nameOf(kSkillNames, skill);
}
std::optional<Skill> skillFromName(std::string_view name) {
    return valueOf(kSkillNames, name);
}

std::string_view actionName(StepAction action) {
    return nameOf(kActionNames, action);
}
std::optional<StepAction> actionFromName(std::string_view name) {
    return valueOf(kActionNames, name);
}

std::string_view phoneElementKindName(PhoneElementKind kind) {
    return nameOf(kElementKindNames, kind);
}
std::optional<PhoneElementKind> phoneElementKindFromName(std::string_view name) {
    return valueOf(kElementKindNames, name);
}

std::optional<size_t> PhoneMockup::tapIndex() const {
    for (size_t i = 0; i < elements.size(); ++i) {
        if (elements[i].tap) return i;
    }
    return std::nullopt;
}

const Step* Walkthrough::findStep(std::string_view stepId) const {
    const std::optional<size_t> index = stepIndex(stepId);
    return index ? &steps[*index] : nullptr;
}

std::optional<size_t> Walkthrough::stepIndex(std::string_view stepId) const {
    for (size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].id == stepId) return i;
    }
    return std::nullopt;
}

const Text kScamWarning{
    "Kiosk và tình nguyện viên không bao giờ hỏi mật khẩu, mã OTP hay mã PIN/passcode của bạn.",
    "The kiosk and the volunteers never ask for your password, OTP or PIN/passcode.",
};

std::vector<Text> warningsFor(const Walkthrough& walkthrough, const Step& step) {
    std::vector<Text> warnings;
    warnings.reserve(step.warnings.size() + 1);
    if (walkthrough.scamWarning) warnings.push_back(kScamWarning);
    warnings.insert(warnings.end(), step.warnings.begin(), step.warnings.end());
    return warnings;
}

const Source* Walkthrough::findSource(std::string_view sourceId) const {
    for (const Source& source : sources) {
        if (source.id == sourceId) return &source;
    }
    return nullptr;
}

bool isStale(std::chrono::year_month_day checked, std::chrono::year_month_day asOf) {
    using namespace std::chrono;
    year_month_day due = checked + years{1};
    if (!due.ok()) due = due.year() / due.month() / last;  // 29 February a year on
    return sys_days(asOf) > sys_days(due);
}

}  // namespace kiosk::content
