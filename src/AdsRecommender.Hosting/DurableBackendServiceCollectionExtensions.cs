using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// Runs a host's orchestrations and activities on a Durable Task back end inside the process: the gRPC sidecar over the
/// in-memory service (<see cref="AddLocalDurableBackend"/>) or an Azure Storage task hub
/// (<see cref="AddAzureStorageDurableBackend"/>) as a hosted service, and the Durable Task worker and client talking to it.
/// Start the host with <see cref="DurableBackendHostExtensions.StartWithDurableBackendAsync"/>.
/// </summary>
public static class DurableBackendServiceCollectionExtensions
{
    /// <summary>The back end in memory: nothing survives the process.</summary>
    /// <param name="tasks">The orchestrations and activities the worker runs.</param>
    public static IServiceCollection AddLocalDurableBackend(this IServiceCollection services, Action<DurableTaskRegistry> tasks) =>
        services.AddSidecar(OrchestrationStore.InMemory(), tasks, WideDispatch.Slots, renewEvery: null);

    /// <summary>
    /// The back end on the Azure Storage task hub <paramref name="hub"/>, checked (the account must answer) and created when the
    /// host starts: a <see cref="DurableBackendException"/> naming the fix otherwise. A shared hub (<see cref="SharedHub"/>)
    /// takes at most <paramref name="activitySlots"/> activities at once and renews what it holds; the per-run hub takes
    /// everything ready.
    /// </summary>
    public static IServiceCollection AddAzureStorageDurableBackend(this IServiceCollection services, AzureStorageBackend hub,
        Action<DurableTaskRegistry> tasks, int activitySlots = WideDispatch.Slots) =>
        hub.Shared
            ? services.AddSidecar(OrchestrationStore.AzureStorage(hub), tasks, activitySlots, SharedHub.RenewEvery(hub))
            : services.AddSidecar(OrchestrationStore.AzureStorage(hub), tasks, WideDispatch.Slots, renewEvery: null);

    private static IServiceCollection AddSidecar(this IServiceCollection services, OrchestrationStore store, Action<DurableTaskRegistry> tasks,
        int activitySlots, TimeSpan? renewEvery)
    {
        services.AddSingleton<HistoryMeter>();
        services.AddSingleton(sp => new InProcessDurableBackend(store, sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<HistoryMeter>(), activitySlots, renewEvery));
        services.AddHostedService(sp => sp.GetRequiredService<InProcessDurableBackend>()); // before the worker: started first, stopped last
        services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc();
            services.AddOptions<GrpcDurableTaskWorkerOptions>(b.Name)
                .Configure<InProcessDurableBackend>((o, backend) => o.Channel = backend.Channel);
            b.AddTasks(tasks);
        });
        services.AddDurableTaskClient(b =>
        {
            b.UseGrpc();
            services.AddOptions<GrpcDurableTaskClientOptions>(b.Name)
                .Configure<InProcessDurableBackend>((o, backend) => o.Channel = backend.Channel);
            b.RegisterDirectly();
        });
        return services;
    }
}
