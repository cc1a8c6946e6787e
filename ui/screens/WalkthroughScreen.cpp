// One step of a walkthrough: what to do (title, a short text, a checklist), what to watch out
// for (the scam warning first), a picture of it (a drawn phone or a PNG), and the way on: one
// button per answer, or "Next". Progress dots say how far along the citizen is. With a printer,
// an "In hướng dẫn" button under the text (and on the done screen) prints a take-home slip.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include <spdlog/spdlog.h>

#include "devices/QrCodeImage.h"
#include "kiosk/content/PracticePayment.h"
#include "ui/GuidePrinting.h"
#include "ui/PhoneMockup.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::content::StepAction;
using kiosk::i18n::MessageId;

namespace {

std::string_view languageCode(const ScreenContext& context) {
    return kiosk::i18n::languageCode(context.session.language());
}

void drawProgress(const ScreenContext& context, kiosk::content::Progress progress, ImVec2 topRight) {
    const Metrics& m = context.metrics;
    const std::string label = kiosk::i18n::formatMessage(
        context.tr(MessageId::WalkthroughStepOf),
        {{"position", std::to_string(progress.position)}, {"total", std::to_string(progress.total)}});
    ImFont* font = context.fonts.bodyBold;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str());
    const float dot = 9 * m.scale;
    const float spacing = dot * 3.2f;
    const float dotsWidth = spacing * static_cast<float>(std::max(progress.total - 1, 0));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 textAt(topRight.x - size.x, topRight.y);
    draw->AddText(font, font->FontSize, textAt, palette().text, label.c_str());
    widgetRegistry().record(label, textAt, ImVec2(textAt.x + size.x, textAt.y + size.y), true, false);
    float x = topRight.x - dotsWidth - dot;
    const float y = topRight.y + size.y + dot * 2.2f;
    for (int i = 1; i <= progress.total; ++i, x += spacing) {
        if (i <= progress.position) {
            draw->AddCircleFilled(ImVec2(x, y), dot, palette().primary);
        } else {
            draw->AddCircle(ImVec2(x, y), dot, palette().border, 0, 2.5f);
        }
    }
}

// The practice payment code, made once: a banner that says it is practice, the code, a note.
void drawPracticeQr(const ScreenContext& context, ImVec2 min, ImVec2 max) {
    const Metrics& m = context.metrics;
    static std::optional<Texture> code;
    static bool tried = false;
    if (!tried) {
        tried = true;
        auto payload = kiosk::content::practicePaymentPayload();
        auto image =
            payload ? devices::renderQrCode(*payload, 8) : kiosk::Result<devices::RgbaImage>(payload.error());
        if (image) {
            code = context.textures.upload("practice-qr", image->pixels.data(), image->width, image->height);
        } else {
            spdlog::error("practice QR: {}", image.error().message);
        }
    }
    const float width = max.x - min.x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::string& banner = context.tr(MessageId::WalkthroughPracticeQr);
    const float bannerHeight = textHeight(banner, context.fonts.bodyBold, width - m.gap) + m.gap;
    draw->AddRectFilled(min, ImVec2(max.x, min.y + bannerHeight), palette().help, m.rounding * 0.5f);
    textCentered(banner, context.fonts.bodyBold, palette().onPrimary, min.x + width / 2, min.y + m.gap / 2,
                 width - m.gap);
    const std::string& note = context.tr(MessageId::WalkthroughPracticeQrNote);
    const float noteHeight = textHeight(note, context.fonts.body, width);
    const float side = std::min(width, max.y - min.y - bannerHeight - noteHeight - 2 * m.gap);
    const ImVec2 codeMin(min.x + (width - side) / 2, min.y + bannerHeight + m.gap / 2);
    if (code && side > 0) {
        draw->AddImage(code->id, codeMin, ImVec2(codeMin.x + side, codeMin.y + side));
        widgetRegistry().record("practice-qr", codeMin, ImVec2(codeMin.x + side, codeMin.y + side), true,
                                false);
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x, codeMin.y + side + m.gap / 2));
    text(note, context.fonts.body, palette().text, width);
}

// The height the row of "Nghe" and "In hướng dẫn" takes under the step's text, when either is there.
float actionRowHeight(const ScreenContext& context) {
    return context.guidePrinter || listenAvailable(context)
               ? context.metrics.touchTarget * 0.8f + context.metrics.gap
               : 0;
}

