#include "ui/setup/SetupScreens.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/TicketPrinting.h"
#include "ui/Widgets.h"

namespace ui {

using kiosk::i18n::MessageId;
using kiosk::setup::SetupStep;

namespace {

constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                    ImGuiWindowFlags_NoScrollWithMouse;

MessageId stepTitle(SetupStep step) {
    switch (step) {
        case SetupStep::Commune: return MessageId::SetupCommuneTitle;
        case SetupStep::Kiosk: return MessageId::SetupKioskTitle;
        case SetupStep::Server: return MessageId::SetupServerTitle;
        case SetupStep::Language: return MessageId::SetupLanguageTitle;
        case SetupStep::Camera: return MessageId::SetupCameraTitle;
        case SetupStep::Printer: return MessageId::SetupPrinterTitle;
        case SetupStep::Services: return MessageId::SetupServicesTitle;
        case SetupStep::Roster: return MessageId::SetupRosterTitle;
        case SetupStep::TechnicianPin: return MessageId::SetupTechPinTitle;
        case SetupStep::Review: return MessageId::SetupReviewTitle;
    }
    return MessageId::SetupTitle;
}

std::string problemText(const SetupView& view, const kiosk::setup::SetupProblem& problem) {
    return kiosk::i18n::formatMessage(view.tr(problem.message), problem.values);
}

void drawProblems(const SetupView& view, const std::vector<kiosk::setup::SetupProblem>& problems,
                  float width) {
    for (const auto& problem : problems)
        notice(problemText(view, problem), view.fonts.body, NoticeStyle::Danger, width, view.metrics);
}

float footerTop(const Metrics& m) {
    return m.height - m.margin - m.touchTarget;
}

// While keys are shown they take the bottom of the screen, and Back/Next move to the top right
// (like the desk's header buttons), so a 1280x800 screen holds fields, keys and both buttons.
float keysTop(const Metrics& m, KeyboardLayout layout) {
    return m.height - m.margin - touchKeyboardHeight(m, layout);
}

// A field and, when it is the focused one, the keys that type into it (below everything else
// the step shows, so the footer stays where it is).
struct FieldSpec {
    MessageId label;
    const char* id;
    std::string* value;
    KeyboardLayout layout = KeyboardLayout::Qwerty;
    std::size_t maxBytes = 200;
};

void drawFields(const SetupView& view, SetupScreenState& state, std::initializer_list<FieldSpec> fields,
                float width) {
    const Metrics& m = view.metrics;
    if (state.focusedField.empty() || std::none_of(fields.begin(), fields.end(), [&](const FieldSpec& f) {
            return state.focusedField == f.id;
        })) {
        state.focusedField = fields.begin()->id;
    }
    // Side by side, so the fields and the keys fit a 1280x800 screen together.
    const float fieldWidth = (width - (fields.size() - 1) * m.gap) / fields.size();
    const FieldSpec* focused = nullptr;
    bool first = true;
    for (const FieldSpec& field : fields) {
        if (!first) ImGui::SameLine(0, m.gap);
        first = false;
        bool isFocused = state.focusedField == field.id;
        ImGui::BeginGroup();
        textField(view, view.tr(field.label), field.id, *field.value, isFocused, fieldWidth);
        ImGui::EndGroup();
        if (isFocused) {
            state.focusedField = field.id;
            focused = &field;
        }
    }
    if (!focused) return;
    state.keysShown = true;
    // The Telex reminder only where it leaves the keys whole (not beside two problems at 1280x800).
    const std::string& telexHint = view.tr(MessageId::SetupTelexHint);
    if (focused->layout == KeyboardLayout::Vietnamese &&
        ImGui::GetCursorScreenPos().y + textHeight(telexHint, view.fonts.body, width) + m.gap <=
            keysTop(m, focused->layout))
        text(telexHint, view.fonts.body, palette().mutedText, width);
    const float top = std::max(ImGui::GetCursorScreenPos().y, keysTop(m, focused->layout));
    ImGui::SetCursorScreenPos(ImVec2(m.margin, top));
    const float keysWidth =
        focused->layout == KeyboardLayout::Digits ? std::min(width, 800 * m.scale) : width;
    touchKeyboard(view, state.keyboard, focused->layout, *focused->value, focused->maxBytes, keysWidth);
}

// A row of choice chips; returns the index tapped, or -1.
int chips(const std::vector<std::string>& labels, int chosen, float width, const Metrics& m) {
    int tapped = -1;
    float x = 0;
    const float start = ImGui::GetCursorScreenPos().x;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const float w =
            std::clamp(ImGui::CalcTextSize(labels[i].c_str()).x + 2 * m.gap, 200 * m.scale, width);
        if (x > 0 && x + w > width) {
            x = 0;
        } else if (x > 0) {
            ImGui::SameLine(start + x - ImGui::GetWindowPos().x);
        }
        ImGui::PushID(static_cast<int>(i));
        if (bigButton(labels[i], ImVec2(w, m.touchTarget),
                      static_cast<int>(i) == chosen ? ButtonStyle::Primary : ButtonStyle::Secondary)) {
            tapped = static_cast<int>(i);
        }
        ImGui::PopID();
        x += w + m.gap / 2;
    }
    ImGui::Dummy(ImVec2(0, m.gap / 3));
    return tapped;
}

void drawCamera(const SetupView& view, SetupController& setup, float width) {
    const Metrics& m = view.metrics;
    const auto& candidates = setup.cameraCandidates();
    const auto chosen = std::find(candidates.begin(), candidates.end(), setup.form().camera);
    text(view.tr(MessageId::SetupCameraSource), view.fonts.bodyBold, palette().text, width);
    if (int tapped = chips(candidates, static_cast<int>(chosen - candidates.begin()), width, m); tapped >= 0)
        setup.chooseCamera(candidates[tapped]);

    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float previewHeight = footerTop(m) - m.gap - at.y;
    const float previewWidth = std::min(width * 0.55f, previewHeight * 16 / 9);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + previewWidth, at.y + previewHeight),
                                              palette().secondary, m.rounding / 2);
    if (auto preview = setup.cameraPreview(view.textures)) {
        const float scale = std::min(previewWidth / preview->size.x, previewHeight / preview->size.y);
        const ImVec2 size(preview->size.x * scale, preview->size.y * scale);
        ImGui::SetCursorScreenPos(
            ImVec2(at.x + (previewWidth - size.x) / 2, at.y + (previewHeight - size.y) / 2));
        ImGui::Image(preview->id, size);
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x + previewWidth + m.gap, at.y));
    ImGui::BeginGroup();
    const float side = width - previewWidth - m.gap;
    const CameraMeasure& camera = setup.camera();
    using devices::ScannerCameraState;
    if (camera.state == ScannerCameraState::NoCamera || camera.state == ScannerCameraState::Failed) {
        notice(view.tr(MessageId::SetupCameraMissing), view.fonts.body, NoticeStyle::Danger, side, m);
    } else if (camera.state == ScannerCameraState::Starting) {
        text(view.tr(MessageId::SetupCameraStarting), view.fonts.body, palette().mutedText, side);
    }
    char number[32];
    std::snprintf(number, sizeof number, "%.1f", camera.fps.value_or(0));
    text(camera.fps
             ? view.format(MessageId::SetupCameraFps, {{"fps", number}})
             : view.format(MessageId::SetupCameraFps, {{"fps", view.tr(MessageId::SetupCameraMeasuring)}}),
         view.fonts.bodyBold, palette().text, side);
    std::snprintf(number, sizeof number, "%.0f", camera.decodeMs.value_or(0));
    text(view.format(
             MessageId::SetupCameraDecode,
             {{"ms", camera.decodeMs ? std::string(number) : view.tr(MessageId::SetupCameraMeasuring)}}),
         view.fonts.bodyBold, palette().text, side);
    if (camera.codeSeen) {
        text(view.tr(MessageId::SetupCameraCodeSeen), view.fonts.bodyBold, palette().primary, side);
    } else {
        text(view.tr(MessageId::SetupCameraNoCode), view.fonts.body, palette().mutedText, side);
    }
    ImGui::EndGroup();
}

