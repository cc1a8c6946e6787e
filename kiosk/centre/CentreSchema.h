// The centre database's schema: numbered migrations, all applied in one transaction under an
// advisory lock, so `centre init` may run on every terminal at once, again and again, and the
// schema is either fully at the newest version or untouched.
#pragma once

#include "kiosk/Result.h"
#include "kiosk/centre/PgConnection.h"

namespace kiosk::centre {

// The version this build of the kiosk writes and reads.
int latestSchemaVersion();

struct MigrationOutcome {
    int versionBefore = 0;  // 0: a new, empty database
    int versionAfter = 0;
};

// Creates or upgrades the schema. A database newer than this build is refused
// (centre.schema_too_new): an old terminal must never write into a schema it does not know.
Result<MigrationOutcome> migrateCentre(PgConnection& connection);
// The same, stopping at version `upTo`: a database as an older terminal left it, for upgrade tests.
Result<MigrationOutcome> migrateCentre(PgConnection& connection, int upTo);

// The version the database is at (0 when never initialised), without changing anything.
Result<int> centreSchemaVersion(PgConnection& connection);

}  // namespace kiosk::centre
