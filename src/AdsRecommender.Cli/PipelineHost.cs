using AdsRecommender.Core;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AdsRecommender.Cli.Hosting;
using AdsRecommender.Core.Workflows;
using Grpc.Net.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Cli;

/// <summary>
/// Runs <see cref="AnalyzeAdsOrchestrator"/> in this process: a Durable Task gRPC sidecar over the in-memory orchestration
/// service (Microsoft.DurableTask.InProcessTestHost), a worker and a client, with the same orchestrator and activities as
/// the Functions app. Orchestration state lives in memory only; what survives a crash is the run store and the ledger,
/// from which a rerun picks up finished videos. The sidecar dispatches without waiting (<see cref="WideDispatch"/>);
/// <c>VideoProcessor</c> bounds the videos in flight and the analyses.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;

    private PipelineHost(IHost sidecar, IHost worker, GrpcChannel channel, IRunStore store, IRunLedger ledger, HistoryMeter history)
    {
        History = history;
        (_sidecar, _worker, _channel) = (sidecar, worker, channel);
        Store = store;
        Ledger = ledger;
    }

    public IRunStore Store { get; }
    public IRunLedger Ledger { get; }
    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();
    public IServiceProvider Services => _worker.Services;

    /// <summary>History sizes of the orchestrations this host ran (the in-memory service keeps no readable history).</summary>
    public HistoryMeter History { get; }

    /// <param name="configureServices">Runs before the defaults are added; registrations made here win (TryAdd).</param>
    public static async Task<PipelineHost> StartAsync(
        IRunStore store, IRunLedger ledger, IConfiguration configuration, ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken ct = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var memory = new InMemoryOrchestrationService(loggerFactory);
        var history = new HistoryMeter();
        var (sidecar, port) = await GrpcSidecar.StartAsync(new WideDispatch(memory, history), memory, loggerFactory, ct);
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var worker = Host.CreateDefaultBuilder()
            .ConfigureAppConfiguration(c =>
            {
                c.Sources.Clear();
                c.AddConfiguration(configuration);
            })
            .ConfigureLogging(l =>
            {
                l.ClearProviders();
                l.Services.AddSingleton(loggerFactory);
            })
            .ConfigureServices(services =>
            {
                configureServices?.Invoke(services);
                services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
                services.AddSingleton(loggerFactory);
                services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
                services.AddSingleton(store);
                services.AddSingleton(ledger);
                services.AddAdsRecommenderCore();
                services.AddDurableTaskWorker(b =>
                {
                    b.UseGrpc(channel);
                    b.AddTasks(r => r.AddAdsRecommenderTasks());
                });
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(channel);
                    b.RegisterDirectly();
                });
            })
            .Build();
        try
        {
            await worker.StartAsync(ct);
        }
        catch
        {
            worker.Dispose();
            channel.Dispose();
            await sidecar.StopAsync(CancellationToken.None);
            sidecar.Dispose();
            throw;
        }
        var pipeline = new PipelineHost(sidecar, worker, channel, store, ledger, history);
        // Fail at start, once, with the fix, rather than per video after retries (creates the run's one analyzer).
        var report = Core.Health.EnvironmentSelfTest.Run(() => worker.Services.GetRequiredService<Core.Faces.IVideoFaceAnalyzer>());
        if (report.Failure is { } failure)
        {
            await pipeline.DisposeAsync();
            throw new EnvironmentNotReadyException(failure);
        }
        return pipeline;
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
                    throw new RunFailedException($"run failed: {meta.FailureDetails?.ErrorMessage}");
                case OrchestrationRuntimeStatus.Terminated:
                    throw new RunFailedException("run was terminated");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // after a cancelled run, activities still downloading are not waited for long
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _worker.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync(CancellationToken.None);
        _sidecar.Dispose();
    }
}
