#!/bin/sh
# Prints the native run-time packages for a distribution release: the list in deploy/native-packages/<ID>-<VERSION_CODENAME>,
# with ID and VERSION_CODENAME read from an os-release file (default /etc/os-release). The Dockerfile, scripts/setup.sh and
# scripts/verify-image.sh call this; the app's start-up self-test reads the same lists (embedded at build) for its fix.
# Usage: sh deploy/native-packages.sh [os-release file]     Exit 1 naming the missing list for an unknown release.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
release_file="${1:-/etc/os-release}"
[ -r "$release_file" ] || { echo "native-packages: cannot read $release_file" >&2; exit 1; }
ID=""; VERSION_CODENAME=""
# shellcheck disable=SC1090 # os-release is shell assignments by definition (os-release(5))
. "$release_file"
list="$here/native-packages/$ID-$VERSION_CODENAME"
[ -f "$list" ] || {
  echo "native-packages: no package list for $ID $VERSION_CODENAME (${PRETTY_NAME:-?}); add $list naming the packages for GTK 3, libdrm, libatomic and the ffmpeg program (see the others in that folder)" >&2
  exit 1
}
grep -v '^#' "$list" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
echo
