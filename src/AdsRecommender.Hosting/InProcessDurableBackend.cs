using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// The local Durable Task back end as a hosted service: the gRPC sidecar (<see cref="GrpcSidecar"/>) over an orchestration
/// service (in memory, or Azure Storage), and the channel the worker and client talk to it through. Registered before the
/// worker, so the host stops it after the worker has let go of its activities.
/// </summary>
public sealed class InProcessDurableBackend : IHostedService, IDisposable
{
    private readonly OrchestrationStore _store;
    private readonly ILoggerFactory _loggerFactory;
    private readonly int _activitySlots;
    private readonly TimeSpan? _renewEvery;
    private IHost? _sidecar;
    private GrpcChannel? _channel;
    private int _stopped;

    internal InProcessDurableBackend(OrchestrationStore store, ILoggerFactory loggerFactory, HistoryMeter history, int activitySlots, TimeSpan? renewEvery)
    {
        (_store, _loggerFactory, History, _activitySlots, _renewEvery) = (store, loggerFactory, history, activitySlots, renewEvery);
    }

    /// <summary>History sizes of the watched orchestrations (the in-memory service keeps no readable history).</summary>
    public HistoryMeter History { get; }

    /// <summary>The orchestration service once started, when it keeps a readable history (Azure Storage); null in memory.</summary>
    public IOrchestrationServiceClient? StoredHistory { get; private set; }

    /// <summary>The channel to the sidecar; the worker's and client's options read it when they are first resolved.</summary>
    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("the durable back end has not been started");

    /// <summary>Idempotent: started before the host (<see cref="DurableBackendHostExtensions.StartWithDurableBackendAsync"/>),
    /// because the sidecar's port (bound as port 0) is only known once it listens and the worker's options need the channel
    /// when the host creates the worker.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null) return;
        var (service, client, stored) = await _store.OpenAsync(_loggerFactory, cancellationToken);
        var renewal = _renewEvery is { } every ? new LeaseRenewal(every, _loggerFactory.CreateLogger<LeaseRenewal>()) : null;
        var dispatch = new WideDispatch(service, History, _activitySlots, renewal);
        var (sidecar, port) = await GrpcSidecar.StartAsync(dispatch, client, _loggerFactory, cancellationToken);
        (_sidecar, _channel, StoredHistory) = (sidecar, GrpcChannel.ForAddress($"http://127.0.0.1:{port}"), stored ? client : null);
    }

    /// <summary>Idempotent: the host stops it, and its owner again when the host's stop was cut short.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (_channel is not null) await _channel.ShutdownAsync();
        // not cancellable: a sidecar left running would keep the process alive
        if (_sidecar is not null) await _sidecar.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _sidecar?.Dispose();
    }
}
