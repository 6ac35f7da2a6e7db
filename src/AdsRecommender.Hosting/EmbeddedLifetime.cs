using Microsoft.Extensions.Hosting;

namespace AdsRecommender.Hosting;

/// <summary>
/// The lifetime of a host that lives inside another program (the sidecar's, the CLI's run host): unlike the default console
/// lifetime it does not take SIGTERM and Ctrl+C for itself (that stopped only the sidecar and left a run waiting forever);
/// the program's own handler cancels its work and disposes the hosts.
/// </summary>
public sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
