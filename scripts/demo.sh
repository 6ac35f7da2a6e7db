#!/usr/bin/env bash
# The README's first command: set up, then run the whole pipeline on a sample of real ad-like clips.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
exec dotnet run -c Release --project "$root/src/AdsRecommender.Cli" -- demo --out "${ADSREC_DEMO_OUT:-$root/out/demo}" "$@"
