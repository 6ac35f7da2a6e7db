// One storage account for the Functions host (Durable Task hub queues/tables/blobs), the run store
// (containers per area) and the run ledger (tables runs, videos). Identity-only: shared keys disabled.
param name string
param location string
param tags object

@description('Containers of the run store (RunAreas) plus the deployment package container.')
var areaContainers = [ 'input', 'videos', 'embeddings', 'results', 'thumbnails', 'shards' ]
var deploymentContainer = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for c in concat(areaContainers, [ deploymentContainer ]): {
  parent: blobs
  name: c
  properties: { publicAccess: 'None' }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for t in [ 'runs', 'videos' ]: {
  parent: tableService
  name: t
}]

output name string = account.name
output id string = account.id
output deploymentContainerName string = deploymentContainer
output blobEndpoint string = account.properties.primaryEndpoints.blob
