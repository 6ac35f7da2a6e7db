// AdsRecommender on Azure: the Functions app's container image (Dockerfile: native packages + verified models) on
// Azure Container Apps with kind 'functionapp', pulled from Azure Container Registry with a user-assigned managed
// identity; one storage account reached by identity only (no shared keys); Application Insights with identity;
// diagnostic settings to one Log Analytics workspace. Decision record, costs and sources: infra/README.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used to name the resource group and derive resource names.')
param environmentName string

@minLength(1)
@description('Region for all resources (Azure Container Apps must be available there).')
param location string

@description('Image built and pushed by azd (SERVICE_FUNCTIONS_IMAGE_NAME); empty on the first provision.')
param functionsImageName string = ''

@description('Image azd built and pushed for the worker service (SERVICE_WORKER_IMAGE_NAME; the same Dockerfile); empty on the first provision.')
param workerImageName string = ''

@description('Functions app replicas kept running (azd: ADSREC_MIN_REPLICAS). At least 1: the Azure Storage Durable backend cannot wake a stopped Functions app.')
@minValue(1)
@maxValue(10)
param minReplicas int = 1

@description('Functions app replicas at most (azd: ADSREC_MAX_REPLICAS; each 2 vCPU, 4 GiB). Added for HTTP traffic only; 10 is the cap for kind functionapp.')
@minValue(1)
@maxValue(10)
param maxReplicas int = 2

@description('Worker replicas kept running (azd: ADSREC_WORKER_MIN_REPLICAS). 0: none while the task hub\'s queues are empty.')
@minValue(0)
@maxValue(100)
param workerMinReplicas int = 0

@description('Worker replicas at most (azd: ADSREC_WORKER_MAX_REPLICAS; each 2 vCPU, 4 GiB, analysing 2 videos at a time).')
@minValue(1)
@maxValue(300)
param workerMaxReplicas int = 20

@description('Videos waiting or in flight per worker replica before KEDA adds one (azd: ADSREC_WORKER_VIDEOS_PER_REPLICA).')
@minValue(1)
param workerVideosPerReplica int = 16

@description('The Functions app\'s task hub, as host.json extensions.durableTask.hubName.')
param taskHubName string = 'AdsRecommender'

@description('Days after which downloaded videos are deleted from container videos (lifecycle rule).')
@minValue(1)
param videoRetentionDays int = 7

@description('Days of finished orchestration history kept before the daily purge (AdsRecommender__HistoryRetentionDays).')
@minValue(0)
param historyRetentionDays int = 30

@description('Object id of the deploying user or group to also grant data roles (az storage --auth-mode login); empty to skip.')
param principalId string = ''

@description('Kind of principalId.')
@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param principalType string = 'User'

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-adsrec-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-adsrec-${token}'
    appInsightsName: 'appi-adsrec-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stadsrec${take(token, 14)}'
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    videoRetentionDays: videoRetentionDays
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: 'cradsrec${take(token, 14)}'
    location: location
    tags: tags
    pullPrincipalId: identity.outputs.principalId
    workspaceId: monitoring.outputs.workspaceId
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

module deployerRoles 'modules/roles.bicep' = if (!empty(principalId)) {
  name: 'deployer-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    principalId: principalId
    principalType: principalType
  }
}

module functions 'modules/containerapp.bicep' = {
  name: 'functions'
  scope: rg
  dependsOn: [ roles ]
  params: {
    name: 'ca-adsrec-${take(token, 13)}'
    environmentName: 'cae-adsrec-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryServer: registry.outputs.loginServer
    image: functionsImageName
    storageAccountName: storage.outputs.name
    appInsightsConnectionString: monitoring.outputs.connectionString
    workspaceId: monitoring.outputs.workspaceId
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    historyRetentionDays: historyRetentionDays
  }
}

module worker 'modules/worker.bicep' = {
  name: 'worker'
  scope: rg
  dependsOn: [ roles ]
  params: {
    name: 'ca-adsrec-wk-${take(token, 10)}'
    environmentId: functions.outputs.environmentId
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryServer: registry.outputs.loginServer
    image: workerImageName
    storageAccountName: storage.outputs.name
    taskHubName: taskHubName
    minReplicas: workerMinReplicas
    maxReplicas: workerMaxReplicas
    workItemsPerReplica: workerVideosPerReplica
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_APP_URL string = functions.outputs.url
output AZURE_WORKER_APP_NAME string = worker.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
