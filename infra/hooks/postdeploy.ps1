# After `azd deploy` (Windows): the deployed host must answer, and GET /api/health must refuse a call without a
# function key (401). Retries while the new revision starts. azd provides AZURE_FUNCTION_APP_URL.
$ErrorActionPreference = 'Stop'
$url = $env:AZURE_FUNCTION_APP_URL
if (-not $url) { throw 'run through azd (AZURE_FUNCTION_APP_URL is an azd output)' }
$code = 0
for ($i = 0; $i -lt 30; $i++) {
  try { $code = (Invoke-WebRequest -Uri "$url/api/health" -UseBasicParsing -Method Get).StatusCode }
  catch { $code = [int]$_.Exception.Response.StatusCode }
  if ($code -eq 401) {
    Write-Output "postdeploy: $url is up; /api/health needs a function key (get one: see README, 'Deploy to Azure')."
    exit 0
  }
  Start-Sleep -Seconds 10
}
Write-Error "postdeploy: $url/api/health answered '$code', expected 401 without a key; check the revision's logs (az containerapp logs show)."
exit 1
