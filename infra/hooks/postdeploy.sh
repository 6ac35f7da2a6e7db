#!/bin/sh
# After `azd deploy`: the deployed host must answer, and GET /api/health must refuse a call without a function key
# (401). Retries while the new revision starts. Needs only curl; azd provides AZURE_FUNCTION_APP_URL.
set -eu
url="${AZURE_FUNCTION_APP_URL:?run through azd (AZURE_FUNCTION_APP_URL is an azd output)}"
code=""
i=0
while [ "$i" -lt 30 ]; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health" || true)"
  if [ "$code" = 401 ]; then
    echo "postdeploy: $url is up; /api/health needs a function key (get one: see README, 'Deploy to Azure')."
    exit 0
  fi
  i=$((i + 1)); sleep 10
done
echo "postdeploy: $url/api/health answered '$code', expected 401 without a key; check the revision's logs (az containerapp logs show)." >&2
exit 1
