// Which [centre] database strings a terminal accepts: anything libpq understands on this
// machine, and over the network only with sslmode=verify-full. No server needed.
#include <gtest/gtest.h>

#include <string>

#include "kiosk/config/CentreAddress.h"
#include "kiosk/config/KioskConfig.h"

using kiosk::config::centreDatabaseProblem;

namespace {

struct Case {
    const char* connectionString;
    bool accepted;
};

class CentreAddress : public testing::TestWithParam<Case> {};

}  // namespace

TEST_P(CentreAddress, LocalOrVerifiedTlsOnly) {
    const auto problem = centreDatabaseProblem(GetParam().connectionString);
    EXPECT_EQ(!problem, GetParam().accepted) << GetParam().connectionString << ": " << problem.value_or("");
}

INSTANTIATE_TEST_SUITE_P(
    Table, CentreAddress,
    testing::Values(
        // Local: the default socket, a socket folder, localhost, loopback addresses.
        Case{"postgresql:///kiosk", true}, Case{"postgresql://kiosk@/kiosk?host=/run/postgresql", true},
        Case{"host=/tmp/pg port=5433 dbname=kiosk", true}, Case{"postgresql://localhost/kiosk", true},
        Case{"postgresql://127.0.0.1:5432/kiosk", true}, Case{"postgresql://[::1]/kiosk", true},
        Case{"dbname=kiosk", true},
        // Remote: only with the certificate checked against the server's name.
        Case{"postgresql://kiosk@centre.lan/kiosk?sslmode=verify-full", true},
        Case{"host=10.0.0.5 dbname=kiosk sslmode=verify-full", true},
        Case{"postgresql://kiosk@centre.lan/kiosk", false},
        Case{"postgresql://kiosk@centre.lan/kiosk?sslmode=require", false},
        Case{"postgresql://kiosk@centre.lan/kiosk?sslmode=verify-ca", false},
        Case{"host=10.0.0.5 dbname=kiosk", false}, Case{"hostaddr=10.0.0.5 dbname=kiosk", false},
        Case{"host=localhost,centre.lan dbname=kiosk", false},
        Case{"postgresql://localhost.evil.example/kiosk", false},
        // Not a connection string at all.
        Case{"", false}, Case{"postgresql://kiosk@centre.lan/kiosk?nonsense=1", false},
        Case{"just words", false}));

TEST(CentreConfig, ARemoteDatabaseWithoutVerifyFullIsRefusedWithFileAndLine) {
    auto config = kiosk::config::parseConfig(
        "[kiosk]\nid = \"kiosk-2\"\n[centre]\ndatabase = \"postgresql://kiosk@centre.lan/kiosk\"\n",
        "kiosk.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().code, "config.bad_value");
    EXPECT_NE(config.error().message.find("kiosk.toml:4: "), std::string::npos) << config.error().message;
    EXPECT_NE(config.error().message.find("sslmode=verify-full"), std::string::npos)
        << config.error().message;
}

TEST(CentreConfig, TheDatabaseIsReadAndUnknownKeysAreRefused) {
    auto config = kiosk::config::parseConfig(
        "[centre]\ndatabase = \"postgresql://kiosk@centre.lan/kiosk?sslmode=verify-full\"\n", "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->centre.database, "postgresql://kiosk@centre.lan/kiosk?sslmode=verify-full");

    auto none = kiosk::config::parseConfig("[kiosk]\nid = \"k\"\n", "kiosk.toml");
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->centre.database, "");

    auto typo = kiosk::config::parseConfig("[centre]\ndatabse = \"postgresql:///kiosk\"\n", "kiosk.toml");
    ASSERT_FALSE(typo.ok());
    EXPECT_EQ(typo.error().code, "config.unknown_key");
}

TEST(CentreConfig, TheSharedHouseholdPepperIsAnAbsolutePath) {
    auto config = kiosk::config::parseConfig(
        "[centre]\ndatabase = \"postgresql:///kiosk\"\nhousehold_pepper = "
        "\"/etc/commune-kiosk/centre.key\"\n",
        "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    ASSERT_TRUE(config->centre.householdPepper.has_value());
    EXPECT_EQ(*config->centre.householdPepper, "/etc/commune-kiosk/centre.key");

    auto none = kiosk::config::parseConfig("[centre]\ndatabase = \"postgresql:///kiosk\"\n", "kiosk.toml");
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->centre.householdPepper.has_value());

    auto relative = kiosk::config::parseConfig(
        "[centre]\ndatabase = \"postgresql:///kiosk\"\nhousehold_pepper = \"centre.key\"\n", "kiosk.toml");
    ASSERT_FALSE(relative.ok());
    EXPECT_EQ(relative.error().code, "config.bad_value");
    EXPECT_NE(relative.error().message.find("kiosk.toml:3: "), std::string::npos) << relative.error().message;
}
