#!/usr/bin/env bash
# Installs the face models into this folder and verifies their sha256 (models/models.json).
# Source, in order: the folder given as $1, $ADSREC_MODEL_SOURCE, ../shared/models beside the repo, the upstream URLs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${1:-${ADSREC_MODEL_SOURCE:-$here/../../shared/models}}"
model_list() { # file sha url, one per line, from models.json without jq
  sed -n 's/.*"\(file\|sha256\|url\)": "\([^"]*\)".*/\2/p' "$here/models.json" | paste - - -
}
ok=0 missing=0
while read -r file sha url; do
  dest="$here/$file"
  if [ -f "$dest" ] && echo "$sha  $dest" | sha256sum -c --status; then ok=$((ok+1)); continue; fi
  if [ -f "$src/$file" ]; then
    cp "$src/$file" "$dest.tmp"
  elif [[ "$url" != *"#"* ]] && command -v curl >/dev/null; then
    echo "downloading $file from $url" >&2
    curl -fsSL --max-time 300 -o "$dest.tmp" "$url" || { rm -f "$dest.tmp"; echo "models: download of $file failed" >&2; missing=$((missing+1)); continue; }
  else
    echo "models: $file not found in $src and cannot be downloaded here; pass a folder holding it: models/install.sh <folder>" >&2
    missing=$((missing+1)); continue
  fi
  if echo "$sha  $dest.tmp" | sha256sum -c --status; then mv "$dest.tmp" "$dest"; ok=$((ok+1));
  else rm -f "$dest.tmp"; echo "models: checksum mismatch for $file (expected $sha); not installed" >&2; exit 1; fi
done < <(model_list)
[ "$missing" -eq 0 ] || { echo "models: $missing model file(s) missing; the face stage cannot run without them" >&2; exit 1; }
[ "$ok" -gt 0 ] || { echo "models: models.json lists no model" >&2; exit 1; }
echo "models: $ok file(s) installed and verified in $here"
