using AdsRecommender.Core.Workflows;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Cli.Hosting;

/// <summary>
/// The seam a host uses to run the product's orchestrations on a Durable Task back end of its own: the gRPC sidecar over an
/// orchestration service (in memory, or Azure Storage: <see cref="AddAzureStorageDurableBackendAsync"/>) as a hosted
/// service, and the Durable Task worker (every orchestration and activity) and client talking to it.
/// </summary>
public static class DurableBackendServiceCollectionExtensions
{
    /// <param name="activitySlots">Activities taken from the back end at once (<see cref="WideDispatch"/>).</param>
    /// <param name="renewEvery">Renew the locks of held work items this often (hubs shared with other processes); null: never.</param>
    public static IServiceCollection AddSidecarDurableBackend(this IServiceCollection services, IOrchestrationService service,
        IOrchestrationServiceClient client, ILoggerFactory loggerFactory, int activitySlots = WideDispatch.Slots, TimeSpan? renewEvery = null)
    {
        var history = new HistoryMeter();
        services.AddSingleton(history);
        var renewal = renewEvery is { } every ? new LeaseRenewal(every, loggerFactory.CreateLogger<LeaseRenewal>()) : null;
        var backend = new InProcessDurableBackend(new WideDispatch(service, history, activitySlots, renewal), client, loggerFactory);
        services.AddSingleton(backend);
        services.AddHostedService(_ => backend); // before the worker: started first, stopped last
        services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(o => o.Channel = backend.Channel);
            b.AddTasks(r => r.AddAdsRecommenderTasks());
        });
        services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(o => o.Channel = backend.Channel);
            b.RegisterDirectly();
        });
        return services;
    }

    /// <summary>
    /// The Durable Task Azure Storage back end of <paramref name="hub"/> (checked and created first: a usage error naming the
    /// fix when the account does not answer). A shared hub takes at most <paramref name="activitySlots"/> activities at once and
    /// renews what it holds (<see cref="SharedHub"/>); the per-run hub takes everything ready.
    /// </summary>
    /// <returns>The orchestration service, whose history the caller may read.</returns>
    public static async Task<IOrchestrationServiceClient> AddAzureStorageDurableBackendAsync(this IServiceCollection services,
        AzureStorageBackend hub, ILoggerFactory loggerFactory, int activitySlots, CancellationToken ct)
    {
        var azure = await hub.CreateServiceAsync(loggerFactory, ct);
        if (hub.Shared) services.AddSidecarDurableBackend(azure, azure, loggerFactory, activitySlots, SharedHub.RenewEvery(hub));
        else services.AddSidecarDurableBackend(azure, azure, loggerFactory);
        return azure;
    }
}
