using AdsRecommender.Core.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Azure;

/// <summary>
/// Before a failed or terminated run starts again under its id, its batch sub-orchestrations (<c>&lt;run&gt;-batch-&lt;n&gt;</c>)
/// that still run are terminated and awaited: a new run must not find the old batches holding the same instance ids.
/// </summary>
public static class BatchTerminator
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(2);

    private static readonly OrchestrationRuntimeStatus[] Live =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    /// <returns>The number of batch instances terminated.</returns>
    public static async Task<int> TerminateAsync(DurableTaskClient client, string runId, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var query = new OrchestrationQuery { InstanceIdPrefix = AnalyzeAdsOrchestrator.BatchInstancePrefix(runId), Statuses = Live };
        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            ids.Add(instance.InstanceId);
        foreach (var id in ids)
            await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "run restarted" }, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(WaitLimit);
        foreach (var id in ids)
            await client.WaitForInstanceCompletionAsync(id, limit.Token);
        if (ids.Count > 0)
            (logger ?? NullLogger.Instance).LogInformation("Run {RunId}: terminated {Count} batch orchestration(s) of the previous attempt", runId, ids.Count);
        return ids.Count;
    }
}
