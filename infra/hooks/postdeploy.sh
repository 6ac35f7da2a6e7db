#!/bin/sh
# azd postdeploy hook: subscribe the app's Event Grid blob trigger (InputBlobTrigger) to blob-created events for
# input/*.csv. Runs after deploy because the webhook URL carries the blobs_extension system key, which exists only
# once the code is running. Idempotent (create-or-update).
set -eu
export AZURE_CORE_COLLECT_TELEMETRY=no
: "${AZURE_RESOURCE_GROUP:?}" "${AZURE_FUNCTION_APP_NAME:?}" "${EVENTGRID_SYSTEM_TOPIC_NAME:?}"

key=""
for _ in $(seq 1 30); do
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
        --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  sleep 10
done
[ -n "$key" ] || { echo "blobs_extension key not available yet; rerun: azd hooks run postdeploy" >&2; exit 1; }

host="$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query defaultHostName -o tsv)"
endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.InputBlobTrigger&code=${key}"

az eventgrid system-topic event-subscription create \
  --name input-csv \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$EVENTGRID_SYSTEM_TOPIC_NAME" \
  --endpoint "$endpoint" \
  --endpoint-type webhook \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/input/ \
  --subject-ends-with .csv \
  --output none
echo "Event Grid subscription input-csv -> InputBlobTrigger on ${AZURE_FUNCTION_APP_NAME}"
