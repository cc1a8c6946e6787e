// How long a citizen waits for a durable ticket: TicketBook::issue on a real database file (WAL,
// synchronous=FULL: every issue is an fsync'd commit, outbox row included). Prints the median and
// p99 of single issues, the figures the issue asks for, then Google Benchmark's own mean.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "kiosk/Clock.h"
#include "kiosk/queue/TicketBook.h"
#include "kiosk/store/Database.h"

namespace {

namespace fs = std::filesystem;

std::vector<kiosk::queue::Service> services() {
    return {{'A', {"Hỗ trợ VNeID", "VNeID help"}, {kiosk::queue::Skill::PublicServices}},
            {'B', {"Hỗ trợ thanh toán", "Payment help"}, {kiosk::queue::Skill::OnlinePayment}}};
}

fs::path benchDir() {
    const char* base = std::getenv("KIOSK_BENCH_DIR");  // e.g. a folder on the SD card to measure
    const fs::path dir =
        fs::path(base ? base : "/var/tmp") / ("kiosk-ticket-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

void BM_IssueDurableTicket(benchmark::State& state) {
    const fs::path dir = benchDir();
    auto database = kiosk::store::Database::openInDirectory(dir);
    if (!database) {
        state.SkipWithError(database.error().message.c_str());
        return;
    }
    kiosk::SystemWallClock clock;
    kiosk::queue::TicketBook book(*database, services(), clock);
    std::vector<double> micros;
    int issued = 0;  // 999 numbers per letter and day: two letters give room for the 1000 iterations
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        auto ticket = book.issue(issued % 2 == 0 ? 'A' : 'B');
        micros.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        if (!ticket) {
            state.SkipWithError(ticket.error().message.c_str());
            break;
        }
        ++issued;
    }
    std::sort(micros.begin(), micros.end());
    if (!micros.empty()) {
        const double median = micros[micros.size() / 2];
        const double p99 = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
        state.counters["median_us"] = median;
        state.counters["p99_us"] = p99;
        std::fprintf(stderr, "durable ticket issue over %zu tickets in %s: median %.0f us, p99 %.0f us\n",
                     micros.size(), dir.c_str(), median, p99);
    }
    fs::remove_all(dir);
}
BENCHMARK(BM_IssueDurableTicket)->Iterations(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