void drawPrinter(const SetupView& view, SetupController& setup, SetupScreenState& state, float width) {
    const Metrics& m = view.metrics;
    auto& form = setup.form();
    std::vector<std::string> labels = {view.tr(MessageId::SetupPrinterNone)};
    labels.insert(labels.end(), setup.printerCandidates().begin(), setup.printerCandidates().end());
    int chosen = form.printer.empty() ? 0 : -1;
    for (std::size_t i = 1; i < labels.size(); ++i)
        if (labels[i] == form.printer) chosen = static_cast<int>(i);
    if (int tapped = chips(labels, chosen, width, m); tapped >= 0)
        form.printer = tapped == 0 ? "" : labels[tapped];
    text(view.tr(MessageId::SetupPrinterHint), view.fonts.body, palette().mutedText, width);
    const float fieldWidth = width * 0.6f;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    bool focused = true;
    textField(view, view.tr(MessageId::SetupPrinterAddress), "##printer", form.printer, focused, fieldWidth);
    ImGui::EndGroup();
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(
        ImVec2(row.x + fieldWidth + m.gap, ImGui::GetItemRectMax().y - m.touchTarget - m.gap / 3));
    const bool printing = setup.testPrintPhase() == TestPrintPhase::Printing;
    if (bigButton(view.tr(MessageId::SetupPrinterTest), ImVec2(width - fieldWidth - m.gap, m.touchTarget),
                  ButtonStyle::Primary, !form.printer.empty() && !printing && !setup.busy())) {
        setup.testPrint();
    }
    ImGui::SetCursorScreenPos(after);
    switch (setup.testPrintPhase()) {
        case TestPrintPhase::None: break;
        case TestPrintPhase::Printing:
            notice(view.tr(MessageId::SetupPrinterTesting), view.fonts.body, NoticeStyle::Calm, width, m);
            break;
        case TestPrintPhase::Printed:
            notice(view.tr(MessageId::SetupPrinterOk), view.fonts.bodyBold, NoticeStyle::Calm, width, m);
            break;
        case TestPrintPhase::Failed:
            notice(view.format(MessageId::SetupPrinterFailed,
                               {{"problem", view.tr(printerProblemText(setup.testPrintState()))}}),
                   view.fonts.body, NoticeStyle::Danger, width, m);
            break;
    }
    state.keysShown = true;
    ImGui::SetCursorScreenPos(
        ImVec2(m.margin, std::max(ImGui::GetCursorScreenPos().y, keysTop(m, KeyboardLayout::Qwerty))));
    touchKeyboard(view, state.keyboard, KeyboardLayout::Qwerty, form.printer, 200, width);
}

