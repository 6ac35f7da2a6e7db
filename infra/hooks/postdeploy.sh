#!/bin/sh
# After `azd deploy`: the deployed app must be healthy, not merely up. GET /api/health must refuse a call without a
# function key (401: the endpoint is not open) and answer 200 with the host key (a failed start-up self-test, missing
# models or native libraries, or unreachable storage answer 503 with the reason, which is printed). Retries while the
# new revision starts. Needs curl and the Azure CLI (`az login`; the containerapp extension installs itself);
# azd provides AZURE_FUNCTION_APP_URL, AZURE_FUNCTION_APP_NAME and AZURE_RESOURCE_GROUP.
# ADSREC_FUNCTION_KEY: use this key instead of fetching one. ADSREC_POSTDEPLOY_ATTEMPTS (30) x ADSREC_POSTDEPLOY_INTERVAL
# (10 s): how long a starting revision may answer otherwise.
set -eu
url="${AZURE_FUNCTION_APP_URL:?run through azd (AZURE_FUNCTION_APP_URL is an azd output)}"
attempts="${ADSREC_POSTDEPLOY_ATTEMPTS:-30}"
interval="${ADSREC_POSTDEPLOY_INTERVAL:-10}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

fail() { echo "postdeploy: $*" >&2; exit 1; }

# the host key (never printed): the one given, or the app's default host key from the Functions on Container Apps API
key="${ADSREC_FUNCTION_KEY:-}"
if [ -z "$key" ]; then
  command -v az >/dev/null 2>&1 || fail "cannot fetch a function key: the Azure CLI (az) is not installed; install it and 'az login', or set ADSREC_FUNCTION_KEY"
  key="$(az containerapp function keys show --resource-group "${AZURE_RESOURCE_GROUP:?}" --name "${AZURE_FUNCTION_APP_NAME:?}" \
    --key-type hostKey --key-name default --query value --output tsv 2>"$body")" \
    || fail "cannot fetch the host key of ${AZURE_FUNCTION_APP_NAME}: $(head -c 400 "$body")"
  [ -n "$key" ] || fail "the host key of ${AZURE_FUNCTION_APP_NAME} came back empty ('az containerapp function keys list --key-type hostKey' lists them)"
fi

status() { curl -s -o "$body" -w '%{http_code}' --max-time 30 "$@" "$url/api/health" || true; }

i=1
while :; do
  anonymous="$(status)"
  if [ "$anonymous" = 401 ]; then
    keyed="$(status -H "x-functions-key: $key")"
    if [ "$keyed" = 200 ]; then
      echo "postdeploy: $url is healthy: /api/health answered 200 with the host key and 401 without one."
      exit 0
    fi
    echo "postdeploy: attempt $i/$attempts: /api/health answered $keyed with the host key: $(head -c 600 "$body")" >&2
  elif [ "$anonymous" = 200 ]; then
    fail "$url/api/health answered 200 without a key: the endpoint is open (its authorization level must be Function)"
  else
    echo "postdeploy: attempt $i/$attempts: /api/health answered '$anonymous' without a key (401 expected; the revision may be starting)" >&2
  fi
  [ "$i" -lt "$attempts" ] || break
  i=$((i + 1)); sleep "$interval"
done
fail "$url is not healthy after $attempts attempts (last answers: '$anonymous' without a key, '${keyed:-none}' with it); the body above names the failing check; see the revision's logs: az containerapp logs show --resource-group ${AZURE_RESOURCE_GROUP:-<group>} --name ${AZURE_FUNCTION_APP_NAME:-<app>}"