// "In hướng dẫn" and, beside it, how the latest print for this walkthrough went.
void drawPrintRow(const ScreenContext& context, float width, MessageId label) {
    GuidePrinter* printer = context.guidePrinter;
    if (!printer) return;
    const Metrics& m = context.metrics;
    const auto* session = context.journey.walkthrough();
    const std::string& id = session->walkthrough().id;
    const int citizen = context.session.wipeCount();
    const std::string& buttonLabel = context.tr(label);
    ImFont* font = context.fonts.body;
    const float textWidth = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, buttonLabel.c_str()).x;
    const float buttonWidth = std::min(width, std::max(360 * m.scale, textWidth + 4 * m.gap));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (bigButton(buttonLabel, ImVec2(buttonWidth, m.touchTarget * 0.8f), ButtonStyle::Secondary,
                  printer->canPrint(id, citizen), font)) {
        printer->print(session->walkthrough(), session->pathTaken(), context.session.language(), citizen);
    }
    const auto state = printer->stateFor(id, citizen);
    if (!state) return;
    std::string status;
    switch (state->phase) {
        case PrintPhase::Printing: status = context.tr(MessageId::WalkthroughPrinting); break;
        case PrintPhase::Printed: status = context.tr(MessageId::WalkthroughPrinted); break;
        case PrintPhase::Failed:
            status =
                kiosk::i18n::formatMessage(context.tr(MessageId::WalkthroughPrintFailed),
                                           {{"problem", context.tr(printerProblemText(state->printer))}});
            break;
    }
    const float statusWidth = width - buttonWidth - m.gap;
    if (statusWidth < 200 * m.scale) return;
    const float statusHeight = textHeight(status, context.fonts.body, statusWidth);
    ImGui::SetCursorScreenPos(
        ImVec2(at.x + buttonWidth + m.gap, at.y + std::max(0.0f, (m.touchTarget * 0.8f - statusHeight) / 2)));
    text(status, context.fonts.body, state->phase == PrintPhase::Failed ? palette().danger : palette().text,
         statusWidth);
}

float pulseAt(kiosk::SteadyTime now) {
    const double seconds = std::chrono::duration<double>(now.time_since_epoch()).count();
    return static_cast<float>(0.5 + 0.5 * std::sin(seconds * 3.0));  // about one breath per 2 s
}

void drawDone(const ScreenContext& context) {
    const auto* session = context.journey.walkthrough();
    const std::string_view lang = languageCode(context);
    const ImVec2 area = beginCitizenScreen(context, "walkthrough", session->walkthrough().title.in(lang));
    const float width = std::min(area.x, 1300 * context.metrics.scale);
    ImGui::Dummy(ImVec2(0, context.metrics.gap));
    text(context.tr(MessageId::WalkthroughDoneTitle), context.fonts.title, palette().primary, width);
    text(context.tr(MessageId::WalkthroughDoneBody), context.fonts.body, palette().text, width);
    ImGui::Dummy(ImVec2(0, context.metrics.gap));
    if (bigButton(context.tr(MessageId::WalkthroughStartAgain), ImVec2(0, context.metrics.touchTarget),
                  ButtonStyle::Secondary)) {
        context.journey.startWalkthrough(session->walkthrough().id, context.now);
    }
    ImGui::Dummy(ImVec2(0, context.metrics.gap));
    drawPrintRow(context, width, MessageId::WalkthroughPrintTakeHome);
    endCitizenScreen(context, {.back = true, .home = true, .finish = true});
}

}  // namespace

bool walkthroughScreenAnimates(const ScreenContext& context) {
    const auto* session = context.journey.walkthrough();
    return session && !session->finished() && session->current().phone &&
           session->current().phone->tapIndex();
}