void drawServices(const SetupView& view, const SetupController& setup, float width) {
    const Metrics& m = view.metrics;
    if (const auto& problem = setup.servicesProblem()) {
        notice(view.format(MessageId::SetupServicesNone, {{"reason", problem->message}}), view.fonts.body,
               NoticeStyle::Danger, width, m);
        return;
    }
    text(view.tr(MessageId::SetupServicesNote), view.fonts.body, palette().mutedText, width);
    const std::string_view code = kiosk::i18n::languageCode(view.language);
    for (const auto& service : setup.services()) {
        text(std::string(1, service.letter) + "  " + service.name.in(code), view.fonts.bodyBold,
             palette().text, width);
    }
}

void drawVolunteerPin(const SetupView& view, SetupController& setup, SetupScreenState& state, float width) {
    auto& volunteers = setup.form().volunteers;
    const std::size_t index = *state.pinFor;
    const bool again = state.pinFirst.size() == 6;
    text(again ? view.tr(MessageId::SetupPinAgain)
               : view.format(MessageId::SetupPinFor, {{"name", volunteers[index].name}}),
         view.fonts.bodyBold, palette().text, width);
    if (state.pinProblem) {
        notice(problemText(view, *state.pinProblem), view.fonts.body, NoticeStyle::Danger, width,
               view.metrics);
    }
    std::string& entry = again ? state.pinSecond : state.pinFirst;
    if (pinPad(view, entry, view.tr(MessageId::SetupPinSkip), width)) {
        state.pinFor.reset();
        state.pinFirst.clear();
        state.pinSecond.clear();
        state.pinProblem.reset();
        return;
    }
    if (!again && state.pinFirst.size() == 6) {
        // Check the rules at once: no need to type a weak PIN twice.
        if (auto problem = kiosk::setup::checkNewPin(state.pinFirst, state.pinFirst)) {
            state.pinProblem = problem;
            state.pinFirst.clear();
        } else {
            state.pinProblem.reset();
        }
    } else if (again && state.pinSecond.size() == 6) {
        if (auto problem = kiosk::setup::checkNewPin(state.pinFirst, state.pinSecond)) {
            state.pinProblem = problem;
        } else {
            volunteers[index].pin = state.pinFirst;
            state.pinFor.reset();
            state.pinProblem.reset();
        }
        std::fill(state.pinFirst.begin(), state.pinFirst.end(), '\0');
        std::fill(state.pinSecond.begin(), state.pinSecond.end(), '\0');
        state.pinFirst.clear();
        state.pinSecond.clear();
    }
}

