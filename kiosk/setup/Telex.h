// Pure: Vietnamese letters from a plain keyboard, the Telex way every Vietnamese typist knows:
// aa→â, aw→ă, ee→ê, oo→ô, ow→ơ, uw→ư, dd→đ, and tone keys after the word's vowels: s sắc,
// f huyền, r hỏi, x ngã, j nặng, z removes the tone. Typing the same key again undoes it and
// leaves the letter ("aaa" → "aa", "as" + "s" → "as"). The on-screen keyboard of the setup wizard
// and the volunteer roster types names and the centre's name through it; the result is NFC.
//
//   std::string name;
//   for (char key : std::string_view("Hungf")) name = typeTelex(name, key);   // "Hùng"
#pragma once

#include <string>
#include <string_view>

namespace kiosk::setup {

// `text` with `key` typed at its end.
std::string typeTelex(std::string_view text, char key);

}  // namespace kiosk::setup
