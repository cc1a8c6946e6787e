#!/usr/bin/env bash
# Every check CI runs, in one command (README line 2 and .ci/run call this and nothing else):
#   1. install the Debian packages (packaging/install-deps.sh)
#   2. RelWithDebInfo build of everything in build/ and the full ctest
#   3. ASan + UBSan build of the unit, integration, device and fuzz-replay tests in build-asan/
#   4. TSan build of the threaded tests (storage worker, sync thread, decoder) in build-tsan/
#   5. clang-format check of every C++ file changed since tests/format-baseline.txt was made
# Each phase prints its wall time; the first failure stops the run with a non-zero exit.
#
# Options (environment): KIOSK_CHECKS="deps build asan tsan format" picks phases (default: all);
# KIOSK_JOBS=N build parallelism (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${KIOSK_JOBS:-$(nproc)}
checks=" ${KIOSK_CHECKS:-deps build asan tsan format} "
suppressions=$root/tests/sanitizers

timings=$(mktemp)
ctest_log=$(mktemp)
trap 'rm -f "$timings" "$ctest_log"' EXIT
# ctest, with its closing line kept for the total at the end.
run_ctest() { ctest "$@" 2>&1 | tee -a "$ctest_log"; }
phase() {
    local name=$1
    shift
    echo "=== $name"
    local start=$SECONDS
    "$@"
    printf '%-10s %5d s\n' "$name" $((SECONDS - start)) >>"$timings"
    echo "=== $name done in $((SECONDS - start)) s"
}

install_deps() { bash packaging/install-deps.sh; }

build_and_test() {
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build build -j"$jobs"
    run_ctest --test-dir build --output-on-failure -j2
}

# -O1 keeps sanitizer builds fast to compile and still finds what -O2 finds in our code; no NDEBUG,
# so assert()s are live too.
sanitizer_build() {
    local dir=$1 kind=$2
    shift 2
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
        -DKIOSK_SANITIZE="$kind" -DKIOSK_BUILD_BENCHMARKS=OFF
    cmake --build "$dir" -j"$jobs" --target "$@"
}

asan_targets() {
    local targets=(cli_tests devices_tests printer_tests centre_tests centre_cli_tests)
    for dir in tests/unit/*/; do targets+=("unit_$(basename "$dir")"); done
    for dir in tests/fuzz/corpus/*/; do targets+=("fuzz_replay_$(basename "$dir")"); done
    echo "${targets[@]}"
}

asan_ubsan() {
    # shellcheck disable=SC2046
    sanitizer_build build-asan address $(asan_targets)
    # The SIGKILL campaigns (tests named *Sigkill*) test durability, where a sanitizer adds
    # nothing, against a kill-rate budget set for the optimised build: they run in phase 2.
    local asan="abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
    local lsan="suppressions=$suppressions/lsan.supp:print_suppressions=0"
    local ubsan="print_stacktrace=1:halt_on_error=1"
    ASAN_OPTIONS="detect_leaks=1:$asan" LSAN_OPTIONS="$lsan" UBSAN_OPTIONS="$ubsan" \
        run_ctest --test-dir build-asan --output-on-failure -j2 --no-tests=error \
        -L 'unit|devices|fuzz' -E 'Sigkill'
    # The integration tests run the kiosk binary as a child. In the commands that load the scanner
    # module (OpenCV's threads), LeakSanitizer's own tracer crashes at exit ("Tracer caught signal
    # 11 ... LeakSanitizer has encountered a fatal error"; `scan` twice in a row, `doctor` now and
    # then) before it checks anything: these children run without the leak check, still with ASan
    # and UBSan. The same code's leaks are checked by the unit and device tests above.
    ASAN_OPTIONS="detect_leaks=0:$asan" UBSAN_OPTIONS="$ubsan" \
        run_ctest --test-dir build-asan --output-on-failure -j2 --no-tests=error -L integration -E 'Sigkill'
}

# The tests that start threads: the storage worker and what posts to it (the core, the desk, the
# journey store), the sync thread against a local HTTPS server, the camera and decoder threads.
# The 100,000-event drain and the real-time request count are throughput tests with deadlines
# that TSan's 5-15x slowdown cannot meet; they run in phase 2.
tsan() {
    sanitizer_build build-tsan thread unit_core unit_sync unit_service devices_tests
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$suppressions/tsan.supp" \
        run_ctest --test-dir build-tsan --output-on-failure -j2 --no-tests=error \
        -R '^(BackgroundWorker|SyncerTest|SyncerAnswersTest|KioskCore|DeskResume|StoredJourneyTest|DecodeWorker|FrameSlot|Camera)\.' \
        -E 'HundredThousand|RealTime'
}

format_check() { bash tests/format-check.sh; }

# Each phase runs in a subshell with errexit on: called from `if` or `||`, bash would ignore
# errexit inside the phase and a failed build could be followed by a green ctest.
run() {
    [[ $checks == *" $1 "* ]] || return 0
    local status=0
    set +e
    (
        set -e
        phase "$@"
    )
    status=$?
    set -e
    if ((status != 0)); then
        echo "=== $1 FAILED (exit $status)" >&2
        summary
        exit "$status"
    fi
}
summary() {
    echo "=== wall time per phase"
    cat "$timings"
    # "NN% tests passed, F tests failed out of T" from every ctest run, added up.
    awk '/tests passed, [0-9]+ tests? failed out of/ { failed += $4; total += $NF }
         END { printf "ctest: %d passed, %d failed\n", total - failed, failed }' "$ctest_log"
}

run deps install_deps
run build build_and_test
run asan asan_ubsan
run tsan tsan
run format format_check
summary
