// Pure: the one line every scan result opens with, and its colour, so a citizen who reads
// nothing else still knows what to do: red "Do not open" for a look-alike or unknown link, amber
// for a payment code with a problem, green for a well-formed VietQR code ("check the recipient's
// name in your bank app"). The scan screen and the voice both start with it.
#pragma once

#include "kiosk/i18n/MessageId.h"
#include "kiosk/scan/ScanPayload.h"

namespace kiosk::scan {

enum class VerdictLevel { Danger, Caution, Safe, Neutral };

struct ScanVerdict {
    VerdictLevel level = VerdictLevel::Neutral;
    i18n::MessageId headline;
};

ScanVerdict verdictFor(const ScanPayload& payload);

}  // namespace kiosk::scan
