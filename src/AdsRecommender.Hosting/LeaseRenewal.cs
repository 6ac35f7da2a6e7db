using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// Keeps the messages of work items this process holds invisible to other processes while it works on them: the sidecar
/// (InProcessTestHost) never renews a lock, so on a shared hub an activity longer than the visibility timeout would reappear
/// and run a second time elsewhere. Each held item is renewed every <paramref name="every"/> until it completes or is given
/// up; renewal stops with the process, so after a crash (SIGKILL) its messages reappear once their visibility expires.
/// </summary>
internal sealed class LeaseRenewal(TimeSpan every, ILogger logger)
{
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Stop, Task Loop)> _held = new(StringComparer.Ordinal);

    public void Hold(string id, Func<Task> renew)
    {
        var stop = new CancellationTokenSource();
        if (!_held.TryAdd(id, (stop, Task.Run(() => RenewAsync(id, renew, stop.Token)))))
            stop.Dispose(); // already held (the back end handed the same item again): one loop renews it
    }

    /// <summary>Stops renewing and waits for a renewal in flight, so it cannot race the completion that follows.</summary>
    public async Task ReleaseAsync(string id)
    {
        if (!_held.TryRemove(id, out var held)) return;
        await held.Stop.CancelAsync();
        try
        {
            await held.Loop;
        }
        catch (OperationCanceledException)
        {
        }
        held.Stop.Dispose();
    }

    private async Task RenewAsync(string id, Func<Task> renew, CancellationToken stop)
    {
        while (true)
        {
            await Task.Delay(every, stop);
            try
            {
                await renew();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // the item may have completed meanwhile; a lost renewal only risks the message running twice
                logger.LogWarning("renewing the lock of work item {Id} failed: {Error}", id, ex.Message);
            }
        }
    }
}
