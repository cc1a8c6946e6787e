#include "kiosk/centre/CentreTicket.h"

#include <cstdio>

namespace kiosk::centre {

std::string CentreTicket::label() const {
    char text[16];
    std::snprintf(text, sizeof text, "%c%03d", letter, number);
    return text;
}

}  // namespace kiosk::centre
