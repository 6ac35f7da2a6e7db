using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// Where the back end keeps orchestration state, opened when the back end starts: the in-memory service of the in-process
/// test host, or an Azure Storage task hub (checked and created first).
/// </summary>
internal sealed class OrchestrationStore(Func<ILoggerFactory, CancellationToken, Task<IOrchestrationService>> open, bool keepsHistory)
{
    public static OrchestrationStore InMemory() =>
        new((loggerFactory, _) => Task.FromResult<IOrchestrationService>(new Microsoft.DurableTask.Testing.Sidecar.InMemoryOrchestrationService(loggerFactory)),
            keepsHistory: false);

    public static OrchestrationStore AzureStorage(AzureStorageBackend hub) =>
        new(async (loggerFactory, ct) => await hub.CreateServiceAsync(loggerFactory, ct), keepsHistory: true);

    /// <returns>The service, its client side (both services are both), and whether that client can read history back.</returns>
    public async Task<(IOrchestrationService Service, IOrchestrationServiceClient Client, bool KeepsHistory)> OpenAsync(
        ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var service = await open(loggerFactory, ct);
        return (service, (IOrchestrationServiceClient)service, keepsHistory);
    }
}
