using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Azure;

/// <summary>
/// Deletes the Durable history (instances, inputs, outputs) of runs that finished (completed, failed, terminated) and were
/// created more than the retention ago, so the task hub does not grow with every run. Results stay in the run store.
/// </summary>
public sealed class HistoryPurger(DurableTaskClient client, ILogger? logger = null)
{
    public const int DefaultRetentionDays = 30;
    public const string RetentionSetting = "AdsRecommender:HistoryRetentionDays";

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <returns>The number of instances purged.</returns>
    public async Task<int> PurgeAsync(TimeSpan retention, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (retention < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(retention), retention, "retention cannot be negative");
        var before = now - retention;
        var purged = await PurgeAsync(new OrchestrationQuery { CreatedTo = before, Statuses = Finished }, cancellationToken);
        (logger ?? NullLogger.Instance).LogInformation("Purged the history of {Count} finished orchestration(s) created before {Before:u}",
            purged, before);
        return purged;
    }

    /// <summary>
    /// Purges the instances <paramref name="query"/> lists; returns how many. Listed, then purged one by one: every backend
    /// (Azure Storage, Durable Task Scheduler, the CLI's in-process one) supports that, not all support a purge by filter.
    /// </summary>
    public async Task<int> PurgeAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            ids.Add(instance.InstanceId);
        var purged = 0;
        foreach (var id in ids)
            purged += (await client.PurgeInstanceAsync(id, cancellation: cancellationToken)).PurgedInstanceCount;
        return purged;
    }

    /// <summary>The retention from setting <see cref="RetentionSetting"/> (whole days, 0 or more), else <see cref="DefaultRetentionDays"/>.</summary>
    public static TimeSpan Retention(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return TimeSpan.FromDays(DefaultRetentionDays);
        if (!int.TryParse(setting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days))
            throw new FormatException($"{RetentionSetting} must be a whole number of days (0 or more), not '{setting}'.");
        return TimeSpan.FromDays(days);
    }
}
