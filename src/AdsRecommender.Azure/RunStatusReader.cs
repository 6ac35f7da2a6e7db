using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure;

/// <summary>
/// Builds a <see cref="RunStatusReport"/> from the orchestration's metadata (progress, outcome: counts, never per-video lists),
/// the run's ledger record and the store: a fixed number of reads whatever the number of videos.
/// </summary>
public sealed class RunStatusReader(DurableTaskClient client, IRunLedger ledger, IRunStore store)
{
    /// <returns>null when there is no such run.</returns>
    public async Task<RunStatusReport?> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        SafeName.Check(runId, "run id");
        var meta = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (meta is null) return null;

        var progress = meta.SerializedCustomStatus is null ? null : meta.ReadCustomStatusAs<RunProgress>();
        var run = await ledger.GetRunAsync(runId, cancellationToken);

        IReadOnlyList<ResultLocation> results = [];
        string? error = meta.FailureDetails?.ErrorMessage;
        RunOutcome? outcome = null;
        if (meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed && meta.SerializedOutput is not null)
        {
            outcome = meta.ReadOutputAs<RunOutcome>();
            error ??= outcome?.Error;
            results = (outcome?.Grouping?.ResultNames ?? [])
                .Select(n => new ResultLocation(n, store.Describe(runId, RunAreas.Results, n)))
                .ToList();
        }

        return new RunStatusReport(
            runId, meta.RuntimeStatus.ToString(), meta.CreatedAt, meta.LastUpdatedAt, progress,
            VideoCounts.From(progress, outcome), run, results, error);
    }
}