void drawWalkthroughScreen(const ScreenContext& context) {
    const auto* session = context.journey.walkthrough();
    if (!session) return;
    if (session->finished()) return drawDone(context);

    const Metrics& m = context.metrics;
    const std::string_view lang = languageCode(context);
    const auto& walkthrough = session->walkthrough();
    const auto& step = session->current();

    const ImVec2 headerTopRight(m.width - m.margin, ImGui::GetStyle().WindowPadding.y);
    const ImVec2 area = beginCitizenScreen(context, "walkthrough", step.title.in(lang));
    drawProgress(context, session->progress(), headerTopRight);
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    const bool hasPicture = step.phone || step.image || step.action == StepAction::ShowPracticeQr;
    const float pictureWidth = hasPicture ? std::min(area.x * 0.40f, area.y * 0.75f) : 0;
    const float textWidth = area.x - (hasPicture ? pictureWidth + m.gap * 2 : 0);

    const float actionRow = actionRowHeight(context);
    beginTouchScroll("step", ImVec2(textWidth, area.y - actionRow));
    const float width = ImGui::GetContentRegionAvail().x;
    text(walkthrough.title.in(lang), context.fonts.body, palette().mutedText, width);
    text(step.body.in(lang), context.fonts.body, palette().text, width);
    // Plain bullets: a box would invite a tick the screen cannot take.
    for (const auto& item : step.checklist) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float size = context.fonts.body->FontSize;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + size * 0.3f, at.y + size * 0.55f),
                                                    size * 0.16f, palette().primary);
        ImGui::SetCursorScreenPos(ImVec2(at.x + size * 0.9f, at.y));
        text(item.in(lang), context.fonts.body, palette().text, width - size * 0.9f);
    }
    for (const auto& warning : session->warnings())
        notice(warning.in(lang), context.fonts.bodyBold, NoticeStyle::Danger, width, context.metrics);
    if (step.action == StepAction::OpenScanner) {
        if (bigButton(context.tr(MessageId::WalkthroughOpenScanner), ImVec2(width, m.touchTarget),
                      ButtonStyle::Secondary)) {
            context.journey.openFeature(kiosk::session::Feature::Scan, context.now);
        }
    }
    // Up to three answers stack full width; more go two to a row so that all of them are on
    // screen at once at 1280x800 (a question whose answers need scrolling hides some of them).
    const bool twoColumns = step.choices.size() > 3;
    const float choiceWidth = twoColumns ? (width - m.gap) / 2 : width;
    for (size_t i = 0; i < step.choices.size(); ++i) {
        const auto& choice = step.choices[i];
        if (twoColumns && i % 2 == 1) ImGui::SameLine(0, m.gap);
        if (bigButton(choice.label.in(lang), ImVec2(choiceWidth, m.touchTarget * 1.1f), ButtonStyle::Primary,
                      true, context.fonts.bodyBold)) {
            context.journey.walkthroughChoose(choice.id, context.now);
        }
    }
    endTouchScroll(context.scrollCue());
    if (actionRow > 0) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + area.y - actionRow + m.gap * 0.5f));
        float printWidth = textWidth;
        if (listenAvailable(context)) {
            drawListenButton(context, m.touchTarget * 0.8f);
            ImGui::SameLine(0, m.gap);
            printWidth -= listenButtonWidth(context) + m.gap;
        }
        drawPrintRow(context, printWidth, MessageId::WalkthroughPrintGuide);
    }

    if (hasPicture) {
        const ImVec2 pictureMin(origin.x + area.x - pictureWidth, origin.y);
        const ImVec2 pictureMax(origin.x + area.x, origin.y + area.y - m.gap);
        if (step.phone) {
            drawPhoneMockup(*step.phone, lang, pictureMin, pictureMax, pulseAt(context.now),
                            context.tr(MessageId::WalkthroughOnYourPhone), context.fonts, m);
        } else if (step.action == StepAction::ShowPracticeQr) {
            drawPracticeQr(context, pictureMin, pictureMax);
        } else if (step.image) {
            if (auto texture = context.textures.get(context.imagesDir / *step.image)) {
                const float scale =
                    std::min(pictureWidth / texture->size.x, (area.y - m.gap) / texture->size.y);
                const ImVec2 size(texture->size.x * scale, texture->size.y * scale);
                const ImVec2 at(pictureMin.x + (pictureWidth - size.x) / 2, pictureMin.y);
                ImGui::GetWindowDrawList()->AddImage(texture->id, at, ImVec2(at.x + size.x, at.y + size.y));
            }
        }
    }

    const std::string* nextLabel = nullptr;
    if (step.choices.empty()) {
        nextLabel =
            &context.tr(session->onFinalStep() ? MessageId::WalkthroughFinish : MessageId::WalkthroughNext);
    }
    const bool next = endCitizenScreen(context, {.back = true,
                                                 .home = true,
                                                 .helpLabel = &context.tr(MessageId::WalkthroughStuck),
                                                 .nextLabel = nextLabel});
    if (next) context.journey.walkthroughNext(context.now);
}

void drawWalkthroughListScreen(const ScreenContext& context) {
    const Metrics& m = context.metrics;
    const auto feature = context.journey.place().feature;
    const std::string_view lang = languageCode(context);
    const ImVec2 area = beginCitizenScreen(
        context, "walkthrough_list",
        feature ? featureTitle(context, *feature) : context.tr(MessageId::WalkthroughListTitle));
    beginTouchScroll("guides", area);
    const float width = ImGui::GetContentRegionAvail().x;
    if (feature) {
        for (const auto* walkthrough : context.journey.walkthroughsFor(*feature)) {
            // Tall enough for its words at any text size: the list scrolls, a tile never cuts off.
            const float height = std::max(m.touchTarget * 2.0f, tileHeightFor(walkthrough->title.in(lang),
                                                                              walkthrough->summary.in(lang),
                                                                              width, context.fonts, m, true));
            if (tile(walkthrough->title.in(lang), walkthrough->summary.in(lang), ImVec2(width, height),
                     context.fonts, m, iconFor(*feature))) {
                context.journey.startWalkthrough(walkthrough->id, context.now);
            }
        }
    }
    endTouchScroll(context.scrollCue());
    endCitizenScreen(context, {.back = true, .home = true});
}

}  // namespace ui
