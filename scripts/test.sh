#!/usr/bin/env bash
# The README's second command: set up (apt, models, Azurite), build once, run every test project.
# Azurite is started on 127.0.0.1 by the test fixture (tests/AdsRecommender.Testing/AzuriteFixture.cs) on free ports.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --with-azurite || exit 1
export AZURE_CORE_COLLECT_TELEMETRY=no DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build AdsRecommender.sln -c Release -nologo -clp:ErrorsOnly || exit 1
# The native libraries the tests load, checked as built: a library they need and the machine lacks fails here, once.
missing="$(find tests -path '*/bin/Release/*' \( -name 'libOpenCvSharpExtern.so' -o -name 'libonnxruntime.so' \) -path '*linux-x64*' \
  -exec ldd {} \; | grep 'not found' | sort -u)"
[ -z "$missing" ] || { echo "test: native libraries missing (add their package to this release's list in deploy/native-packages/):" >&2; echo "$missing" >&2; exit 1; }
log="$(mktemp)"
dotnet test AdsRecommender.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# One closing line over all test projects: "N passed, N failed, N skipped".
sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$log" |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
rm -f "$log"
exit "$rc"
