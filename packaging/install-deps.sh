#!/usr/bin/env bash
# The one list of Debian 12 packages commune-kiosk builds, runs and tests with.
# Installs only what is missing, so a second run costs a dpkg query and nothing else.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake pkg-config git
    # window, GL, UI
    libsdl2-dev libimgui-dev libstb-dev libgl-dev libgl1-mesa-dri fonts-noto-core
    # camera and decoding: only the OpenCV components we use (the meta package pulls Qt and VTK)
    libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-videoio-dev
    libzxing-dev
    # the voice: espeak-ng (its Vietnamese and English voices come with espeak-ng-data)
    libespeak-ng-dev
    # storage, config, formats, crypto, network, logging, command line
    libsqlite3-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
    libsodium-dev libcurl4-openssl-dev libsystemd-dev
    # centre mode: libpq to talk to the centre's PostgreSQL, and the server the tests start
    libpq-dev postgresql-15
    # tests and benchmarks
    googletest libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev libssl-dev
    xvfb xauth
    # format check in CI (tests/format-check.sh), and libFuzzer builds (tests/fuzz/README.md);
    # gcc's ASan/UBSan/TSan runtimes come with build-essential
    clang-format clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
