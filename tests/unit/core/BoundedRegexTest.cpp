// Text from outside that reaches a std::regex: libstdc++ recursed once per character, and 100 KB
// in one config value or line overflowed the stack (exit 139) instead of being refused.
#include "kiosk/BoundedRegex.h"

#include <string>

#include <gtest/gtest.h>

#include "kiosk/config/KioskConfig.h"
#include "kiosk/diag/SupportBundle.h"
#include "kiosk/setup/SetupForm.h"

namespace kiosk {
namespace {

const std::string kLong(200'000, 'a');

TEST(BoundedRegex, MatchesUpToTheLimitAndRefusesLonger) {
    static const std::regex kLetters("a+");
    EXPECT_TRUE(boundedRegexMatch(std::string(kMaxRegexInput, 'a'), kLetters));
    EXPECT_FALSE(boundedRegexMatch(std::string(kMaxRegexInput + 1, 'a'), kLetters));
    EXPECT_FALSE(boundedRegexMatch(kLong, kLetters));
}

TEST(BoundedRegex, AHugePrinterAddressInTheConfigIsRefusedNotACrash) {
    for (const std::string& device : {"file:/" + kLong, "tcp:" + kLong + ":9100"}) {
        const auto config = config::parseConfig("[printer]\ndevice = \"" + device + "\"\n", "kiosk.toml");
        ASSERT_FALSE(config);
        EXPECT_EQ(config.error().code, "config.bad_value");
    }
    EXPECT_TRUE(config::parseConfig("[printer]\ndevice = \"file:/var/spool/ticket.bin\"\n", "kiosk.toml"));
}

TEST(BoundedRegex, TheSetupWizardRefusesHugeAddresses) {
    EXPECT_TRUE(setup::checkPrinterAddress("file:/" + kLong));
    EXPECT_FALSE(setup::checkServer("https://" + kLong, "token").empty());
}

TEST(BoundedRegex, ASupportBundleHidesAHugeLineOfABrokenConfig) {
    const std::string redacted = diag::redactConfig("[kiosk\nid = \"" + kLong + "\"\n");
    EXPECT_NE(redacted.find("# line 2 hidden"), std::string::npos);
    EXPECT_EQ(redacted.find(kLong), std::string::npos);
}

}  // namespace
}  // namespace kiosk
