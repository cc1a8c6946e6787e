// What goes on a paper queue ticket, already localised by the caller (i18n lives in kiosk/).
// The printer code never formats times or numbers itself, so the slip always says exactly what
// the screen said. No personal data: a ticket slip is anonymous.
#pragma once

#include <string>

namespace devices {

struct TicketPrintout {
    std::string commune;          // "UBND xã Tân Phú Đông"
    std::string numberLabel;      // "A012": printed as large as the paper allows
    std::string serviceName;      // "Chứng thực bản sao"
    std::string timeText;         // "08:15 — 23/11/2026"
    std::string peopleAheadText;  // "Còn 4 người trước bạn"
};

}  // namespace devices
