#include "centre/CentreTestEnvironment.h"

#include <memory>
#include <optional>
#include <stdexcept>

#include "kiosk/centre/CentreSchema.h"
#include "support/PostgresCluster.h"

namespace centretest {
namespace {

std::unique_ptr<testsupport::PostgresCluster> gCluster;
std::optional<std::string> gUnavailable;

class ClusterEnvironment : public testing::Environment {
public:
    void SetUp() override {
        gUnavailable = testsupport::PostgresCluster::unavailableReason();
        if (gUnavailable) return;
        gCluster = std::make_unique<testsupport::PostgresCluster>();
        if (auto failed = gCluster->start()) FAIL() << "the test PostgreSQL did not start: " << *failed;
    }
    void TearDown() override { gCluster.reset(); }
};

[[maybe_unused]] testing::Environment* const gRegistered =
    testing::AddGlobalTestEnvironment(new ClusterEnvironment);

}  // namespace

testsupport::PostgresCluster& cluster() {
    return *gCluster;
}

void CentreDatabaseTest::SetUp() {
    if (gUnavailable) GTEST_SKIP() << *gUnavailable;
    ASSERT_TRUE(gCluster) << "the test PostgreSQL is not running";
    static int counter = 0;
    database_ = "test_" + std::to_string(++counter);
    if (auto failed = gCluster->createDatabase(database_)) FAIL() << *failed;
    connectionString_ = gCluster->connectionString(database_);
    connectionUri_ = gCluster->connectionUri(database_);
}

testsupport::PostgresCluster& CentreDatabaseTest::cluster() {
    return *gCluster;
}

kiosk::centre::PgConnection CentreDatabaseTest::connect() {
    auto connection = kiosk::centre::PgConnection::open(connectionString_);
    // GoogleTest reports an exception from a test body as that test's failure, with the message.
    if (!connection) throw std::runtime_error(connection.error().message);
    return std::move(connection).value();
}

kiosk::centre::PgConnection CentreDatabaseTest::connectMigrated() {
    auto connection = connect();
    auto migrated = kiosk::centre::migrateCentre(connection);
    EXPECT_TRUE(migrated.ok()) << migrated.error().message;
    return connection;
}

}  // namespace centretest
