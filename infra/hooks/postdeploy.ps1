# After `azd deploy` (Windows): as postdeploy.sh. GET /api/health must answer 401 without a function key and 200 with the
# host key (fetched with `az containerapp function keys show`, or ADSREC_FUNCTION_KEY); a 503 (failed self-test, missing
# models or native libraries, unreachable storage) fails the deployment with the body naming the failing check.
$ErrorActionPreference = 'Stop'
$url = $env:AZURE_FUNCTION_APP_URL
if (-not $url) { throw 'run through azd (AZURE_FUNCTION_APP_URL is an azd output)' }
$attempts = if ($env:ADSREC_POSTDEPLOY_ATTEMPTS) { [int]$env:ADSREC_POSTDEPLOY_ATTEMPTS } else { 30 }
$interval = if ($env:ADSREC_POSTDEPLOY_INTERVAL) { [int]$env:ADSREC_POSTDEPLOY_INTERVAL } else { 10 }
$key = $env:ADSREC_FUNCTION_KEY
if (-not $key) {
  $key = az containerapp function keys show --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME `
    --key-type hostKey --key-name default --query value --output tsv
  if ($LASTEXITCODE -ne 0 -or -not $key) { Write-Error "postdeploy: cannot fetch the host key of $($env:AZURE_FUNCTION_APP_NAME) (az login?)"; exit 1 }
}
function Get-Health($headers) {
  try { $r = Invoke-WebRequest -Uri "$url/api/health" -UseBasicParsing -Method Get -Headers $headers -TimeoutSec 30; return @($r.StatusCode, $r.Content) }
  catch { $resp = $_.Exception.Response; if ($resp) { return @([int]$resp.StatusCode, $_.ErrorDetails.Message) } else { return @(0, $_.Exception.Message) } }
}
for ($i = 1; $i -le $attempts; $i++) {
  $anonymous = Get-Health @{}
  if ($anonymous[0] -eq 200) { Write-Error "postdeploy: $url/api/health answered 200 without a key: the endpoint is open"; exit 1 }
  if ($anonymous[0] -eq 401) {
    $keyed = Get-Health @{ 'x-functions-key' = $key }
    if ($keyed[0] -eq 200) { Write-Output "postdeploy: $url is healthy: /api/health answered 200 with the host key and 401 without one."; exit 0 }
    Write-Warning "postdeploy: attempt $i/${attempts}: /api/health answered $($keyed[0]) with the host key: $($keyed[1])"
  } else {
    Write-Warning "postdeploy: attempt $i/${attempts}: /api/health answered '$($anonymous[0])' without a key (401 expected; the revision may be starting)"
  }
  if ($i -lt $attempts) { Start-Sleep -Seconds $interval }
}
Write-Error "postdeploy: $url is not healthy after $attempts attempts; see the revision's logs (az containerapp logs show)."
exit 1
