// Pure: no I/O. The rule the scan screen's look-alike warning follows: a scanned web address
// "looks like an impostor" when it pretends to be a site it is not - a name made to resemble an
// official or bank site, letters from other scripts drawn like Latin ones, a "user@host" trick,
// or a host disguised with Unicode or %-escapes. ScannedUrl finds these signs; this decides which
// of them the citizen is warned about, so the screen only asks.
#pragma once

#include <array>
#include <string_view>

#include "kiosk/scan/ScanPayload.h"

namespace kiosk::scan {

// The ScannedUrl problem codes that make a link an impostor (see ScannedUrl.h).
inline constexpr std::array<std::string_view, 7> kImpostorSigns = {
    "official_name_lookalike", "bank_name_lookalike", "confusable_characters", "mixed_scripts",
    "userinfo_trick",          "unicode_host",        "encoded_host",
};

// True when `payload` is a web address showing any impostor sign; false for every other kind.
bool looksLikeImpostor(const ScanPayload& payload);

}  // namespace kiosk::scan
