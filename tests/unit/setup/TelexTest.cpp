#include "kiosk/setup/Telex.h"

#include <gtest/gtest.h>

#include <string>

namespace {

std::string typed(std::string_view keys) {
    std::string text;
    for (char key : keys)
        text = kiosk::setup::typeTelex(text, key);
    return text;
}

TEST(Telex, MarksAndTonesMakeVietnameseNames) {
    EXPECT_EQ(typed("Hungf"), "Hùng");
    EXPECT_EQ(typed("Lan"), "Lan");
    EXPECT_EQ(typed("Nguyeenx Thij Thuw"), "Nguyễn Thị Thư");
    EXPECT_EQ(typed("Trung taam phucj vuj hanhf chinhs coong xax An Minh"),
              "Trung tâm phục vụ hành chính công xã An Minh");
    EXPECT_EQ(typed("ddoongf"), "đồng");
    EXPECT_EQ(typed("truongwf"), "trường") << "the horn reaches back over the final consonants";
    EXPECT_EQ(typed("nguowif"), "người");
    EXPECT_EQ(typed("Ddaj"), "Đạ");
}

TEST(Telex, TonePlacementFollowsVietnameseSpelling) {
    EXPECT_EQ(typed("muaf"), "mùa") << "two vowels, no final consonant: the first";
    EXPECT_EQ(typed("hoaf"), "hòa");
    EXPECT_EQ(typed("toans"), "toán") << "a final consonant: the last vowel";
    EXPECT_EQ(typed("ngoaif"), "ngoài") << "three vowels: the middle one";
    EXPECT_EQ(typed("quaf"), "quà") << "qu is a consonant";
    EXPECT_EQ(typed("giaf"), "già") << "gi before a vowel is a consonant";
    EXPECT_EQ(typed("nguowif"), "người") << "a marked vowel takes the tone";
}

TEST(Telex, TheSameKeyAgainUndoesAndTypesTheLetter) {
    EXPECT_EQ(typed("aaa"), "aa");
    EXPECT_EQ(typed("ass"), "as");
    EXPECT_EQ(typed("ddd"), "dd");
    EXPECT_EQ(typed("asz"), "a") << "z takes the tone away";
    EXPECT_EQ(typed("afs"), "á") << "another tone replaces the first";
}

TEST(Telex, KeysWithNothingToMarkAreLetters) {
    EXPECT_EQ(typed("s"), "s");
    EXPECT_EQ(typed("kiosk"), "kíok") << "Telex is for names: ids and paths use the plain keyboard";
    EXPECT_EQ(typed("w"), "ư");
    EXPECT_EQ(typed("x"), "x");
}

}  // namespace
