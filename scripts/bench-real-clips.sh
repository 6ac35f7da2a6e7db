#!/usr/bin/env bash
# Issue #10's real-clip figures, one run after another (never two at once): the whole run against ffmpeg decoding the
# same clips (two threads) on 100, 1,000 and 3,000 rows of the demo's sample clips (each row its own URL), then 12 rows
# over the real videos in ../shared/data/videos, then issue #25's long edited ads of the validation split. Logs go to $ADSREC_BENCH_LOGS (default out/bench-real-clips); prints a table of the
# closing lines with the load average at each start and end. Run it on a quiet machine: the ratios are within one run,
# the times are not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
logs="${ADSREC_BENCH_LOGS:-$root/out/bench-real-clips}"
mkdir -p "$logs"
# the benchmark program, published as the image ships the CLI (linux-x64, ReadyToRun): a build's output compiles more at
# run time. It runs the CLI's pipeline host in its own process (bench/AdsRecommender.RunBench).
echo "publishing adsrec-bench (Release, linux-x64, ReadyToRun) into $logs/bench..." >&2
dotnet publish "$root/bench/AdsRecommender.RunBench" -c Release -o "$logs/bench" -nologo -v q -clp:ErrorsOnly >&2
adsrec=(dotnet "$logs/bench/adsrec-bench.dll" --whole-run)
# the demo clips are built from the shared folder beside the clone, unless one is configured
[ -n "${AdsRecommender__SharedFolder:-}${ADSREC_SHARED_DIR:-}" ] || export AdsRecommender__SharedFolder="$root/../shared"

run() { # name, then bench arguments
  local name="$1"; shift
  local before after
  before="$(cut -d' ' -f1 /proc/loadavg)"
  echo "$name: ${adsrec[*]} $*" >&2
  "${adsrec[@]}" "$@" > "$logs/$name.log" 2>&1 || { echo "$name failed, see $logs/$name.log" >&2; exit 1; }
  after="$(cut -d' ' -f1 /proc/loadavg)"
  echo "$name $before $after $(grep '^whole-run ' "$logs/$name.log")" >> "$logs/table.txt"
}

: > "$logs/table.txt"
run demo-100 --videos 100
run demo-1000 --videos 1000
run demo-3000 --videos 3000
run real-12 --clips "$root/../shared/data/videos" --videos 12
# issue #25: the validation split's long edited ads, exported by ProtocolMeasurement (ADSREC_MEASURE=1 ADSREC_SPLIT=validation)
long_ads="${ADSREC_LONG_ADS_DIR:-${TMPDIR:-/tmp}/adsrec-long-ads/validation}"
if compgen -G "$long_ads/*.mp4" > /dev/null; then
  run long-ads-val --clips "$long_ads" --videos "$(find "$long_ads" -name '*.mp4' | wc -l)"
else
  echo "no long ads in $long_ads: run ProtocolMeasurement on the validation split first (docs/CALIBRATION.md, Edited ads)" >&2
fi

printf '%-10s %6s %9s %8s %11s %9s %6s %6s %6s %9s %9s %9s %-20s %s\n' run videos wall_s ms/video steady_ms ffmpeg_s ratio cpu_s jit_s ffm_cpu_s cpu_ratio peak_MB "RSS_MB_25/50/75/100%" load
while read -r name before after _ videos wall per steady ffmpeg ratio peak marks cpu jit ffcpu cpuratio _floor; do
  printf '%-10s %6s %9s %8s %11s %9s %6s %6s %6s %9s %9s %9s %-20s %s\n' "$name" "${videos#*=}" "${wall#*=}" "${per#*=}" "${steady#*=}" \
    "${ffmpeg#*=}" "${ratio#*=}" "${cpu#*=}" "${jit#*=}" "${ffcpu#*=}" "${cpuratio#*=}" "${peak#*=}" "${marks#*=}" "$before->$after"
done < "$logs/table.txt"
# per video-minute and the share of frames decoded (issue #25)
while read -r name _ _ rest; do
  echo "$name $(grep -o 'video_min=[^ ]*\|cpu_s_per_video_min=[^ ]*\|decoded_share=[^ ]*' <<< "$rest" | tr '\n' ' ')"
done < "$logs/table.txt"
