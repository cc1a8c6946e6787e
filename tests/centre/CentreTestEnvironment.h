// One PostgreSQL 15 server per centre test binary (a GoogleTest global environment started
// before the first test), and a fresh database per test on it, so tests stay independent and
// the suite pays for initdb once. Without the server programs installed the tests skip, naming
// the reason; any other failure to start the server fails the binary.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "kiosk/centre/PgConnection.h"
#include "support/PostgresCluster.h"

namespace testsupport {
class PostgresCluster;
}

namespace centretest {

// This binary's server, for fault tests that stop, restart or freeze it.
testsupport::PostgresCluster& cluster();

class CentreDatabaseTest : public testing::Test {
protected:
    void SetUp() override;

    // A new connection to this test's database; fails the test when it cannot connect.
    kiosk::centre::PgConnection connect();
    // A new connection with the schema migrated.
    kiosk::centre::PgConnection connectMigrated();

    // The server all of this binary's tests share: a test that stops it must start it again.
    testsupport::PostgresCluster& cluster();

    std::string database_;
    std::string connectionString_;  // key=value form
    std::string connectionUri_;     // postgresql:// form, as a config file would hold it
};

}  // namespace centretest
