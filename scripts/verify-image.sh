#!/usr/bin/env bash
# Proves the container image's recipe from the published output alone, without Docker, in bare roots of each Debian
# release given (default: bookworm trixie, Debian 12 with FFmpeg 5.1 and Debian 13 with FFmpeg 7.1): debootstrap
# --variant=minbase (cached outside the repository), the packages the Functions base image carries, then the native
# packages the Dockerfile installs: deploy/native-packages.sh run on the root's own /etc/os-release, as in the build. Then
# the .NET runtime and the `dotnet publish` outputs only (no repository, no ../shared, no AdsRecommender__ModelsDirectory).
# Inside each root the published CLI analyses real clips served from 127.0.0.1 and both CSVs are checked; the Functions
# publish output must carry the same native libraries and models. Negative control, per root: the same root without the
# native packages must fail at start with the self-test's message. Needs root (chroot, mount).
# Usage: bash scripts/verify-image.sh [release...]
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ADSREC_IMAGE_CACHE:-/var/cache/adsrecommender}"
releases=("$@"); [ "${#releases[@]}" -gt 0 ] || releases=(bookworm trixie)
# What the Functions base image already carries for .NET (its own apt list); the Dockerfile adds the native packages on top.
base_packages_for() {
  case "$1" in
    bookworm) echo "ca-certificates libssl3 libicu72 tzdata" ;;
    trixie) echo "ca-certificates libssl3t64 libicu76 tzdata" ;; # the t64 rename (64-bit time_t)
    *) fail "no base package list for release $1 (add it to base_packages_for)" ;;
  esac
}
say() { echo "verify-image [+${SECONDS}s]: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot, mount)"

apt_install_host() { # waits for another apt user's lock instead of failing
  for _ in $(seq 1 60); do
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then return 0; fi
    sleep 5; apt-get update -qq >/dev/null 2>&1 || true
  done
  fail "apt-get install $* did not succeed"
}
command -v debootstrap >/dev/null || { say "installing debootstrap (apt)"; apt-get update -qq >/dev/null 2>&1 || true; apt_install_host debootstrap; }

# The machine's own Debian mirror (no host name in the repository).
mirror="$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1)"
[ -n "$mirror" ] || mirror="$(sed -n 's/^deb \(\[[^]]*\] \)\?\([^ ]*\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | grep -v security | head -1)"
[ -n "$mirror" ] || fail "cannot find this machine's Debian mirror in its apt sources"

mkdir -p "$cache"
# 1. The cached roots per release: base (what the Functions base image has) and base + native packages (what the Dockerfile makes).
build_roots() { # release; sets base, full, native_packages
  local release="$1" base_packages; base_packages="$(base_packages_for "$release")"
  base="$cache/$release-base"
  if [ ! -f "$base/.complete" ]; then
    say "debootstrap --variant=minbase $release (cached in $base; several minutes)"
    rm -rf "$base.tmp"
    debootstrap --variant=minbase "$release" "$base.tmp" "$mirror" >"$cache/debootstrap-$release.log" 2>&1 || fail "debootstrap failed (see $cache/debootstrap-$release.log)"
    chroot "$base.tmp" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $base_packages && apt-get clean" \
      >>"$cache/debootstrap-$release.log" 2>&1 || fail "installing the base image's packages failed (see $cache/debootstrap-$release.log)"
    touch "$base.tmp/.complete" && mv "$base.tmp" "$base"
  fi
  # the Dockerfile's choice: the list for the root's own os-release
  native_packages="$(sh "$root_dir/deploy/native-packages.sh" "$base/etc/os-release")" || fail "no native package list for the $release root"
  say "$release: $(. "$base/etc/os-release"; echo "$PRETTY_NAME"); native packages: $native_packages"
  local key; key="$(echo "$native_packages" | sha256sum | cut -c1-12)"
  full="$cache/$release-native-$key"
  if [ ! -f "$full/.complete" ]; then
    say "installing the native packages into a copy of the $release base root ($full)"
    rm -rf "$full.tmp" && cp -a "$base" "$full.tmp" && rm -f "$full.tmp/.complete"
    chroot "$full.tmp" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $native_packages && apt-get clean" \
      >"$cache/native-$release.log" 2>&1 || fail "apt-get install $native_packages in the $release root failed (see $cache/native-$release.log)"
    touch "$full.tmp/.complete" && mv "$full.tmp" "$full"
  fi
}

# 2. The publish outputs, built outside the repository's folders.
work="$(mktemp -d /tmp/adsrec-verify.XXXXXX)"
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
say "dotnet publish (CLI and Functions app) into $work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish "$root_dir/src/AdsRecommender.Cli" -c Release -o "$work/cli" -nologo -clp:ErrorsOnly >"$work/publish-cli.log" 2>&1 || { cat "$work/publish-cli.log" >&2; fail "CLI publish"; }
dotnet publish "$root_dir/src/AdsRecommender.Functions" -c Release -o "$work/functions" -nologo -clp:ErrorsOnly >"$work/publish-fn.log" 2>&1 || { cat "$work/publish-fn.log" >&2; fail "Functions publish"; }

# 3. The Functions output carries the same native libraries and verified models as the CLI that is run below.
required_models="face_detection_yunet.onnx face_recognition_mobilefacenet_128.onnx"
for out in cli functions; do
  # shellcheck disable=SC2086
  bash "$root_dir/models/install.sh" --check "$work/$out/models" $required_models >/dev/null || fail "$out publish output lacks verified models"
done
for lib in libOpenCvSharpExtern.so libonnxruntime.so; do
  # publish is for linux-x64 with ReadyToRun code (the projects' _IsPublishing group): native libraries sit beside the app
  a="$work/cli/$lib"; b="$work/functions/$lib"
  [ -f "$a" ] && [ -f "$b" ] || fail "$lib missing from a publish output"
  [ "$(sha256sum <"$a")" = "$(sha256sum <"$b")" ] || fail "$lib differs between the CLI and Functions publish outputs"
done
say "Functions publish output carries the same native libraries and the verified models"

# 4. Real clips from ../shared/data on 127.0.0.1, and a CSV naming them.
clips="$root_dir/../shared/data/videos"
[ -d "$clips" ] || fail "no clips in $clips"
mkdir -p "$work/www"
names=(hamilton_full__lin_manuel_miranda.mp4 hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4 hamilton_seg_8.3-10.0s__barack_obama.mp4 obama_whcd__barack_obama.mp4 obama_address__barack_obama.mp4)
for n in "${names[@]}"; do cp "$clips/$n" "$work/www/$n"; done
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break; sleep 0.2; done

run_in() { # root, job name: runs the published CLI inside the root; its exit code goes to $work/<job>.rc
  local r="$1" job="$2"
  local app="/opt/adsrec-$job"
  mkdir -p "$r/proc" "$r$app" "$r/job-$job"
  mount -t proc proc "$r/proc"; mounted+=("$r/proc")
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$r/etc/hosts"
  mkdir -p "$r/usr/share/dotnet/shared"
  cp -a /usr/share/dotnet/dotnet /usr/share/dotnet/host "$r/usr/share/dotnet/"
  cp -a /usr/share/dotnet/shared/Microsoft.NETCore.App /usr/share/dotnet/shared/Microsoft.AspNetCore.App "$r/usr/share/dotnet/shared/"
  cp -a "$work/cli/." "$r$app/"
  { echo "Performance,Video URL"; i=1; for n in "${names[@]}"; do echo "0.$i,http://127.0.0.1:$port/$n"; i=$((i+1)); done; } >"$r/job-$job/ads.csv"
  set +e
  chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TMPDIR=/tmp DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    /usr/share/dotnet/dotnet "$app/adsrec.dll" run "/job-$job/ads.csv" --out "/job-$job/out" --allow-private-network \
    >"$work/$job.out" 2>"$work/$job.err"
  echo $? >"$work/$job.rc"
  set -e
  umount "$r/proc"
}

verify_release() { # release: positive run in base + native packages, negative control in the base root
  local release="$1" rc
  build_roots "$release"
  local pos="$work/root-$release-native" neg="$work/root-$release-base"
  # 5. Positive: the Dockerfile's root analyses and groups the clips.
  cp -a "$full" "$pos"
  say "$release: running the published CLI inside the root with the native packages (${#names[@]} real clips; $(chroot "$pos" ffmpeg -hide_banner -version | head -1))"
  run_in "$pos" "$release-ok"; rc="$(cat "$work/$release-ok.rc")"
  [ "$rc" = 0 ] || { cat "$work/$release-ok.out" "$work/$release-ok.err" >&2; fail "$release: the published CLI exited $rc inside the root with the native packages"; }
  local out="$pos/job-$release-ok/out"
  local pairs="$out/similar_pairs_with_avg_performance.csv" groups="$out/grouped_results.csv"
  [ -f "$pairs" ] && [ -f "$groups" ] || fail "$release: missing result CSVs in $out"
  head -1 "$pairs" | grep -q '^Video 1,Video 2,Similarity,Performance 1,Performance 2,Average Performance' || fail "pairs CSV header: $(head -1 "$pairs")"
  head -1 "$groups" | grep -q '^Group,Videos,Video Count,Average Performance' || fail "groups CSV header: $(head -1 "$groups")"
  # The two Lin-Manuel Miranda clips share a group, and so do the two Obama speeches; nobody is in both.
  grep -E '"?video\(0\);video\(1\)' "$groups" >/dev/null || fail "$release: video(0) and video(1) (same person) not grouped: $(cat "$groups")"
  grep -E 'video\(3\);video\(4\)' "$groups" >/dev/null || fail "$release: video(3) and video(4) (same person) not grouped: $(cat "$groups")"
  grep -E 'video\(0\).*video\(3\)|video\(3\).*video\(0\)' "$pairs" >/dev/null && fail "$release: different people paired: $(cat "$pairs")"
  [ "$(($(wc -l <"$pairs") - 1))" -ge 2 ] || fail "$release: expected at least 2 similar pairs: $(cat "$pairs")"
  tail -n 15 "$work/$release-ok.out" >&2
  say "$release positive: exit 0; $(($(wc -l <"$groups") - 1)) group(s), $(($(wc -l <"$pairs") - 1)) similar pair(s); video(0)+video(1) and video(3)+video(4) grouped"

  # 6. Negative control: the same root without the native packages fails at start, once, with the self-test's message.
  cp -a "$base" "$neg"
  say "$release negative control: the same root without the native packages"
  local requests_before; requests_before="$(wc -l <"$work/http.log")"
  run_in "$neg" "$release-bare"; rc="$(cat "$work/$release-bare.rc")"
  local err="$work/$release-bare.err"
  [ "$rc" = 2 ] || { cat "$work/$release-bare.out" "$err" >&2; fail "$release: expected exit 2 from the self-test without the native packages, got $rc"; }
  grep -q "native library OpenCvSharpExtern" "$err" || fail "$release: self-test message does not name OpenCvSharpExtern: $(cat "$err")"
  # the fix names this release's list, the one the Dockerfile installs
  grep -qF "apt-get install --no-install-recommends $native_packages (deploy/native-packages/debian-$release)" "$err" || fail "$release: self-test message does not give the apt fix: $(cat "$err")"
  # the video decoder (the system's ffmpeg program) is checked on its own, with its fallback named
  grep -q "video decoder: the ffprobe program (FFmpeg) could not be started" "$err" || fail "$release: self-test message does not name the missing ffmpeg program: $(cat "$err")"
  grep -qF "AdsRecommender__Sampling__Decoder=OpenCv" "$err" || fail "$release: self-test message does not name the decoder fallback: $(cat "$err")"
  [ ! -e "$neg/job-$release-bare/out/grouped_results.csv" ] || fail "$release: a run started although the self-test failed"
  [ "$(wc -l <"$work/http.log")" = "$requests_before" ] || fail "$release: videos were downloaded although the self-test failed"
  say "$release negative: exit 2 at start: $(head -c 300 "$err")"
  say "$release negative, decoder: $(grep -o "video decoder: .*" "$err" | head -c 700)"
  mountpoint -q "$pos/proc" || mountpoint -q "$neg/proc" || rm -rf "$pos" "$neg"
}

for release in "${releases[@]}"; do
  started=$SECONDS
  verify_release "$release"
  say "$release passed in $((SECONDS - started)) s"
done
say "passed (${releases[*]}) in ${SECONDS} s"
