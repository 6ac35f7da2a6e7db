using Microsoft.Extensions.Hosting;

namespace AdsRecommender.Cli.Hosting;

/// <summary>
/// The lifetime of a host that lives inside the CLI: unlike the default console lifetime it does not take SIGTERM and
/// Ctrl+C for itself (that stopped only the sidecar and left the run waiting forever); the CLI's own handler in
/// <c>Program</c> cancels the run and disposes the hosts.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
