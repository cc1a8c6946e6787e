// The kiosk's pictograms, drawn with lines in one style (rounded strokes a tenth of the icon's
// side), so every home tile and queue service carries a picture as well as its words: a citizen
// who reads slowly finds "the card one" or "the shield one" again.
#pragma once

#include <imgui.h>

#include "kiosk/helplog/HelpLog.h"
#include "kiosk/session/Place.h"

namespace ui {

enum class Icon {
    IdCard,       // VNeID: an ID card with a face and lines
    QrPayment,    // a QR code beside a coin
    Building,     // public services: the people's committee building
    Shield,       // online safety: a shield with a tick
    Camera,       // scan: a camera frame around a code
    Ticket,       // take a number: a ticket with a notch
    ShoppingBag,  // online shopping
    Phone,        // other local platforms
    ArrowDown,    // "more below" (Noto Sans has no arrow glyphs)
    ArrowUp,
};

Icon iconFor(kiosk::session::Feature feature);
Icon iconFor(kiosk::helplog::Skill skill);

// `icon` in the square of side `side` at `min`, stroked in `color`.
void drawIcon(ImDrawList* draw, Icon icon, ImVec2 min, float side, ImU32 color);

}  // namespace ui