void drawRoster(const SetupView& view, SetupController& setup, SetupScreenState& state, float width) {
    const Metrics& m = view.metrics;
    if (state.pinFor && *state.pinFor < setup.form().volunteers.size()) {
        drawVolunteerPin(view, setup, state, width);
        return;
    }
    const float fieldWidth = width * 0.7f;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    bool focused = true;
    textField(view, view.tr(MessageId::SetupRosterPath), "##roster", setup.rosterPath(), focused, fieldWidth);
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(
        ImVec2(row.x + fieldWidth + m.gap, ImGui::GetItemRectMax().y - m.touchTarget - m.gap / 3));
    if (bigButton(view.tr(MessageId::SetupRosterImport), ImVec2(width - fieldWidth - m.gap, m.touchTarget),
                  ButtonStyle::Primary, !setup.rosterPath().empty() && !setup.busy())) {
        setup.importRoster();
    }
    ImGui::SetCursorScreenPos(after);
    if (const auto& problem = setup.rosterReadProblem()) {
        notice(view.format(MessageId::SetupProblemCsvUnreadable, {{"reason", *problem}}), view.fonts.body,
               NoticeStyle::Danger, width, m);
    }
    auto& volunteers = setup.form().volunteers;
    if (volunteers.empty()) {
        text(view.tr(MessageId::SetupRosterEmpty), view.fonts.body, palette().mutedText, width);
    } else {
        text(view.format(MessageId::SetupRosterCount, {{"count", std::to_string(volunteers.size())}}) +
                 " — " + view.tr(MessageId::SetupRosterHint),
             view.fonts.body, palette().mutedText, width);
    }
    const float keysAt = keysTop(m, KeyboardLayout::Qwerty) - m.gap;
    const bool showKeys = volunteers.empty();
    state.keysShown = showKeys;
    beginTouchScroll(
        "roster", ImVec2(width, (showKeys ? keysAt : footerTop(m) - m.gap) - ImGui::GetCursorScreenPos().y));
    const float column = (width - m.gap) / 2;
    for (std::size_t i = 0; i < volunteers.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (i % 2 == 1) ImGui::SameLine(0, m.gap);
        ImGui::BeginGroup();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        text(volunteers[i].name, view.fonts.bodyBold, palette().text, column * 0.4f);
        ImGui::SetCursorScreenPos(ImVec2(at.x + column * 0.4f, at.y));
        const bool hasPin = !volunteers[i].pin.empty();
        if (bigButton(hasPin ? view.tr(MessageId::SetupRosterPinSet) : view.tr(MessageId::SetupRosterSetPin),
                      ImVec2(column * 0.6f - m.gap, m.touchTarget * 0.8f),
                      hasPin ? ButtonStyle::Secondary : ButtonStyle::Primary)) {
            state.pinFor = i;
            state.pinFirst.clear();
            state.pinSecond.clear();
            state.pinProblem.reset();
        }
        ImGui::EndGroup();
        ImGui::PopID();
    }
    endTouchScroll(view.scrollCue());
    if (showKeys) {
        ImGui::SetCursorScreenPos(ImVec2(m.margin, std::max(ImGui::GetCursorScreenPos().y, keysAt + m.gap)));
        touchKeyboard(view, state.keyboard, KeyboardLayout::Qwerty, setup.rosterPath(), 400, width);
    }
}

