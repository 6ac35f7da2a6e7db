// `adsrec worker` as a plain Container App beside the Functions app, on the Functions app's task hub (host.json hubName,
// 4 partitions): the Durable backlog is in Azure Storage queues, which the Functions app's own scaler does not see on
// Container Apps with this back end, but a KEDA azure-queue rule does. Replicas follow the work-item queue
// (<hub>-workitems: one message per activity, one activity per video) and the control queues (<hub>-control-00..03:
// orchestration messages), read with the user-assigned identity (Storage Queue Data Contributor, roles.bicep).
// Decision, sources and costs: infra/README.md.
param name string
param environmentId string
param location string
param tags object
param identityId string
param identityClientId string
param registryServer string
@description('Image to run (the same image as the Functions app, which also carries the CLI). Empty on the first provision.')
param image string
param storageAccountName string
@description('The Functions app\'s task hub (host.json extensions.durableTask.hubName).')
param taskHubName string
param minReplicas int
param maxReplicas int
@description('Work-item messages (videos waiting or in flight) per replica before KEDA adds one.')
param workItemsPerReplica int

// Until azd pushes the app's image the container runs the public base image; with no backlog no replica starts.
var placeholderImage = 'mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0'
// The Azure Storage back end names its queues from the hub in lower case.
var hubQueuePrefix = toLower(taskHubName)

resource worker 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'worker' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [ { server: registryServer, identity: identityId } ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: empty(image) ? placeholderImage : image
          command: [ 'dotnet', '/home/site/wwwroot/cli/adsrec.dll' ]
          args: [ 'worker', '--account', storageAccountName, '--hub', taskHubName ]
          resources: { cpu: json('2.0'), memory: '4Gi' }
          env: [
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'AdsRecommender__MaxParallelAnalyses', value: '2' }
            { name: 'AdsRecommender__ModelsDirectory', value: '/home/site/wwwroot/models' }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        // written out (not a loop) so the compiled template states each rule
        rules: [
          { name: 'work-items', azureQueue: { accountName: storageAccountName, queueName: '${hubQueuePrefix}-workitems', queueLength: workItemsPerReplica, identity: identityId } }
          { name: 'control-00', azureQueue: { accountName: storageAccountName, queueName: '${hubQueuePrefix}-control-00', queueLength: 100, identity: identityId } }
          { name: 'control-01', azureQueue: { accountName: storageAccountName, queueName: '${hubQueuePrefix}-control-01', queueLength: 100, identity: identityId } }
          { name: 'control-02', azureQueue: { accountName: storageAccountName, queueName: '${hubQueuePrefix}-control-02', queueLength: 100, identity: identityId } }
          { name: 'control-03', azureQueue: { accountName: storageAccountName, queueName: '${hubQueuePrefix}-control-03', queueLength: 100, identity: identityId } }
        ]
      }
    }
  }
}

output name string = worker.name
