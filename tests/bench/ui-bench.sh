#!/usr/bin/env bash
# Measures the running kiosk as a person would leave it: start to first frame, CPU used while
# it sits on the attract screen for 10 s, and peak RSS. Needs Xvfb; never part of ctest.
#   tests/bench/ui-bench.sh [BUILD_DIR] [WxH]
set -euo pipefail
build=${1:-build}
size=${2:-1920x1080}
binary="$build/ui/commune-kiosk"
[[ -x $binary ]] || { echo "ui-bench: build first ($binary missing)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill $kiosk $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [[ -s $work/display ]] && break; sleep 0.05; done
export DISPLAY=":$(head -n1 "$work/display")"

"$binary" --windowed "$size" --data-dir "$work/data" 2>"$work/log" &
kiosk=$!
for _ in $(seq 100); do grep -q "first frame shown" "$work/log" && break; sleep 0.05; done
first=$(grep -o 'first frame shown [0-9]* ms' "$work/log" | grep -o '[0-9]*')
sleep 2  # let start-up work finish before measuring idle

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$kiosk/stat"; }
before=$(cpu)
sleep 10
after=$(cpu)
idle=$(awk -v t="$((after - before))" -v hz="$ticks" 'BEGIN { printf "%.2f", 100 * t / hz / 10 }')
rss=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$kiosk/status")

echo "window:                 $size under Xvfb (Mesa llvmpipe)"
echo "start to first frame:   ${first} ms   (goal <= 1000 ms)"
echo "idle CPU on attract:    ${idle} % of one core over 10 s   (goal <= 1 %)"
echo "peak RSS:               ${rss} MB   (goal <= 120 MB)"
