// Event Grid system topic for the storage account. Blob-created events for input/*.csv are delivered to the
// app's Event Grid blob trigger by a subscription that infra/hooks/postdeploy.sh creates once the code (and
// with it the blobs_extension system key) is deployed.
param name string
param location string
param tags object
param storageAccountName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
