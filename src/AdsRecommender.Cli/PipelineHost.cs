using AdsRecommender.Core;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Cli;

/// <summary>
/// Runs <see cref="AnalyzeAdsOrchestrator"/> in this process: an in-memory Durable Task sidecar, worker and client
/// (Microsoft.DurableTask.InProcessTestHost), with the same orchestrator and activities as the Functions app.
/// Orchestration state lives in memory only; what survives a crash is the run store and the ledger, from which a
/// rerun picks up finished videos.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private PipelineHost(DurableTaskTestHost host, IRunStore store, IRunLedger ledger)
    {
        _host = host;
        Store = store;
        Ledger = ledger;
    }

    public IRunStore Store { get; }
    public IRunLedger Ledger { get; }
    public DurableTaskClient Client => _host.Client;
    public IServiceProvider Services => _host.Services;

    /// <param name="configureServices">Runs before the defaults are added; registrations made here win (TryAdd).</param>
    public static async Task<PipelineHost> StartAsync(
        IRunStore store, IRunLedger ledger, AdsRecommenderOptions options, ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken ct = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        QuietSidecarLogging();
        return await LoopbackPort.StartAsync(port => StartOnceAsync(store, ledger, options, loggerFactory, configureServices, port, ct));
    }

    private static async Task<PipelineHost> StartOnceAsync(
        IRunStore store, IRunLedger ledger, AdsRecommenderOptions options, ILoggerFactory loggerFactory,
        Action<IServiceCollection>? configureServices, int port, CancellationToken ct)
    {
        var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddAdsRecommenderTasks(),
            new DurableTaskTestHostOptions
            {
                // the sidecar's own default is a random port in 30000-40000, which collides with ephemeral ports in use
                Port = port,
                LoggerFactory = loggerFactory,
                ConfigureServices = services =>
                {
                    configureServices?.Invoke(services);
                    services.AddSingleton(loggerFactory);
                    services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
                    services.AddSingleton(store);
                    services.AddSingleton(ledger);
                    services.AddAdsRecommenderCore(options);
                },
            },
            ct);
        return new PipelineHost(host, store, ledger);
    }

    /// <summary>Schedules the run and waits for it, reporting progress to <paramref name="observer"/>.</summary>
    public async Task<RunOutcome> RunAsync(RunRequest request, IRunObserver? observer = null, CancellationToken ct = default)
    {
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.AnalyzeAds, request, new StartOrchestrationOptions { InstanceId = request.RunId }, ct);
        while (true)
        {
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
                    return meta.ReadOutputAs<RunOutcome>() ?? throw new InvalidOperationException("run finished without an outcome");
                case OrchestrationRuntimeStatus.Failed:
                    throw new InvalidOperationException($"run failed: {meta.FailureDetails?.ErrorMessage}");
                case OrchestrationRuntimeStatus.Terminated:
                    throw new InvalidOperationException("run was terminated");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>
    /// The test host's gRPC sidecar is a generic host with default logging (console, Information, from environment
    /// configuration) whatever logger factory is passed; keep it to warnings unless the user configured logging.
    /// </summary>
    private static void QuietSidecarLogging()
    {
        if (Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is null)
            Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
