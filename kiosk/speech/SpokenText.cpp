#include "kiosk/speech/SpokenText.h"

#include <algorithm>
#include <cctype>

#include "kiosk/scan/LinkVerdict.h"
#include "kiosk/scan/ScanVerdict.h"

namespace kiosk::speech {

using i18n::Language;
using i18n::MessageId;
using scan::PayloadKind;

namespace {

// Collects sentences. espeak-ng pauses at sentence ends; a label without its own full stop
// ("Hỗ trợ VNeID") would otherwise run into the next one.
class Sentences {
public:
    void add(std::string_view sentence) {
        while (!sentence.empty() && (sentence.back() == ' ' || sentence.back() == '\n'))
            sentence.remove_suffix(1);
        if (sentence.empty()) return;
        if (!text_.empty()) text_ += ' ';
        text_ += sentence;
        const char last = sentence.back();
        if (last != '.' && last != '?' && last != '!' && last != ':' && last != ';') text_ += '.';
    }
    void add(std::string_view label, std::string_view value) {
        std::string line(label);
        line += ": ";
        line += value;
        add(line);
    }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
};

std::string groupThousands(std::uint64_t amount, Language language) {
    std::string digits = std::to_string(amount);
    const char separator = language == Language::En ? ',' : '.';
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<size_t>(i), 1, separator);
    return digits;
}

void addVietQr(Sentences& out, const i18n::Catalogue& texts, Language language,
               const scan::ScanPayload& payload) {
    const auto& qr = std::get<scan::VietQrPayment>(payload.value);
    auto tr = [&](MessageId id) -> const std::string& { return texts.text(language, id); };
    out.add(tr(MessageId::ScanKindVietqr));
    if (!payload.valid()) out.add(tr(MessageId::ScanDamaged));
    out.add(tr(MessageId::ScanBank),
            qr.bankShortName.empty() ? i18n::formatMessage(tr(MessageId::ScanUnknownBank), {{"bin", qr.bin}})
                                     : qr.bankShortName);
    // The account number is left out: the citizen reads it on the screen, the room need not hear it.
    out.add(tr(MessageId::ScanAmount),
            qr.amount ? i18n::formatMessage(tr(MessageId::SpeechAmount),
                                            {{"amount", groupThousands(*qr.amount, language)}})
                      : tr(MessageId::ScanAmountOpen));
    if (!qr.merchantName.empty()) out.add(tr(MessageId::ScanRecipient), qr.merchantName);
    if (!qr.purpose.empty()) out.add(tr(MessageId::ScanPurpose), qr.purpose);
}

void addEmv(Sentences& out, const i18n::Catalogue& texts, Language language,
            const scan::ScanPayload& payload) {
    const auto& emv = std::get<scan::EmvPayment>(payload.value);
    auto tr = [&](MessageId id) -> const std::string& { return texts.text(language, id); };
    out.add(tr(MessageId::ScanKindEmv));
    if (!payload.valid()) out.add(tr(MessageId::ScanDamaged));
    out.add(tr(MessageId::ScanEmvOtherScheme));
    if (!emv.scheme().empty()) out.add(tr(MessageId::ScanEmvScheme), emv.scheme());
    if (!emv.merchantName.empty()) out.add(tr(MessageId::ScanRecipient), emv.merchantName);
    if (!emv.merchantCity.empty()) out.add(tr(MessageId::ScanCity), emv.merchantCity);
    const std::string& currency = emv.currencyCode.empty() ? emv.currency : emv.currencyCode;
    out.add(tr(MessageId::ScanAmount),
            emv.amount.empty() ? tr(MessageId::ScanAmountOpen) : emv.amount + " " + currency);
}

void addUrl(Sentences& out, const i18n::Catalogue& texts, Language language,
            const scan::ScanPayload& payload) {
    const auto& url = std::get<scan::ScannedUrl>(payload.value);
    auto tr = [&](MessageId id) -> const std::string& { return texts.text(language, id); };
    out.add(tr(MessageId::ScanKindUrl));
    out.add(tr(MessageId::ScanWebsite), url.hostUnicode.empty() ? url.host : url.hostUnicode);
    if (scan::looksLikeImpostor(payload)) out.add(tr(MessageId::ScanLookalike));
    if (url.shortener) out.add(tr(MessageId::ScanShortener));
    out.add(tr(url.government ? MessageId::ScanGovernment : MessageId::ScanNotGovernment));
    if (!url.https) out.add(tr(MessageId::ScanNotHttps));
}

void addText(Sentences& out, const i18n::Catalogue& texts, Language language,
             const scan::ScanPayload& payload) {
    const auto& clean = std::get<scan::CleanText>(payload.value);
    out.add(texts.text(language, MessageId::ScanKindText));
    // The screen shows the first 600 bytes; the voice reads what the screen shows.
    size_t shown = std::min<size_t>(clean.text.size(), 600);
    while (shown < clean.text.size() && (static_cast<unsigned char>(clean.text[shown]) & 0xC0) == 0x80)
        --shown;
    out.add(std::string_view(clean.text).substr(0, shown));
    const size_t removed =
        clean.removedControls + clean.removedBidi + clean.removedInvisible + clean.removedMarks;
    if (removed > 0) {
        out.add(i18n::formatMessage(texts.text(language, MessageId::ScanRemoved),
                                    {{"count", std::to_string(removed)}}));
    }
}

}  // namespace

