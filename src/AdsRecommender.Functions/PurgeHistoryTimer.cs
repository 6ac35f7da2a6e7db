using AdsRecommender.Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Functions;

/// <summary>
/// Daily at 03:17 UTC: purges the Durable history of runs finished more than <c>AdsRecommender:HistoryRetentionDays</c>
/// (app setting <c>AdsRecommender__HistoryRetentionDays</c>, default 30) ago. Results in the run store are kept.
/// </summary>
public sealed class PurgeHistoryTimer(IConfiguration configuration, TimeProvider clock, ILogger<PurgeHistoryTimer> logger)
{
    [Function("PurgeHistory")]
    public Task RunAsync(
        [TimerTrigger("0 17 3 * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new HistoryPurger(client, logger).PurgeAsync(
            HistoryPurger.Retention(configuration[HistoryPurger.RetentionSetting]), clock.GetUtcNow(), cancellationToken);
}