void drawTechnicianPin(const SetupView& view, SetupController& setup, float width) {
    auto& form = setup.form();
    if (form.technicianPin.size() == 6 && form.technicianPinAgain.size() == 6) {
        notice(view.tr(MessageId::SetupPinDone), view.fonts.bodyBold, NoticeStyle::Calm, width, view.metrics);
        if (bigButton(view.tr(MessageId::SetupPinRestart), ImVec2(width / 3, view.metrics.touchTarget),
                      ButtonStyle::Secondary)) {
            form.technicianPin.clear();
            form.technicianPinAgain.clear();
        }
        return;
    }
    const bool again = form.technicianPin.size() == 6;
    text(view.tr(again ? MessageId::SetupPinAgain : MessageId::SetupTechPinTitle), view.fonts.bodyBold,
         palette().text, width);
    pinPad(view, again ? form.technicianPinAgain : form.technicianPin, "", width);
    if (!again && form.technicianPin.size() == 6) {
        if (auto problem = kiosk::setup::checkNewPin(form.technicianPin, form.technicianPin)) {
            form.technicianPin.clear();
            setup.showProblems({*problem});
        }
    } else if (again && form.technicianPinAgain.size() == 6) {
        if (auto problem = kiosk::setup::checkNewPin(form.technicianPin, form.technicianPinAgain)) {
            form.technicianPin.clear();
            form.technicianPinAgain.clear();
            setup.showProblems({*problem});
        }
    }
}

void drawReview(const SetupView& view, SetupController& setup, float width) {
    const Metrics& m = view.metrics;
    const auto& form = setup.form();
    if (const auto& applied = setup.applied()) {
        text(view.format(MessageId::SetupWritten, {{"file", applied->configFile.string()}}),
             view.fonts.bodyBold, palette().text, width);
        for (const auto& line : applied->written)
            text(line, view.fonts.body, palette().text, width);
        text(
            view.format(MessageId::SetupVolunteersAdded, {{"count", std::to_string(applied->volunteersAdded)},
                                                          {"pins", std::to_string(applied->pinsSet)}}),
            view.fonts.bodyBold, palette().text, width);
        return;
    }
    for (const auto& line : kiosk::setup::describeSettings(kiosk::setup::settingsFor(form)))
        text(line, view.fonts.body, palette().text, width);
    int pins = 0;
    for (const auto& volunteer : form.volunteers)
        pins += volunteer.pin.empty() ? 0 : 1;
    text(view.format(MessageId::SetupVolunteersAdded,
                     {{"count", std::to_string(form.volunteers.size())}, {"pins", std::to_string(pins)}}),
         view.fonts.body, palette().text, width);
    if (const auto& problem = setup.applyProblem()) {
        notice(view.format(MessageId::SetupApplyFailed, {{"reason", problem->message}}), view.fonts.body,
               NoticeStyle::Danger, width, m);
    }
}

}  // namespace

