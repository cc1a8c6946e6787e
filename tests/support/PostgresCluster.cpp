#include "support/PostgresCluster.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/Process.h"

namespace testsupport {
namespace fs = std::filesystem;

namespace {

// A TCP port nobody listens on now. The server listens only on its Unix socket, whose file is
// named after the port, so the number only has to differ from other servers in the same folder;
// a free one keeps `psql -p` in a bug report unambiguous.
int freePort() {
    const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
    if (probe < 0) return 54321;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 54321;
    if (::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(probe);
    return port;
}

bool runningAsRoot() {
    return ::geteuid() == 0;
}

}  // namespace

std::optional<std::string> PostgresCluster::unavailableReason() {
    for (const char* program : {"initdb", "pg_ctl", "createdb"}) {
        if (::access((fs::path(kBinDir) / program).c_str(), X_OK) != 0) {
            return std::string("PostgreSQL 15 is not installed (no ") + kBinDir + "/" + program +
                   "); packaging/install-deps.sh installs postgresql-15";
        }
    }
    if (runningAsRoot() && !::getpwnam("postgres"))
        return std::string("running as root, but there is no `postgres` user to run the server as");
    return std::nullopt;
}

// PostgreSQL refuses to run as root, so as root every server program runs as `postgres`.
std::optional<std::string> PostgresCluster::runServerProgram(const std::string& program,
                                                             const std::vector<std::string>& args) {
    std::vector<std::string> argv;
    if (runningAsRoot()) argv = {"runuser", "-u", "postgres", "--"};
    argv.push_back((fs::path(kBinDir) / program).string());
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult run = runProcess(argv, {}, std::chrono::seconds(60));
    if (run.exitCode == 0) return std::nullopt;
    return program + " failed (exit " + std::to_string(run.exitCode) + "): " + run.output;
}

std::string PostgresCluster::logTail() const {
    std::ifstream log(dir_ / "server.log");
    std::ostringstream text;
    text << log.rdbuf();
    const std::string all = text.str();
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

std::optional<std::string> PostgresCluster::start(bool durableCommits) {
    if (auto reason = unavailableReason()) return reason;
    // Under /tmp, not TMPDIR: a Unix socket path must stay under 108 bytes.
    char pattern[] = "/tmp/kiosk-pg-XXXXXX";
    if (!::mkdtemp(pattern)) return std::string("cannot make a temporary directory under /tmp");
    dir_ = pattern;
    port_ = freePort();

    // The watchdog cleans up when the pipe's write end closes: in our destructor, or when this
    // process dies in any way. It is forked before anything runs, so it always has a folder to
    // remove.
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) return std::string("cannot make the watchdog pipe");
    const pid_t watchdog = ::fork();
    if (watchdog == 0) {
        ::close(pipeFds[1]);
        char byte;
        while (::read(pipeFds[0], &byte, 1) > 0) {
        }
        if (fs::exists(dir_ / "data" / "postmaster.pid"))
            (void)runServerProgram("pg_ctl",
                                   {"stop", "-D", (dir_ / "data").string(), "-m", "immediate", "-w"});
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
        std::_Exit(0);
    }
    ::close(pipeFds[0]);
    watchdog_ = watchdog;
    watchdogPipe_ = pipeFds[1];

    if (runningAsRoot()) {
        const passwd* server = ::getpwnam("postgres");
        if (::chown(dir_.c_str(), server->pw_uid, server->pw_gid) != 0)
            return "cannot hand " + dir_.string() + " to the postgres user";
    }
    // Trust on the socket only: the folder is the server user's alone (0700), and nothing listens
    // on the network.
    if (auto failed =
            runServerProgram("initdb", {"-D", (dir_ / "data").string(), "-A", "trust", "-U", "postgres", "-E",
                                        "UTF8", "--locale=C", "-N", "--no-instructions"}))
        return failed;
    std::string serverOptions = "-k " + dir_.string() + " -p " + std::to_string(port_) +
                                " -c listen_addresses='' -c max_connections=200";
    if (!durableCommits) serverOptions += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
    serverOptions_ = serverOptions;
    if (auto failed = runServerProgram(
            "pg_ctl", {"start", "-D", (dir_ / "data").string(), "-l", (dir_ / "server.log").string(), "-w",
                       "-t", "60", "-o", serverOptions}))
        return *failed + "\nserver log:\n" + logTail();
    return std::nullopt;
}

PostgresCluster::~PostgresCluster() {
    if (watchdogPipe_ >= 0) ::close(watchdogPipe_);
    if (watchdog_ > 0) ::waitpid(watchdog_, nullptr, 0);
}

std::string PostgresCluster::connectionString(const std::string& database) const {
    return "host=" + dir_.string() + " port=" + std::to_string(port_) + " user=postgres dbname=" + database;
}

std::string PostgresCluster::connectionUri(const std::string& database) const {
    return "postgresql://postgres@/" + database + "?host=" + dir_.string() + "&port=" + std::to_string(port_);
}

std::optional<std::string> PostgresCluster::createDatabase(const std::string& name) {
    const ProcessResult run = runProcess({(fs::path(kBinDir) / "createdb").string(), "-h", dir_.string(),
                                          "-p", std::to_string(port_), "-U", "postgres", name},
                                         {}, std::chrono::seconds(60));
    if (run.exitCode == 0) return std::nullopt;
    return "createdb " + name + " failed (exit " + std::to_string(run.exitCode) + "): " + run.output;
}

std::optional<std::string> PostgresCluster::stopImmediately() {
    return runServerProgram("pg_ctl", {"stop", "-D", (dir_ / "data").string(), "-m", "immediate", "-w"});
}

std::optional<std::string> PostgresCluster::startAgain() {
    if (auto failed = runServerProgram(
            "pg_ctl", {"start", "-D", (dir_ / "data").string(), "-l", (dir_ / "server.log").string(), "-w",
                       "-t", "60", "-o", serverOptions_}))
        return *failed + "\nserver log:\n" + logTail();
    return std::nullopt;
}

}  // namespace testsupport
