// Scan a code: the live camera with the found code outlined, then a card that explains in
// plain words what the code is and whether it looks safe (the rules live in kiosk/scan/). A chip
// ID card is shown only after the citizen agrees, with the ID number masked.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "kiosk/scan/CccdCard.h"
#include "kiosk/scan/LinkVerdict.h"
#include "kiosk/scan/ScanVerdict.h"
#include "ui/WidgetRegistry.h"
#include "ui/Widgets.h"
#include "ui/screens/ScreenContext.h"

namespace ui {

using kiosk::i18n::Language;
using kiosk::i18n::MessageId;
using kiosk::scan::PayloadKind;

namespace {

std::string formatDong(std::uint64_t amount, Language language) {
    std::string digits = std::to_string(amount);
    const char separator = language == Language::En ? ',' : '.';
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<size_t>(i), 1, separator);
    return digits + " ₫";
}

std::string formatDate(const kiosk::scan::CivilDate& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", date.day, date.month, date.year);
    return text;
}

// "Label: value" on one line, the value wrapping under itself when long.
void field(const ScreenContext& context, const std::string& label, const std::string& value, float width) {
    const std::string prefix = label + ":";
    const float labelWidth =
        context.fonts.body->CalcTextSizeA(context.fonts.body->FontSize, FLT_MAX, 0, prefix.c_str()).x +
        context.metrics.gap * 0.4f;
    text(prefix, context.fonts.body, palette().mutedText, labelWidth);
    ImGui::SameLine(0, context.metrics.gap * 0.3f);
    text(value, context.fonts.bodyBold, palette().text, width - labelWidth);
}

void warn(const ScreenContext& context, MessageId message, float width) {
    notice(context.tr(message), context.fonts.bodyBold, NoticeStyle::Danger, width, context.metrics);
}

void advise(const ScreenContext& context, const std::string& message, float width) {
    notice(message, context.fonts.bodyBold, NoticeStyle::Calm, width, context.metrics);
}

// The one line the card opens with, in a coloured band: what to do, before any detail.
void drawVerdict(const ScreenContext& context, const kiosk::scan::ScanPayload& payload, float width) {
    using kiosk::scan::VerdictLevel;
    const Metrics& m = context.metrics;
    const auto verdict = kiosk::scan::verdictFor(payload);
    const ImU32 fill = verdict.level == VerdictLevel::Danger    ? palette().verdictDanger
                       : verdict.level == VerdictLevel::Caution ? palette().verdictCaution
                       : verdict.level == VerdictLevel::Safe    ? palette().verdictSafe
                                                                : palette().verdictNeutral;
    const std::string& headline = context.tr(verdict.headline);
    const float pad = m.gap * 0.7f;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    // Bold body size: the band must leave the card's details on a 1280x800 screen.
    const float height = textHeight(headline, context.fonts.bodyBold, width - 2 * pad) + 2 * pad;
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + width, min.y + height), fill,
                                              m.rounding * 0.6f);
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    text(headline, context.fonts.bodyBold, palette().onPrimary, width - 2 * pad);
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height + m.gap * 0.6f));
    ImGui::Dummy(ImVec2(0, 0));
}

void drawVietQr(const ScreenContext& context, const kiosk::scan::ScanPayload& payload, float width) {
    const auto& qr = std::get<kiosk::scan::VietQrPayment>(payload.value);
    const Language language = context.session.language();
    text(context.tr(MessageId::ScanKindVietqr), context.fonts.bodyBold, palette().primary, width);
    if (!payload.valid()) warn(context, MessageId::ScanDamaged, width);
    field(context, context.tr(MessageId::ScanBank),
          qr.bankShortName.empty()
              ? kiosk::i18n::formatMessage(context.tr(MessageId::ScanUnknownBank), {{"bin", qr.bin}})
              : qr.bankShortName,
          width);
    field(context, context.tr(MessageId::ScanAccount), kiosk::scan::maskDigits(qr.account), width);
    field(context, context.tr(MessageId::ScanAmount),
          qr.amount ? formatDong(*qr.amount, language) : context.tr(MessageId::ScanAmountOpen), width);
    if (!qr.merchantName.empty())
        field(context, context.tr(MessageId::ScanRecipient), qr.merchantName, width);
    if (!qr.purpose.empty()) field(context, context.tr(MessageId::ScanPurpose), qr.purpose, width);
}

