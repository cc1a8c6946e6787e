#include "kiosk/helplog/VolunteerName.h"

#include <gtest/gtest.h>

#include <string>

using kiosk::helplog::normaliseVolunteerName;
using kiosk::helplog::volunteerNameKey;

// Issue #16 item 11: look-alike names (case, decomposed letters, invisible characters) could
// both be added, and a volunteer could not tell which button was theirs.
TEST(VolunteerName, ComposesVietnameseLettersAndDropsInvisibleCharacters) {
    struct Case {
        const char* typed;
        const char* stored;
    };
    const Case cases[] = {
        {"Ho\u0300a", "Hòa"},                         // o + grave
        {"Nguye\u0302\u0303n", "Nguyễn"},             // e + circumflex + tilde
        {"Nguye\u0303\u0302n", "Nguy\u1EBD\u0302n"},  // the other way round is not ễ (NFC agrees)
        {"Vie\u0323\u0302t", "Việt"},                 // dot below first, as NFD orders it
        {"Tu\u031B\u0300", "Từ"},                     // u + horn + grave
        {"\u0110a\u0306ng", "Đăng"},                  // Đ has no decomposition; a + breve
        {"L\u200Ban", "Lan"},                         // zero-width space
        {"\u202ELan\u202C", "Lan"},                   // right-to-left override
        {"\uFEFFMinh\u2060 ", "Minh"},                // BOM, word joiner, trailing space
        {"Ma\u0301y", "Máy"},
        {"Anna", "Anna"},
        {"Zoë", "Zoë"},  // not Vietnamese: left as typed
    };
    for (const auto& c : cases)
        EXPECT_EQ(normaliseVolunteerName(c.typed), c.stored) << c.typed;
}

TEST(VolunteerName, KeysAreEqualForNamesThatLookAlike) {
    EXPECT_EQ(volunteerNameKey("LAN"), volunteerNameKey("lan"));
    EXPECT_EQ(volunteerNameKey("HÒA"), volunteerNameKey("ho\u0300a"));
    EXPECT_EQ(volunteerNameKey("ĐỨC"), volunteerNameKey("đức"));
    EXPECT_EQ(volunteerNameKey("Ư\u200D"), volunteerNameKey("ư"));
    EXPECT_NE(volunteerNameKey("Hòa"), volunteerNameKey("Hoa")) << "a tone mark is a different name";
    EXPECT_NE(volunteerNameKey("Lan"), volunteerNameKey("Lân"));
}
