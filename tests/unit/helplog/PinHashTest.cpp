#include "kiosk/helplog/PinHash.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "unit/helplog/HelplogTestSupport.h"

using kiosk::helplog::checkPinRules;
using kiosk::helplog::hashPin;
using kiosk::helplog::PinHashCost;
using kiosk::helplog::pinHashNeedsRehash;
using kiosk::helplog::pinMatches;

TEST(PinHash, RoundTrip) {
    const auto pepper = helplog_test::pepperFrom(1);
    auto hash = hashPin("730194", pepper, PinHashCost::cheapestForTests());
    ASSERT_TRUE(hash.ok()) << hash.error().message;
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << "Argon2id, not Argon2i";
    EXPECT_TRUE(pinMatches(*hash, "730194", pepper));
    EXPECT_FALSE(pinMatches(*hash, "730195", pepper));
    EXPECT_FALSE(pinMatches(*hash, "73019", pepper));
    EXPECT_FALSE(pinMatches("", "730194", pepper));
}

TEST(PinHash, DependsOnThePepper) {
    auto hash = hashPin("730194", helplog_test::pepperFrom(1), PinHashCost::cheapestForTests());
    ASSERT_TRUE(hash.ok());
    EXPECT_FALSE(pinMatches(*hash, "730194", helplog_test::pepperFrom(2)));
}

TEST(PinHash, SaltsEveryHash) {
    const auto pepper = helplog_test::pepperFrom(1);
    auto first = hashPin("730194", pepper, PinHashCost::cheapestForTests());
    auto second = hashPin("730194", pepper, PinHashCost::cheapestForTests());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_NE(*first, *second);
    EXPECT_EQ(first->find("730194"), std::string::npos);
}

// The production cost, once, so the suite proves it works; its time is recorded in the XML.
TEST(PinHash, RoundTripWithTheInteractiveCost) {
    const auto pepper = helplog_test::pepperFrom(1);
    auto hash = hashPin("730194", pepper, PinHashCost::interactive());
    ASSERT_TRUE(hash.ok()) << hash.error().message;
    EXPECT_NE(hash->find("m=65536,t=2,p=1"), std::string::npos) << *hash;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(pinMatches(*hash, "730194", pepper));
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    RecordProperty("interactive_verify_ms", static_cast<int>(ms.count()));
    EXPECT_FALSE(pinHashNeedsRehash(*hash, PinHashCost::interactive()));
    EXPECT_TRUE(pinHashNeedsRehash(*hash, PinHashCost::cheapestForTests()));
}

TEST(PinRules, WeakPinsAreRefusedByName) {
    for (std::string_view weak :
         {"000000", "111111", "999999", "123456", "234567", "456789", "012345", "987654", "654321", "543210",
          "121212", "909090", "123123", "520520", "112233", "123321", "147258", "159753"}) {
        kiosk::Status verdict = checkPinRules(weak);
        ASSERT_FALSE(verdict.ok()) << weak;
        EXPECT_EQ(verdict.error().code, "helplog.weak_pin") << weak;
        EXPECT_EQ(verdict.error().message.find(weak), std::string::npos) << "the message repeats the PIN";
    }
}

TEST(PinRules, OnlyExactlySixDigits) {
    for (std::string_view malformed :
         {"", "73019", "7301945", "73O194", "73 194", "７３０１９４", "-73019"}) {
        kiosk::Status verdict = checkPinRules(malformed);
        ASSERT_FALSE(verdict.ok()) << malformed;
        EXPECT_EQ(verdict.error().code, "helplog.pin_format") << malformed;
    }
}

TEST(PinRules, OrdinaryPinsPass) {
    for (std::string_view fine : {"730194", "285714", "604913", "120396", "482916"}) {
        EXPECT_TRUE(checkPinRules(fine).ok()) << fine;
    }
}
