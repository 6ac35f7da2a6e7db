// The Functions app as an Azure Container App with kind 'functionapp' (Azure Functions on Container Apps): the image
// built from the repository's Dockerfile (native packages + models), pulled from the registry with the user-assigned
// identity, every storage and telemetry connection identity-based, HTTPS only.
param name string
param environmentName string
param location string
param tags object
param identityId string
param identityClientId string
param registryServer string
@description('Image to run; azd passes the one it built and pushed (SERVICE_FUNCTIONS_IMAGE_NAME). Empty on the first provision.')
param image string
param storageAccountName string
@secure()
param appInsightsConnectionString string
param workspaceId string
param minReplicas int
param maxReplicas int
param historyRetentionDays int

// Until azd pushes the app's image, the container runs the public base image (no app, so no functions).
var placeholderImage = 'mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0'

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    // Logs through Azure Monitor diagnostic settings (below): no workspace shared key in the environment.
    appLogsConfiguration: { destination: 'azure-monitor' }
    workloadProfiles: [ { name: 'Consumption', workloadProfileType: 'Consumption' } ]
  }
}

resource environmentDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 80
        transport: 'auto'
        allowInsecure: false
      }
      registries: [ { server: registryServer, identity: identityId } ]
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: empty(image) ? placeholderImage : image
          resources: { cpu: json('2.0'), memory: '4Gi' }
          env: [
            { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
            { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
            { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
            { name: 'AdsRecommender__MaxParallelAnalyses', value: '2' }
            { name: 'AdsRecommender__Threshold', value: 'default' }
            { name: 'AdsRecommender__HistoryRetentionDays', value: string(historyRetentionDays) }
          ]
          probes: [
            // The host answers /api/health only with a key; a TCP probe on the port says the host listens.
            { type: 'Liveness', tcpSocket: { port: 80 }, initialDelaySeconds: 10, periodSeconds: 30 }
          ]
        }
      ]
      // The Azure Storage Durable backend cannot wake a stopped app (only MSSQL scales from zero on Container Apps), and
      // with it the platform adds replicas for HTTP traffic only, never for the Durable backlog: the worker app
      // (worker.bicep, a KEDA azure-queue rule on the hub's queues) scales the analysis out. Keep at least one replica here.
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

output name string = app.name
output environmentId string = environment.id
output url string = 'https://${app.properties.configuration.ingress.fqdn}'