// Another scheme's payment code (PromptPay, Pix, ...): say what it is and which app pays it; the
// kiosk's banks cannot be assumed to.
void drawEmv(const ScreenContext& context, const kiosk::scan::ScanPayload& payload, float width) {
    const auto& emv = std::get<kiosk::scan::EmvPayment>(payload.value);
    text(context.tr(MessageId::ScanKindEmv), context.fonts.bodyBold, palette().primary, width);
    if (!payload.valid()) warn(context, MessageId::ScanDamaged, width);
    advise(context, context.tr(MessageId::ScanEmvOtherScheme), width);
    field(context, context.tr(MessageId::ScanEmvScheme),
          emv.scheme().empty() ? kiosk::i18n::formatMessage(context.tr(MessageId::ScanEmvIdentifier),
                                                            {{"guid", std::string(emv.guid())}})
                               : std::string(emv.scheme()),
          width);
    if (!emv.merchantName.empty())
        field(context, context.tr(MessageId::ScanRecipient), emv.merchantName, width);
    if (!emv.merchantCity.empty()) field(context, context.tr(MessageId::ScanCity), emv.merchantCity, width);
    const std::string& currency = emv.currencyCode.empty() ? emv.currency : emv.currencyCode;
    field(context, context.tr(MessageId::ScanAmount),
          emv.amount.empty() ? context.tr(MessageId::ScanAmountOpen) : emv.amount + " " + currency, width);
}

void drawCard(const ScreenContext& context, const kiosk::scan::ScanPayload& payload, float width) {
    const auto& card = std::get<kiosk::scan::CccdCard>(payload.value);
    const Metrics& m = context.metrics;
    text(context.tr(MessageId::ScanKindCccd), context.fonts.bodyBold, palette().primary, width);
    if (!context.session.cardConsentGiven()) {
        text(context.tr(MessageId::ScanCardConsent), context.fonts.body, palette().text, width);
        const float buttonWidth = (width - m.gap) / 2;
        if (bigButton(context.tr(MessageId::ScanShowCard), ImVec2(buttonWidth, m.touchTarget),
                      ButtonStyle::Primary)) {
            context.journey.answerCardConsent(true, context.now);
        }
        ImGui::SameLine(0, m.gap);
        if (bigButton(context.tr(MessageId::ScanDiscardCard), ImVec2(buttonWidth, m.touchTarget),
                      ButtonStyle::Secondary)) {
            context.journey.answerCardConsent(false, context.now);
        }
        return;
    }
    field(context, context.tr(MessageId::ScanName), card.name, width);
    if (card.birthDate)
        field(context, context.tr(MessageId::ScanBirthDate), formatDate(*card.birthDate), width);
    field(context, context.tr(MessageId::ScanIdNumber), kiosk::scan::maskDigits(card.id), width);
    if (!payload.valid()) warn(context, MessageId::ScanCardMismatch, width);
}

void drawUrl(const ScreenContext& context, const kiosk::scan::ScanPayload& payload, float width) {
    const auto& url = std::get<kiosk::scan::ScannedUrl>(payload.value);
    text(context.tr(MessageId::ScanKindUrl), context.fonts.bodyBold, palette().primary, width);
    field(context, context.tr(MessageId::ScanWebsite), url.hostUnicode.empty() ? url.host : url.hostUnicode,
          width);
    if (kiosk::scan::looksLikeImpostor(payload)) warn(context, MessageId::ScanLookalike, width);
    if (url.shortener) warn(context, MessageId::ScanShortener, width);
    if (url.government) {
        advise(context, context.tr(MessageId::ScanGovernment), width);
    } else {
        warn(context, MessageId::ScanNotGovernment, width);
    }
    if (!url.https) warn(context, MessageId::ScanNotHttps, width);
}

void drawText(const ScreenContext& context, const kiosk::scan::ScanPayload& payload, float width) {
    const auto& clean = std::get<kiosk::scan::CleanText>(payload.value);
    text(context.tr(MessageId::ScanKindText), context.fonts.bodyBold, palette().primary, width);
    // The parser already capped the length; a screenful is what a person reads anyway.
    size_t shown = std::min<size_t>(clean.text.size(), 600);
    while (shown < clean.text.size() && (static_cast<unsigned char>(clean.text[shown]) & 0xC0) == 0x80)
        --shown;
    text(std::string_view(clean.text).substr(0, shown), context.fonts.body, palette().text, width);
    const size_t removed =
        clean.removedControls + clean.removedBidi + clean.removedInvisible + clean.removedMarks;
    if (removed > 0) {
        notice(kiosk::i18n::formatMessage(context.tr(MessageId::ScanRemoved),
                                          {{"count", std::to_string(removed)}}),
               context.fonts.bodyBold, NoticeStyle::Danger, width, context.metrics);
    }
}

}  // namespace

