#!/usr/bin/env bash
# alertdrill's one entry point for a fresh Debian 12 machine:
#   scripts/bootstrap.sh run    install what is missing, build, start the GUI (terminal player without a display)
#   scripts/bootstrap.sh test   install what is missing, build, run every test
#   scripts/bootstrap.sh build  install what is missing and build only
# Re-running is cheap: packages already present are skipped and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${ALERTDRILL_BUILD_DIR:-$ROOT/build}
mode=${1:-run}
shift || true

PACKAGES=(build-essential cmake pkg-config ninja-build
  libtomlplusplus-dev nlohmann-json3-dev catch2 libcli11-dev libfmt-dev
  libimgui-dev libglfw3-dev libgl-dev libstb-dev fonts-dejavu-core
  libsqlite3-dev libcurl4-openssl-dev libre2-dev
  xvfb xauth xdotool imagemagick nodejs npm clang libclang-rt-14-dev chromium curl jq)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # A machine may carry node/npm from elsewhere (not dpkg): accept those.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local keep=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || keep+=("$p"); done
    missing=("${keep[@]}")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_oracles() {
  # npm packages used only as test oracles (tests/oracles/<name>/package.json); installed once
  # per machine, skipped when present.
  local dir
  for dir in tests/oracles/*/; do
    [ -f "$dir/package.json" ] || continue
    [ -f "$dir/node_modules/.installed" ] && continue
    echo "bootstrap: installing npm test oracle $dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
  done
}

build() {
  local gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  fi
  cmake --build "$BUILD" -j "$(nproc)"
}

case "$mode" in
  run)
    install_packages
    build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$BUILD/alertdrill" gui "$@"
    else
      echo "bootstrap: no display; starting the terminal player"
      exec "$BUILD/alertdrill" play "${1:-scenarios/crypto_mining_vm.toml}"
    fi
    ;;
  test)
    install_packages
    install_oracles
    build
    status=0
    # Sanitizers and bounded fuzzing first, so ctest's summary is the closing line.
    # ALERTDRILL_QUICK=1 skips both (for a fast local loop); fuzzing makes a fixed number of runs
    # from a fixed seed unless FUZZ_SECONDS asks for timed, randomly seeded runs.
    if [ "${ALERTDRILL_QUICK:-0}" != 1 ]; then
      echo "bootstrap: AddressSanitizer + UBSan run of the test suite"
      scripts/sanitize.sh || status=1
      echo "bootstrap: fuzzing each loader and the KQL parser (FUZZ_SECONDS=N for timed runs)"
      scripts/fuzz.sh || status=1
    fi
    (cd "$BUILD" && ctest --output-on-failure -j "$(nproc)" "$@") || status=1
    exit $status
    ;;
  build)
    install_packages
    build "$@"
    ;;
  *)
    echo "usage: scripts/bootstrap.sh run|test|build" >&2
    exit 2
    ;;
esac
