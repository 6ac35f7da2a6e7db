using AdsRecommender.Core;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Cli;

/// <summary>
/// Runs the AnalyzeAds orchestration in this process: a .NET host (<see cref="Host.CreateApplicationBuilder()"/>) whose
/// services are the product's (<c>AddAdsRecommenderCore</c>) and whose Durable Task back end comes from the hosting library
/// (<c>AdsRecommender.Hosting</c>): in memory (<see cref="DurableBackendServiceCollectionExtensions.AddLocalDurableBackend"/>),
/// or with <c>--durable-storage</c> an Azure Storage task hub, the run's own or, with <c>--hub</c>, one shared with other
/// processes (<see cref="DurableBackendServiceCollectionExtensions.AddAzureStorageDurableBackend"/>). In memory, what survives
/// a crash is the run store and the ledger, from which a rerun picks up finished videos; in Azure Storage the
/// orchestration's history survives too and a rerun resumes it.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private PipelineHost(IHost host) => _host = host;

    /// <summary>History sizes of the orchestrations this host ran (the in-memory service keeps no readable history).</summary>
    public HistoryMeter History => _host.DurableBackend().History;

    public IRunStore Store => _host.Services.GetRequiredService<IRunStore>();
    public IRunLedger Ledger => _host.Services.GetRequiredService<IRunLedger>();
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();
    public IServiceProvider Services => _host.Services;

    /// <summary>The orchestration service when it keeps a readable history (<c>--durable-storage</c>); null in memory.</summary>
    public IOrchestrationServiceClient? StoredHistory => _host.DurableBackend().StoredHistory;

    /// <param name="configureServices">Runs before the defaults are added; registrations made here win (TryAdd).</param>
    /// <param name="durable">Orchestration state in the Durable Task Azure Storage back end instead of memory.</param>
    public static async Task<PipelineHost> StartAsync(
        IRunStore store, IRunLedger ledger, IConfiguration configuration, ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken ct = default, AzureStorageBackend? durable = null)
    {
        var builder = Builder(store, ledger, configuration, loggerFactory ?? NullLoggerFactory.Instance, configureServices);
        if (durable is null) builder.Services.AddLocalDurableBackend(tasks => tasks.AddAdsRecommenderTasks());
        else builder.Services.AddAzureStorageDurableBackend(durable, tasks => tasks.AddAdsRecommenderTasks(),
            CliContext.Options(configuration).ActivitySlots);
        var host = builder.Build();
        try
        {
            // Fail at start, once, with the fix, rather than per video after retries (creates the run's one analyzer), and
            // before the worker takes any work from a hub it may share with other processes.
            var report = Core.Health.EnvironmentSelfTest.Run(() => host.Services.GetRequiredService<Core.Faces.IVideoFaceAnalyzer>());
            if (report.Failure is { } failure) throw new EnvironmentNotReadyException(failure);
            await host.StartWithDurableBackendAsync(ct);
        }
        catch (Exception ex)
        {
            await host.ShutDownWithDurableBackendAsync(StopGrace);
            if (ex is DurableBackendException refused) throw new UsageException($"--{DurableFlags.StorageFlag}: {refused.Message}");
            throw;
        }
        return new PipelineHost(host);
    }

    private static HostApplicationBuilder Builder(IRunStore store, IRunLedger ledger, IConfiguration configuration, ILoggerFactory loggerFactory,
        Action<IServiceCollection>? configureServices)
    {
        // no defaults: configuration comes from the CLI (environment + flags), logging from its logger factory
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        var services = builder.Services;
        configureServices?.Invoke(services);
        services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(store);
        services.AddSingleton(ledger);
        services.AddAdsRecommenderCore();
        return builder;
    }

    /// <summary>Schedules the run and waits for it, reporting progress to <paramref name="observer"/>.</summary>
    public async Task<RunOutcome> RunAsync(RunRequest request, IRunObserver? observer = null, CancellationToken ct = default)
    {
        try
        {
            return await ScheduleAndWaitAsync(request, observer, ct);
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Cancelled && ct.IsCancellationRequested)
        {
            // A client call cut short by the stop (Ctrl+C, SIGTERM) fails as a gRPC status, not as a cancellation: without
            // this the CLI crashed with an unhandled RpcException (exit 134) about one stop in ten on a busy machine.
            throw new OperationCanceledException("the run was stopped", e, ct);
        }
    }

    private async Task<RunOutcome> ScheduleAndWaitAsync(RunRequest request, IRunObserver? observer, CancellationToken ct)
    {
        var instanceId = request.RunId;
        // Only a durable back end can know the run already: an unfinished one resumes (its history is in the hub), a
        // finished one is purged with its batches so the rerun starts afresh (finished videos are reused from the ledger).
        var earlier = StoredHistory is null ? null : await Client.GetInstanceAsync(instanceId, ct);
        if (earlier is { IsCompleted: true })
            await Client.PurgeInstanceAsync(instanceId, new PurgeInstanceOptions(Recursive: true), ct);
        if (earlier is null or { IsCompleted: true })
            await Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.AnalyzeAds, request, new StartOrchestrationOptions { InstanceId = instanceId }, ct);
        var purged = DateTime.UtcNow;
        while (true)
        {
            if (PurgesBatches && DateTime.UtcNow - purged > BatchPurgeInterval)
            {
                await PurgeFinishedBatchesAsync(instanceId, ct);
                purged = DateTime.UtcNow;
            }
            var meta = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct)
                ?? throw new InvalidOperationException($"orchestration {instanceId} disappeared");
            if (observer is not null)
            {
                var progress = meta.SerializedCustomStatus is null ? null : meta.ReadCustomStatusAs<RunProgress>();
                if (progress is not null) await observer.OnProgressAsync(progress, ct);
            }
            switch (meta.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    if (PurgesBatches) await PurgeFinishedBatchesAsync(instanceId, ct);
                    return meta.ReadOutputAs<RunOutcome>() ?? throw new InvalidOperationException("run finished without an outcome");
                case OrchestrationRuntimeStatus.Failed:
                    throw new RunFailedException($"run failed: {meta.FailureDetails?.ErrorMessage}");
                case OrchestrationRuntimeStatus.Terminated:
                    throw new RunFailedException("run was terminated");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>
    /// Keep the run's completed batch instances (a test reads their timestamps); by default the in-memory host purges them.
    /// </summary>
    public bool KeepFinishedBatches { get; set; }

    private bool PurgesBatches => StoredHistory is null && !KeepFinishedBatches;

    /// <summary>
    /// How often a running run's finished batches are purged from memory (<see cref="PurgeFinishedBatchesAsync"/>; not
    /// on a durable back end, whose history lives in storage and stays readable until the retention purge).
    /// </summary>
    public static readonly TimeSpan BatchPurgeInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Deletes the state of the run's batch sub-orchestrations that completed. The in-memory service keeps every finished
    /// instance with its whole history, so without this a long run grows with the videos done (docs/PERFORMANCE.md, "memory
    /// that grew with the videos done"). The parent already holds each batch's outcome (its completion
    /// is a message in the parent's queue, not part of the batch's state); failed batches are left for the parent's retry.
    /// </summary>
    /// <returns>The number of batch instances purged.</returns>
    public Task<int> PurgeFinishedBatchesAsync(string runId, CancellationToken ct = default) =>
        new Azure.HistoryPurger(Client).PurgeAsync(
            new OrchestrationQuery { InstanceIdPrefix = AnalyzeAdsOrchestrator.BatchInstancePrefix(runId), Statuses = [OrchestrationRuntimeStatus.Completed] }, ct);

    /// <summary>After a cancelled run, activities still downloading are not waited for longer than this.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public ValueTask DisposeAsync() => new(_host.ShutDownWithDurableBackendAsync(StopGrace));
}
