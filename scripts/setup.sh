#!/usr/bin/env bash
# Installs what AdsRecommender needs on a fresh Debian machine, idempotently:
#   apt: libgtk-3-0 (OpenCV native library), ffmpeg (sample and test clips), python3-numpy (npy compatibility test)
#   models: face ONNX models into models/, checksums verified
#   --with-azurite: Azurite (npm, pinned in tools/azurite) for the storage tests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
need=()
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} (apt)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash "$root/models/install.sh"
if [ "${1:-}" = "--with-azurite" ] && [ ! -x "$root/tools/azurite/node_modules/.bin/azurite" ]; then
  echo "setup: installing Azurite (npm ci in tools/azurite)" >&2
  (cd "$root/tools/azurite" && npm ci --no-audit --no-fund --loglevel=error)
fi
