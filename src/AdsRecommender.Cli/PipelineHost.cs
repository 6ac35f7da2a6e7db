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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(store, ledger, options, loggerFactory, configureServices, FreeLoopbackPort(), ct);
            }
            catch (IOException e) when (attempt < 5 && IsAddressInUse(e))
            {
                // another process took the port between choosing and binding it: choose again
            }
        }
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
        // Fail at start, once, with the fix, rather than per video after retries (creates the run's one analyzer).
        var report = Core.Health.EnvironmentSelfTest.Run(() => host.Services.GetRequiredService<Core.Faces.IVideoFaceAnalyzer>());
        if (report.Failure is { } failure)
        {
            await host.DisposeAsync();
            throw new EnvironmentNotReadyException(failure);
        }
        return new PipelineHost(host, store, ledger);
    }

    /// <summary>A loopback port the operating system reports free right now.</summary>
    private static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }) return true;
        return false;
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