void drawSetupWizard(const SetupView& view, SetupController& setup, SetupScreenState& state) {
    const Metrics& m = view.metrics;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
    ImGui::Begin("setup", nullptr, kFlags);
    const bool done = setup.applied().has_value();
    text(view.tr(MessageId::SetupTitle) + " · " +
             view.format(MessageId::SetupStepOf, {{"step", std::to_string(setup.stepNumber())},
                                                  {"count", std::to_string(kiosk::setup::kStepCount)}}),
         view.fonts.body, palette().mutedText);
    text(view.tr(done ? MessageId::SetupDoneTitle : stepTitle(setup.step())), view.fonts.title,
         palette().text);
    const float width = m.width - 2 * m.margin;
    state.keysShown = false;
    drawProblems(view, setup.problems(), width);

    auto& form = setup.form();
    switch (setup.step()) {
        case SetupStep::Commune:
            drawFields(view, state,
                       {{MessageId::SetupCommuneName, "##commune-name", &form.communeName,
                         KeyboardLayout::Vietnamese, 120},
                        {MessageId::SetupCommuneCode, "##commune-code", &form.communeCode,
                         KeyboardLayout::Digits, 5}},
                       width);
            break;
        case SetupStep::Kiosk:
            text(view.tr(MessageId::SetupKioskIdHint), view.fonts.body, palette().mutedText, width);
            drawFields(view, state,
                       {{MessageId::SetupKioskId, "##kiosk-id", &form.kioskId, KeyboardLayout::Qwerty, 32}},
                       width);
            break;
        case SetupStep::Server:
            text(view.tr(MessageId::SetupServerHint), view.fonts.body, palette().mutedText, width);
            drawFields(
                view, state,
                {{MessageId::SetupServerUrl, "##server-url", &form.serverUrl, KeyboardLayout::Qwerty, 300},
                 {MessageId::SetupToken, "##token", &form.token, KeyboardLayout::Qwerty, 512}},
                width);
            break;
        case SetupStep::Language: {
            text(view.tr(MessageId::SetupLanguageHint), view.fonts.body, palette().mutedText, width);
            const std::vector<std::string> names = {"Tiếng Việt", "English"};
            const int chosen = form.language == kiosk::i18n::Language::En ? 1 : 0;
            if (int tapped = chips(names, chosen, width, m); tapped >= 0)
                form.language = tapped == 1 ? kiosk::i18n::Language::En : kiosk::i18n::Language::Vi;
            break;
        }
        case SetupStep::Camera: drawCamera(view, setup, width); break;
        case SetupStep::Printer: drawPrinter(view, setup, state, width); break;
        case SetupStep::Services: drawServices(view, setup, width); break;
        case SetupStep::Roster: drawRoster(view, setup, state, width); break;
        case SetupStep::TechnicianPin: drawTechnicianPin(view, setup, width); break;
        case SetupStep::Review: drawReview(view, setup, width); break;
    }

    // Footer: Back on the left on every step (none to go back to on the first, or once written),
    // Next / Write / Finish on the right.
    const float button = std::min(420 * m.scale, width / 4);
    const float buttonsY = state.keysShown ? m.margin / 2 : footerTop(m);
    const float backX = state.keysShown ? m.width - m.margin - 2 * button - m.gap : m.margin;
    ImGui::SetCursorScreenPos(ImVec2(backX, buttonsY));
    const bool pinPadOpen = state.pinFor.has_value();
    if (bigButton(view.tr(MessageId::SetupBack), ImVec2(button, m.touchTarget), ButtonStyle::Secondary,
                  setup.step() != SetupStep::Commune && !done && !setup.busy() && !pinPadOpen)) {
        state.focusedField.clear();
        setup.back();
    }
    ImGui::SetCursorScreenPos(ImVec2(m.width - m.margin - button, buttonsY));
    if (done) {
        if (bigButton(view.tr(MessageId::SetupFinish), ImVec2(button, m.touchTarget), ButtonStyle::Primary,
                      true, view.fonts.bodyBold)) {
            state.finished = true;
        }
    } else if (setup.step() == SetupStep::Review) {
        const bool writing = setup.busy();
        if (bigButton(view.tr(writing ? MessageId::SetupApplying : MessageId::SetupApply),
                      ImVec2(button, m.touchTarget), ButtonStyle::Primary, !writing, view.fonts.bodyBold)) {
            setup.apply();
        }
    } else if (bigButton(view.tr(MessageId::SetupNext), ImVec2(button, m.touchTarget), ButtonStyle::Primary,
                         !setup.busy() && !pinPadOpen, view.fonts.bodyBold)) {
        state.focusedField.clear();
        setup.next();
    }
    ImGui::End();
}

}  // namespace ui
