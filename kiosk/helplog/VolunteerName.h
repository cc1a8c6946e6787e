// Volunteer names as the desk shows and compares them. Two names that look the same on screen
// must be the same name: "Lan" and "LAN", "Hòa" typed precomposed or as o + U+0300 (as some
// phone keyboards and spreadsheets send it), or "Lan" with a zero-width space or a bidi mark in
// it. Pure: text in, text out.
//
// Composition is a table for the letters Vietnamese uses (the base letters with circumflex,
// breve, horn and the five tone marks, and đ), not full Unicode NFC: ICU would bring a 30 MB
// library into the kiosk for nicknames of a commune team, and names in other scripts are still
// compared byte for byte after the invisible characters are removed.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::helplog {

// Removes zero-width, bidi-control and other invisible format characters, composes Vietnamese
// letters (NFC for them) and trims spaces. What is stored and shown.
std::string normaliseVolunteerName(std::string_view name);
// normaliseVolunteerName, then lower case (ASCII and Vietnamese letters): two names with the
// same key are the same name.
std::string volunteerNameKey(std::string_view name);

}  // namespace kiosk::helplog
