using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdsRecommender.Hosting;

/// <summary>Starting and stopping a host that has a back end of <see cref="DurableBackendServiceCollectionExtensions"/>.</summary>
public static class DurableBackendHostExtensions
{
    /// <summary>The host's back end: its history meter and, on Azure Storage, the stored history.</summary>
    public static InProcessDurableBackend DurableBackend(this IHost host) => host.Services.GetRequiredService<InProcessDurableBackend>();

    /// <summary>
    /// Starts the back end, then the host (its worker and client find the sidecar's channel). A back end that cannot start
    /// throws <see cref="DurableBackendException"/>; the caller then shuts the host down (<see cref="ShutDownWithDurableBackendAsync"/>).
    /// </summary>
    public static async Task StartWithDurableBackendAsync(this IHost host, CancellationToken ct = default)
    {
        await host.DurableBackend().StartAsync(ct);
        await host.StartAsync(ct);
    }

    /// <summary>
    /// Stops the host, giving its work <paramref name="grace"/> to end, then the back end even when the host's stop was cut
    /// short (no sidecar outlives the host), and disposes the host.
    /// </summary>
    public static async Task ShutDownWithDurableBackendAsync(this IHost host, TimeSpan grace)
    {
        using var stopping = new CancellationTokenSource(grace);
        try
        {
            await host.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await host.DurableBackend().StopAsync(CancellationToken.None);
        host.Dispose();
    }
}
