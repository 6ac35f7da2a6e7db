#!/usr/bin/env bash
# Proves the container image's recipe from the published output alone, without Docker: a bare Debian root of the base
# image's release (debootstrap --variant=minbase, cached outside the repository), the Dockerfile's NATIVE_PACKAGES,
# the .NET runtime and the `dotnet publish` outputs only (no repository, no ../shared, no AdsRecommender__ModelsDirectory). Inside it
# the published CLI analyses real clips served from 127.0.0.1 and both CSVs are checked; the Functions publish output
# must carry the same native libraries and models. Negative control: the same root without NATIVE_PACKAGES must fail at
# start with the self-test's message. Needs root (chroot, mount).  Usage: bash scripts/verify-image.sh
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ADSREC_IMAGE_CACHE:-/var/cache/adsrecommender}"
release="${ADSREC_IMAGE_RELEASE:-bookworm}" # Debian release of the Dockerfile's base image (see its header)
# What the Functions base image already carries for .NET (its own apt list); the Dockerfile adds NATIVE_PACKAGES on top.
base_image_packages="${ADSREC_BASE_PACKAGES:-ca-certificates libssl3 libicu72 tzdata}" # bookworm names
say() { echo "verify-image [+${SECONDS}s]: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot, mount)"

native_packages="$(sed -n 's/^ARG NATIVE_PACKAGES="\([^"]*\)"$/\1/p' "$root_dir/Dockerfile")"
[ -n "$native_packages" ] || fail "no ARG NATIVE_PACKAGES=\"...\" line in the Dockerfile"
say "NATIVE_PACKAGES from the Dockerfile: $native_packages"

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
# 1. The cached roots: base (what the Functions base image has) and base + NATIVE_PACKAGES (what the Dockerfile makes).
base="$cache/$release-base"
if [ ! -f "$base/.complete" ]; then
  say "debootstrap --variant=minbase $release (cached in $base)"
  rm -rf "$base.tmp"
  debootstrap --variant=minbase "$release" "$base.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 || fail "debootstrap failed (see $cache/debootstrap.log)"
  chroot "$base.tmp" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $base_image_packages && apt-get clean" \
    >>"$cache/debootstrap.log" 2>&1 || fail "installing the base image's packages failed (see $cache/debootstrap.log)"
  touch "$base.tmp/.complete" && mv "$base.tmp" "$base"
fi
key="$(echo "$native_packages" | sha256sum | cut -c1-12)"
full="$cache/$release-native-$key"
if [ ! -f "$full/.complete" ]; then
  say "installing NATIVE_PACKAGES into a copy of the base root ($full)"
  rm -rf "$full.tmp" && cp -a "$base" "$full.tmp" && rm -f "$full.tmp/.complete"
  chroot "$full.tmp" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $native_packages && apt-get clean" \
    >"$cache/native.log" 2>&1 || fail "apt-get install $native_packages in the root failed (see $cache/native.log)"
  touch "$full.tmp/.complete" && mv "$full.tmp" "$full"
fi

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

# 5. Positive: the Dockerfile's root analyses and groups the clips.
pos="$work/root-native"; cp -a "$full" "$pos"
say "running the published CLI inside the root with NATIVE_PACKAGES (${#names[@]} real clips)"
run_in "$pos" ok; rc="$(cat "$work/ok.rc")"
[ "$rc" = 0 ] || { cat "$work/ok.out" "$work/ok.err" >&2; fail "the published CLI exited $rc inside the root with NATIVE_PACKAGES"; }
pairs="$pos/job-ok/out/similar_pairs_with_avg_performance.csv"; groups="$pos/job-ok/out/grouped_results.csv"
[ -f "$pairs" ] && [ -f "$groups" ] || fail "missing result CSVs in $pos/job-ok/out"
head -1 "$pairs" | grep -q '^Video 1,Video 2,Similarity,Performance 1,Performance 2,Average Performance' || fail "pairs CSV header: $(head -1 "$pairs")"
head -1 "$groups" | grep -q '^Group,Videos,Video Count,Average Performance' || fail "groups CSV header: $(head -1 "$groups")"
# The two Lin-Manuel Miranda clips share a group, and so do the two Obama speeches; nobody is in both.
grep -E '"?video\(0\);video\(1\)' "$groups" >/dev/null || fail "video(0) and video(1) (same person) not grouped: $(cat "$groups")"
grep -E 'video\(3\);video\(4\)' "$groups" >/dev/null || fail "video(3) and video(4) (same person) not grouped: $(cat "$groups")"
grep -E 'video\(0\).*video\(3\)|video\(3\).*video\(0\)' "$pairs" >/dev/null && fail "different people paired: $(cat "$pairs")"
[ "$(($(wc -l <"$pairs") - 1))" -ge 2 ] || fail "expected at least 2 similar pairs: $(cat "$pairs")"
tail -n 15 "$work/ok.out" >&2
say "positive: exit 0; $(($(wc -l <"$groups") - 1)) group(s), $(($(wc -l <"$pairs") - 1)) similar pair(s); video(0)+video(1) and video(3)+video(4) grouped"

# 6. Negative control: the same root without NATIVE_PACKAGES fails at start, once, with the self-test's message.
neg="$work/root-base"; cp -a "$base" "$neg"
say "negative control: the same root without NATIVE_PACKAGES"
requests_before="$(wc -l <"$work/http.log")"
run_in "$neg" bare; rc="$(cat "$work/bare.rc")"
[ "$rc" = 2 ] || { cat "$work/bare.out" "$work/bare.err" >&2; fail "expected exit 2 from the self-test without NATIVE_PACKAGES, got $rc"; }
grep -q "native library OpenCvSharpExtern" "$work/bare.err" || fail "self-test message does not name OpenCvSharpExtern: $(cat "$work/bare.err")"
grep -qF "apt-get install --no-install-recommends $native_packages" "$work/bare.err" || fail "self-test message does not give the apt fix: $(cat "$work/bare.err")"
# the video decoder (the system's FFmpeg libraries) is checked on its own, with its fallback named
grep -q "video decoder: Unable to load shared library 'libavformat.so.59'" "$work/bare.err" || fail "self-test message does not name the missing FFmpeg library: $(cat "$work/bare.err")"
grep -qF "AdsRecommender__Sampling__Decoder=OpenCv" "$work/bare.err" || fail "self-test message does not name the decoder fallback: $(cat "$work/bare.err")"
[ ! -e "$neg/job-bare/out/grouped_results.csv" ] || fail "a run started although the self-test failed"
[ "$(wc -l <"$work/http.log")" = "$requests_before" ] || fail "videos were downloaded although the self-test failed"
say "negative: exit 2 at start: $(head -c 400 "$work/bare.err")"
say "negative, decoder: $(grep -o "video decoder: [^(]*" "$work/bare.err" | head -c 200)"
say "passed in ${SECONDS} s"
