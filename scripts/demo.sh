#!/usr/bin/env bash
# The README's first command: set up, then run the whole pipeline on a sample of real ad-like clips.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
echo "building adsrec (Release)..." >&2
dotnet build "$root/src/AdsRecommender.Cli" -c Release -nologo -v q -clp:ErrorsOnly >&2
# the sample photos: the shared folder beside the clone, unless one is configured (the program does not look for it)
[ -n "${AdsRecommender__SharedFolder:-}${ADSREC_SHARED_DIR:-}" ] || export AdsRecommender__SharedFolder="$root/../shared"
exec dotnet run --no-build -c Release --project "$root/src/AdsRecommender.Cli" -- demo --out "${ADSREC_DEMO_OUT:-$root/out/demo}" "$@"