std::string spokenTicketNumber(std::string_view label) {
    if (label.size() < 2 || !std::isalpha(static_cast<unsigned char>(label.front())))
        return std::string(label);
    std::string_view digits = label.substr(1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::string(label);
    while (digits.size() > 1 && digits.front() == '0')
        digits.remove_prefix(1);
    return std::string(1, label.front()) + "-" + std::string(digits);
}

std::string spokenWalkthroughStep(const content::Walkthrough& walkthrough, const content::Step& step,
                                  std::span<const content::Text> warnings, Language language) {
    (void)walkthrough;  // the screen shows its title small; the step's own title says more
    const std::string_view code = i18n::languageCode(language);
    Sentences out;
    out.add(step.title.in(code));
    out.add(step.body.in(code));
    for (const auto& item : step.checklist)
        out.add(item.in(code));
    for (const auto& warning : warnings)
        out.add(warning.in(code));
    for (const auto& choice : step.choices)
        out.add(choice.label.in(code));
    return out.take();
}

std::string peopleAheadText(const i18n::Catalogue& catalogue, Language language,
                            const session::IssuedTicket& ticket) {
    if (!ticket.ahead) return catalogue.text(language, MessageId::TicketAheadUnknown);
    if (*ticket.ahead == 0) return catalogue.text(language, MessageId::TicketNobodyAhead);
    return i18n::formatMessage(catalogue.text(language, MessageId::TicketPeopleAhead),
                               {{"count", std::to_string(*ticket.ahead)}});
}

std::string spokenTicket(const i18n::Catalogue& catalogue, Language language,
                         const session::IssuedTicket& ticket) {
    auto tr = [&](MessageId id) -> const std::string& { return catalogue.text(language, id); };
    Sentences out;
    out.add(i18n::formatMessage(tr(MessageId::SpeechTicketNumber),
                                {{"number", spokenTicketNumber(ticket.label)}}));
    out.add(peopleAheadText(catalogue, language, ticket));
    if (ticket.ahead.value_or(0) > 0) {
        // The same rounding as the ticket screen: whole minutes, never "0 minutes".
        const auto minutes = std::max<long long>(1, (ticket.estimatedWait.count() + 59) / 60);
        out.add(
            i18n::formatMessage(tr(MessageId::TicketEstimatedWait), {{"minutes", std::to_string(minutes)}}));
    }
    return out.take();
}

std::string spokenScanResult(const i18n::Catalogue& catalogue, Language language,
                             const scan::ScanPayload& payload, bool cardConsentGiven) {
    Sentences out;
    out.add(catalogue.text(language, scan::verdictFor(payload).headline));  // first, as on the screen
    switch (payload.kind) {
        case PayloadKind::vietqr: addVietQr(out, catalogue, language, payload); break;
        case PayloadKind::emv: addEmv(out, catalogue, language, payload); break;
        case PayloadKind::url: addUrl(out, catalogue, language, payload); break;
        case PayloadKind::text: addText(out, catalogue, language, payload); break;
        case PayloadKind::cccd:
            out.add(catalogue.text(language, MessageId::ScanKindCccd));
            if (!cardConsentGiven) {
                out.add(catalogue.text(language, MessageId::ScanCardConsent));
            } else if (!payload.valid()) {
                out.add(catalogue.text(language, MessageId::ScanCardMismatch));
            }
            break;
    }
    return out.take();
}

std::optional<SpokenText> spokenTextFor(const session::CitizenJourney& journey,
                                        const session::CitizenSession& session,
                                        const i18n::Catalogue& catalogue) {
    const Language language = session.language();
    switch (journey.place().screen) {
        case session::Screen::Walkthrough: {
            const auto* walkthrough = journey.walkthrough();
            if (!walkthrough || walkthrough->finished()) return std::nullopt;
            const auto warnings = walkthrough->warnings();
            return SpokenText{
                spokenWalkthroughStep(walkthrough->walkthrough(), walkthrough->current(), warnings, language),
                language, "walkthrough step"};
        }
        case session::Screen::Ticket: {
            const auto& issued = journey.ticket().issued();
            if (journey.ticket().step() != session::TicketStep::Issued || !issued) return std::nullopt;
            return SpokenText{spokenTicket(catalogue, language, *issued), language, "ticket"};
        }
        case session::Screen::Scanner: {
            const auto& scanned = session.scanned();
            if (!scanned) return std::nullopt;
            return SpokenText{spokenScanResult(catalogue, language, *scanned, session.cardConsentGiven()),
                              language, "scan result"};
        }
        default: return std::nullopt;
    }
}

}  // namespace kiosk::speech
