// Whether a [centre] database connection string may be used: libpq must understand it, and a
// server reached over the network needs sslmode=verify-full, so the queue (and later the
// outbox) never travels in clear or to a server that merely claims to be the centre's.
// Parses only (libpq's PQconninfoParse); never connects.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::config {

// nullopt when the connection string is acceptable, else what is wrong and what to do.
// Local means a Unix socket (no host, or a host starting with '/'), localhost, 127.0.0.0/8 or
// ::1, for every host listed.
std::optional<std::string> centreDatabaseProblem(std::string_view connectionString);

}  // namespace kiosk::config
