// AdsRecommender on Azure: a Flex Consumption Function App (.NET 10 isolated) with a user-assigned managed identity,
// one storage account reached by identity only (no shared keys, no connection strings), Application Insights,
// and an Event Grid system topic on the storage account for the Event Grid blob trigger on input/{name}.csv
// (the event subscription needs the deployed app's blobs_extension key, so infra/hooks/postdeploy.sh creates it).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used to name the resource group and derive resource names.')
param environmentName string

@minLength(1)
@description('Region for all resources (Flex Consumption must be available there).')
param location string

@description('Largest number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 20

@description('Memory per instance in MB (face embedding is CPU-bound; 4096 MB also brings more CPU).')
@allowed([ 2048, 4096 ])
param instanceMemoryMB int = 4096

@description('Object id of a user or group to also grant data access (for az storage --auth-mode login); empty to skip.')
param principalId string = ''

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var appName = 'func-adsrec-${token}'

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

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stadsrec${take(token, 14)}'
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

module userRoles 'modules/roles.bicep' = if (!empty(principalId)) {
  name: 'user-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    principalId: principalId
    principalType: 'User'
  }
}

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  scope: rg
  dependsOn: [ roles ]
  params: {
    name: appName
    planName: 'plan-adsrec-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module events 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: 'evgt-adsrec-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_APP_URL string = functions.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output EVENTGRID_SYSTEM_TOPIC_NAME string = events.outputs.name
