// Which terminals of the centre are in touch, for `centre status` and the desk's "kiosk 2
// offline": a terminal not heard from for longer than a threshold is offline (kiosks note their
// contact at every issue and every CentreIssuer::keepInTouch, ~30 s). Also how many tickets each
// kiosk issued from its lease today and pushed late, so a volunteer knows why they arrived late.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/Result.h"
#include "kiosk/centre/PgConnection.h"

namespace kiosk::centre {

inline constexpr std::chrono::seconds kOfflineAfter{90};

struct TerminalHealth {
    std::string id;
    std::string role;
    std::string lastContact;          // as the server prints it, "2026-12-03 16:12:28+07"
    int64_t secondsSilent = 0;        // since the last contact, by the server's clock
    bool offline = false;             // silent for longer than the threshold
    int64_t offlineTicketsToday = 0;  // issued from its lease on `day`, pushed late
};

// Every terminal, by role and id. `day` is the local day "YYYY-MM-DD".
Result<std::vector<TerminalHealth>> terminalHealth(PgConnection& connection, std::string_view day,
                                                   std::chrono::seconds offlineAfter = kOfflineAfter);

}  // namespace kiosk::centre
