#include "kiosk/helplog/HouseholdKey.h"

#include <gtest/gtest.h>

#include <string>

#include "unit/helplog/HelplogTestSupport.h"

using kiosk::helplog::deriveHouseholdKey;

namespace {

// Synthetic ID numbers: valid shape, no real person.
constexpr std::string_view kId = "001234567890";
constexpr std::string_view kOtherId = "001234567891";

}  // namespace

TEST(HouseholdKey, MatchesHmacSha256OfTheIdKeyedWithThePepper) {
    const auto pepper = helplog_test::pepperFrom(0);  // bytes 0..31
    auto household = deriveHouseholdKey(pepper.bytes(), kId);
    ASSERT_TRUE(household.ok()) << household.error().message;
    // python3: hmac.new(bytes(range(32)), b'001234567890', hashlib.sha256).hexdigest()
    EXPECT_EQ(household->key, "31b9fdd881e4aa9826ebcf1f64c0a13213b725308f3fcaa70769c0bbd5507831");
    EXPECT_EQ(household->lastFour, "7890");
}

TEST(HouseholdKey, StableForTheSameIdAndPepper) {
    const auto pepper = helplog_test::pepperFrom(7);
    auto first = deriveHouseholdKey(pepper.bytes(), kId);
    auto second = deriveHouseholdKey(helplog_test::pepperFrom(7).bytes(), kId);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->key, second->key);
}

TEST(HouseholdKey, DifferentAcrossPeppersAndIds) {
    auto base = deriveHouseholdKey(helplog_test::pepperFrom(7).bytes(), kId);
    auto otherPepper = deriveHouseholdKey(helplog_test::pepperFrom(8).bytes(), kId);
    auto otherId = deriveHouseholdKey(helplog_test::pepperFrom(7).bytes(), kOtherId);
    ASSERT_TRUE(base.ok() && otherPepper.ok() && otherId.ok());
    EXPECT_NE(base->key, otherPepper->key);
    EXPECT_NE(base->key, otherId->key);
}

TEST(HouseholdKey, IsLowerCaseHexAndNeverContainsTheId) {
    auto household = deriveHouseholdKey(helplog_test::pepperFrom(3).bytes(), kId);
    ASSERT_TRUE(household.ok());
    EXPECT_EQ(household->key.size(), 64u);
    EXPECT_EQ(household->key.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(household->key.find(kId), std::string::npos);
}

TEST(HouseholdKey, RefusesAnythingButTwelveDigitsWithoutRepeatingIt) {
    const auto pepper = helplog_test::pepperFrom(3);
    for (std::string_view bad :
         {"00123456789", "0012345678901", "00123456789a", "", "0012 3456789", "-01234567890"}) {
        auto household = deriveHouseholdKey(pepper.bytes(), bad);
        ASSERT_FALSE(household.ok()) << bad;
        EXPECT_EQ(household.error().code, "helplog.bad_id");
        if (!bad.empty()) {
            EXPECT_EQ(household.error().message.find(bad), std::string::npos);
        }
    }
}

TEST(HouseholdKey, RefusesAMissingPepper) {
    auto household = deriveHouseholdKey({}, kId);
    ASSERT_FALSE(household.ok());
    EXPECT_EQ(household.error().code, "helplog.bad_pepper");
}
