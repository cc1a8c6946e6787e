// Benchmark (never run by ctest): N pending outbox events (default 100,000, the issue's "weeks
// offline") drained by the real Syncer to a local HTTPS server running in a child process, so the
// figures below are the kiosk side's alone. Prints events/s, wall and CPU time, and the peak RSS
// during the drain (VmHWM reset just before it).
//
//   bench_sync [EVENTS]
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kiosk/store/Database.h"
#include "kiosk/sync/Outbox.h"
#include "kiosk/sync/SyncDiagnostics.h"
#include "kiosk/sync/Syncer.h"
#include "unit/sync/EventServer.h"
#include "unit/sync/TestCertificate.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long statusKb(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
    }
    return -1;
}

void resetPeakRss() {
    std::ofstream("/proc/self/clear_refs") << "5";
}

double seconds(Clock::duration duration) {
    return std::chrono::duration<double>(duration).count();
}

int fail(const std::string& what) {
    std::fprintf(stderr, "bench_sync: %s\n", what.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const int events = argc > 1 ? std::atoi(argv[1]) : 100'000;
    const fs::path dir = fs::temp_directory_path() / ("bench-sync-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto certificate = sync_test::makeCertificate(dir, "server");

    // The server runs in a child forked before this process starts any thread.
    int toServer[2];
    int fromServer[2];
    if (::pipe(toServer) != 0 || ::pipe(fromServer) != 0) return fail("pipe failed");
    const pid_t server = ::fork();
    if (server < 0) return fail("fork failed");
    if (server == 0) {
        sync_test::EventServer eventServer(certificate);
        const std::string port = std::to_string(eventServer.port()) + "\n";
        if (::write(fromServer[1], port.data(), port.size()) < 0) ::_exit(1);
        char command = 0;
        if (::read(toServer[0], &command, 1) < 0) ::_exit(1);  // any byte or EOF: report and quit
        const std::string report = std::to_string(eventServer.events().size()) + " " +
                                   std::to_string(eventServer.deliveries()) + " " +
                                   std::to_string(eventServer.requests().size()) + "\n";
        if (::write(fromServer[1], report.data(), report.size()) < 0) ::_exit(1);
        ::_exit(0);
    }
    char portText[32] = {};
    if (::read(fromServer[0], portText, sizeof portText - 1) <= 0) return fail("the server did not start");
    const std::string url = "https://127.0.0.1:" + std::to_string(std::atoi(portText));

    auto database = kiosk::store::Database::openInDirectory(dir);
    if (!database) return fail(database.error().message);

    // Ticket-sized events (~300 bytes of payload), 1,000 per transaction.
    const auto appendStart = Clock::now();
    const auto at = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (int done = 0; done < events;) {
        const int now = std::min(1000, events - done);
        auto saved = database->transaction([&]() -> kiosk::Status {
            for (int i = 0; i < now; ++i) {
                const int n = done + i;
                auto appended = kiosk::sync::appendEvent(
                    *database, kiosk::sync::kind::kTicketDone,
                    {{"ticket_id", n},
                     {"day", "2026-11-23"},
                     {"label", "A" + std::to_string(100 + n % 900)},
                     {"letter", "A"},
                     {"service", "A"},
                     {"priority", "none"},
                     {"state", "done"},
                     {"desk", "desk-1"},
                     {"calls", 1},
                     {"origin", ""},
                     {"household_key", "hk-5f2a9c0e7b1d4a6f8e3c2b1a0d9e8f7c5f2a9c0e7b1d4a6f"},
                     {"issued_at_ms", at.time_since_epoch().count()},
                     {"called_at_ms", at.time_since_epoch().count() + 240000},
                     {"done_at_ms", at.time_since_epoch().count() + 660000},
                     {"service_ms", 420000}},
                    at + std::chrono::milliseconds(n));
                if (!appended) return appended;
            }
            return kiosk::success();
        });
        if (!saved) return fail(saved.error().message);
        done += now;
    }
    const double appendSeconds = seconds(Clock::now() - appendStart);
    std::printf("appended %d events in %.2f s (%.0f events/s, 1,000 per transaction); database %.1f MB\n",
                events, appendSeconds, events / appendSeconds,
                static_cast<double>(fs::file_size(database->file()) +
                                    fs::file_size(database->file().string() + "-wal")) /
                    1e6);

    kiosk::sync::SyncSettings settings;
    settings.serverUrl = url;
    settings.token = sync_test::kToken;
    settings.kioskId = sync_test::kKioskId;
    settings.databaseFile = database->file();
    settings.caFile = certificate.certificateFile;

    const long rssBefore = statusKb("VmRSS");
    resetPeakRss();
    const double cpuBefore = cpuSeconds();
    const auto drainStart = Clock::now();
    kiosk::sync::Syncer syncer(settings);
    if (auto started = syncer.start(); !started) return fail(started.error().message);
    if (!syncer.waitUntilIdle(std::chrono::minutes(10)))
        return fail("not drained: " + syncer.diagnostics().lastError);
    const double drainSeconds = seconds(Clock::now() - drainStart);
    const double cpu = cpuSeconds() - cpuBefore;
    const long peakRss = statusKb("VmHWM");
    const auto diagnostics = syncer.diagnostics();
    syncer.stop();

    if (::write(toServer[1], "q", 1) != 1) return fail("cannot reach the server process");
    char report[128] = {};
    if (::read(fromServer[0], report, sizeof report - 1) <= 0) return fail("the server did not report");
    int status = 0;
    ::waitpid(server, &status, 0);
    long long unique = 0;
    long long deliveries = 0;
    long long requests = 0;
    std::sscanf(report, "%lld %lld %lld", &unique, &deliveries, &requests);

    std::printf("drained %d events over HTTPS in %.2f s: %.0f events/s, %lld requests\n", events,
                drainSeconds, events / drainSeconds, requests);
    std::printf("kiosk process CPU during the drain: %.2f s (%.0f%% of one core)\n", cpu,
                100.0 * cpu / drainSeconds);
    std::printf("kiosk process RSS: %.1f MB before, peak %.1f MB during the drain\n", rssBefore / 1024.0,
                peakRss / 1024.0);
    std::printf("server: %lld unique events, %lld deliveries; %s\n", unique, deliveries,
                kiosk::sync::formatDiagnosticsLine(diagnostics).c_str());
    fs::remove_all(dir);
    const bool exact = unique == events && diagnostics.pending == 0 && diagnostics.sent == events;
    if (!exact) return fail("not every event arrived exactly once");
    return 0;
}
