#include "kiosk/scan/ScanVerdict.h"

#include "kiosk/scan/LinkVerdict.h"

namespace kiosk::scan {

using i18n::MessageId;

ScanVerdict verdictFor(const ScanPayload& payload) {
    switch (payload.kind) {
        case PayloadKind::url: {
            const auto& url = std::get<ScannedUrl>(payload.value);
            // Only a real government address over HTTPS is not red: any other link in a code is one
            // the citizen cannot check, and scams start with exactly such links.
            if (looksLikeImpostor(payload) || !url.government || url.shortener)
                return {VerdictLevel::Danger, MessageId::ScanVerdictDoNotOpen};
            if (!url.https) return {VerdictLevel::Caution, MessageId::ScanVerdictGovernmentInsecure};
            return {VerdictLevel::Safe, MessageId::ScanVerdictGovernment};
        }
        case PayloadKind::vietqr:
            if (!payload.valid()) return {VerdictLevel::Caution, MessageId::ScanVerdictPaymentDamaged};
            return {VerdictLevel::Safe, MessageId::ScanVerdictPaymentWellFormed};
        case PayloadKind::emv:
            if (!payload.valid()) return {VerdictLevel::Caution, MessageId::ScanVerdictPaymentDamaged};
            return {VerdictLevel::Caution, MessageId::ScanVerdictOtherScheme};
        case PayloadKind::cccd:
            if (!payload.valid()) return {VerdictLevel::Caution, MessageId::ScanVerdictCardMismatch};
            return {VerdictLevel::Neutral, MessageId::ScanVerdictCard};
        case PayloadKind::text: return {VerdictLevel::Neutral, MessageId::ScanVerdictText};
    }
    return {VerdictLevel::Neutral, MessageId::ScanVerdictText};
}

}  // namespace kiosk::scan
