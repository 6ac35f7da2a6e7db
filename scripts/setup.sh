#!/usr/bin/env bash
# Installs what AdsRecommender and its tests need on a new Debian machine, idempotently, and fails loudly otherwise:
#   apt: the run-time native packages for this machine's release (deploy/native-packages/<ID>-<VERSION_CODENAME>, chosen
#        by deploy/native-packages.sh from /etc/os-release as the Dockerfile does: OpenCV's GTK 3, libdrm, libatomic, the
#        ffmpeg program the decoder runs), python3-numpy (npy compatibility test), azure-cli (`az` in the watch test)
#   models: face ONNX models into models/, checksums verified (missing model = failure)
#   --with-azurite: Azurite (npm, pinned in tools/azurite) for the storage tests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "setup: $*" >&2; exit 1; }

# The one place for native run-time packages: one list per release in deploy/native-packages (the image and this machine agree).
native="$(sh "$root/deploy/native-packages.sh")" || fail "no native package list for this release (see above)"
# shellcheck disable=SC2206 # a space-separated package list
packages=($native python3-numpy azure-cli)

# `dpkg -s` succeeds for a removed package whose configuration files remain; only this status means installed.
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
need=()
for p in "${packages[@]}"; do installed "$p" || need+=("$p"); done
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} (apt)" >&2
  $sudo apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
    fail "apt-get install ${need[*]} failed; install them by hand and run again"
  for p in "${need[@]}"; do installed "$p" || fail "$p is still not installed after apt-get install"; done
fi

# Each tool checked as the tests and the product call it.
ffmpeg -hide_banner -version >/dev/null 2>&1 || fail "ffmpeg (on PATH) does not run"
ffprobe -hide_banner -version >/dev/null 2>&1 || fail "ffprobe (on PATH) does not run"
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || fail "/usr/bin/python3 cannot import numpy (Debian python3-numpy)"
AZURE_CORE_COLLECT_TELEMETRY=no az version >/dev/null 2>&1 || fail "az (on PATH, azure-cli) does not run"

bash "$root/models/install.sh" || fail "models could not be installed (see above)"

if [ "${1:-}" = "--with-azurite" ]; then
  command -v node >/dev/null 2>&1 || fail "Node.js is needed for Azurite (apt-get install nodejs npm)"
  if [ ! -x "$root/tools/azurite/node_modules/.bin/azurite" ]; then
    echo "setup: installing Azurite (npm ci in tools/azurite)" >&2
    (cd "$root/tools/azurite" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in tools/azurite failed"
  fi
  "$root/tools/azurite/node_modules/.bin/azurite" --version >/dev/null 2>&1 || fail "Azurite does not run"
fi
