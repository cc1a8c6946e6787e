// The one place that decides what looks like personal data in text the kiosk keeps, sends or
// shows (DESIGN.md "Personal data"). Pure. Used by the help-log note, volunteer names (desk and
// wizard), the sync outbox, and the doctor's log tail and error messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

// The longest run of digits in `text`. With `grouped`, one space, dot or dash between digits
// keeps the run going ("0912 345 678", "001.234.567.890"); two in a row ("3 - 4 người") end it.
std::size_t longestDigitRun(std::string_view text, bool grouped);

// Text a person typed (a note, a nickname): an '@' (e-mail) or 4 or more digits in a row, even
// written in groups (a phone, ID or account number), is refused.
bool typedTextLooksPersonal(std::string_view text);

// Machine text (a log line, a server's message): 9 or more digits in a row, the length of an old
// ID (9), a phone (10) or a CCCD (12). Grouped digits are not counted: timestamps and sizes are.
bool containsLongNumber(std::string_view text);
// The same text with each such run replaced by "…".
std::string maskLongNumbers(std::string_view text);

// A value made only of digits and phone punctuation (+ - . ( ) and spaces) with 9 or more digits:
// far more likely an ID or phone number than anything an event field needs.
bool looksLikePersonalNumber(std::string_view text);

}  // namespace kiosk
