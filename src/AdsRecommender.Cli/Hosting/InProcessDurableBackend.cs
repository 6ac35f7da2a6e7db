using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Cli.Hosting;

/// <summary>
/// The CLI's Durable Task back end as a hosted service of the run's host: the gRPC sidecar (<see cref="GrpcSidecar"/>)
/// over an orchestration service, and the channel the worker and client talk to it through. Registered before the
/// worker, so the host stops it after the worker has let go of its activities.
/// </summary>
internal sealed class InProcessDurableBackend(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory)
    : IHostedService, IDisposable
{
    private IHost? _sidecar;
    private GrpcChannel? _channel;
    private int _stopped;

    /// <summary>The channel to the sidecar; the worker's and client's options read it when they are first resolved.</summary>
    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("the durable back end has not been started");

    /// <summary>Idempotent: the owner starts it before the host does, because the sidecar's port (bound as port 0) is
    /// only known once it listens and the worker's options need the channel when the host creates the worker.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null) return;
        var (sidecar, port) = await GrpcSidecar.StartAsync(service, client, loggerFactory, cancellationToken);
        (_sidecar, _channel) = (sidecar, GrpcChannel.ForAddress($"http://127.0.0.1:{port}"));
    }

    /// <summary>Idempotent: the host stops it, and its owner again when the host's stop was cut short.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (_channel is not null) await _channel.ShutdownAsync();
        // not cancellable: a sidecar left running would keep the process alive
        if (_sidecar is not null) await _sidecar.StopAsync(CancellationToken.None);
    }

    /// <summary>Registered as an instance, so the container does not dispose it: its owner does.</summary>
    public void Dispose()
    {
        _channel?.Dispose();
        _sidecar?.Dispose();
    }
}