void drawCameraPreview(const ScreenContext& context, const ScannerView& view, ImVec2 min, ImVec2 max) {
    const Metrics& m = context.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, rgb(0x202020), m.rounding);
    if (!view.preview) {
        const std::string& message =
            view.cameraMissing ? context.tr(MessageId::ScanNoCamera) : context.tr(MessageId::ScanStarting);
        textCentered(message, context.fonts.bodyBold, palette().onPrimary, (min.x + max.x) / 2,
                     (min.y + max.y) / 2, max.x - min.x - 2 * m.gap);
        return;
    }
    const ImVec2 size = view.preview->size;
    const float scale = std::min((max.x - min.x) / size.x, (max.y - min.y) / size.y);
    const ImVec2 shown(size.x * scale, size.y * scale);
    const ImVec2 at(min.x + (max.x - min.x - shown.x) / 2, min.y + (max.y - min.y - shown.y) / 2);
    draw->AddImage(view.preview->id, at, ImVec2(at.x + shown.x, at.y + shown.y));
    if (view.outline) {
        ImVec2 points[4];
        for (int i = 0; i < 4; ++i) {
            points[i] = ImVec2(at.x + (*view.outline)[static_cast<size_t>(i)].x * scale,
                               at.y + (*view.outline)[static_cast<size_t>(i)].y * scale);
        }
        draw->AddPolyline(points, 4, rgb(0x18A558), ImDrawFlags_Closed, 6 * m.scale);
    }
}

void drawScannerScreen(const ScreenContext& context, const ScannerView& view) {
    const Metrics& m = context.metrics;
    const ImVec2 area = beginCitizenScreen(context, "scanner", context.tr(MessageId::HomeTileScan));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float previewWidth = area.x * 0.46f;
    drawCameraPreview(context, view, origin, ImVec2(origin.x + previewWidth, origin.y + area.y - m.gap));

    const auto& scanned = context.session.scanned();
    // "Nghe" sits in a row of its own under the card, where scrolling never hides it.
    const float listenRow = scanned && listenAvailable(context) ? m.touchTarget * 0.8f + m.gap : 0;
    const ImVec2 cardAt(origin.x + previewWidth + m.gap * 1.5f, origin.y);
    ImGui::SetCursorScreenPos(cardAt);
    beginTouchScroll("scan-result", ImVec2(area.x - previewWidth - m.gap * 1.5f, area.y - m.gap - listenRow));
    const float width = ImGui::GetContentRegionAvail().x;
    if (!scanned) {
        if (view.cameraMissing) {
            text(context.tr(MessageId::ScanNoCamera), context.fonts.title, palette().danger, width);
            text(context.tr(MessageId::ScanNoCameraHelp), context.fonts.body, palette().text, width);
        } else {
            text(context.tr(MessageId::ScanHint), context.fonts.title, palette().text, width);
            text(context.tr(MessageId::ScanNeverOpensLinks), context.fonts.body, palette().mutedText, width);
        }
    } else {
        drawVerdict(context, *scanned, width);
        switch (scanned->kind) {
            case PayloadKind::vietqr: drawVietQr(context, *scanned, width); break;
            case PayloadKind::cccd: drawCard(context, *scanned, width); break;
            case PayloadKind::url: drawUrl(context, *scanned, width); break;
            case PayloadKind::text: drawText(context, *scanned, width); break;
            case PayloadKind::emv: drawEmv(context, *scanned, width); break;
        }
    }
    endTouchScroll(context.scrollCue());
    if (listenRow > 0) {
        ImGui::SetCursorScreenPos(ImVec2(cardAt.x, origin.y + area.y - listenRow));
        drawListenButton(context, m.touchTarget * 0.8f);
    }
    // "Scan another" sits in the footer, where it never scrolls out of reach.
    const bool resultShown =
        scanned && (scanned->kind != PayloadKind::cccd || context.session.cardConsentGiven());
    const bool another =
        endCitizenScreen(context, {.back = true,
                                   .home = true,
                                   .nextLabel = resultShown ? &context.tr(MessageId::ScanAnother) : nullptr});
    if (another) context.journey.scanAnother(context.now);
}

}  // namespace ui
