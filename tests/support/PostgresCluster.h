// A throwaway PostgreSQL 15 server for tests, from Debian's postgresql-15 package: initdb into a
// new directory under /tmp, listening only on a Unix socket in that directory (on a free port
// number), stopped with `pg_ctl -m immediate` and removed when the object goes. As root (CI) the
// server runs as the `postgres` user, which PostgreSQL requires.
//
// A watchdog child process stops and removes the server when the test process ends in any way
// (a crash, an abort, a sanitizer report), so no server outlives its test binary.
//
// Usage (one cluster per test binary, see tests/centre/CentreTestEnvironment.h):
//   testsupport::PostgresCluster cluster;
//   if (auto why = cluster.start()) FAIL() << *why;
//   std::string conninfo = cluster.connectionString("postgres");
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

class PostgresCluster {
public:
    // Where Debian installs the server programs.
    static constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";

    // Why no cluster can be started here (the server programs are not installed), or nullopt.
    static std::optional<std::string> unavailableReason();

    PostgresCluster() = default;
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // initdb and start; nullopt on success, else what failed (with the server log's tail).
    // Tests skip fsync (nothing survives an OS crash anyway); a benchmark that wants a real
    // server's commit cost passes `durableCommits`.
    std::optional<std::string> start(bool durableCommits = false);
    // A libpq key=value connection string for `database` as the superuser `postgres`.
    std::string connectionString(const std::string& database) const;
    // The same as a postgresql:// URI (socket directory percent-encoded as the host).
    std::string connectionUri(const std::string& database) const;
    // A new empty database; nullopt on success, else what failed.
    std::optional<std::string> createDatabase(const std::string& name);

    // A server crash and its return, for reconnection tests: `pg_ctl stop -m immediate` (every
    // connection is cut, nothing is shut down cleanly), then the same server started again on
    // the same socket and port. nullopt on success, else what failed.
    std::optional<std::string> stopImmediately();
    std::optional<std::string> startAgain();

private:
    std::optional<std::string> runServerProgram(const std::string& program,
                                                const std::vector<std::string>& args);
    std::string logTail() const;

    std::filesystem::path dir_;  // socket directory; data in dir_/data, log in dir_/server.log
    int port_ = 0;
    std::string serverOptions_;  // what start() ran the server with, for startAgain()
    pid_t watchdog_ = -1;
    int watchdogPipe_ = -1;  // closing it (or our death) tells the watchdog to clean up
};

}  // namespace testsupport
