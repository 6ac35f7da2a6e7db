using AdsRecommender.Core.Runs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Core.Workflows;

/// <summary>
/// One batch of a large run: reads its row shard (so the parent's history holds no rows) and processes
/// the slice's distinct videos. It packs its embedded videos' vectors at the end and returns counts only; rows repeating an earlier URL stay in the shard for the
/// parent's copy phase (their original may be in another batch).
/// </summary>
public sealed class ProcessBatchOrchestrator : TaskOrchestrator<BatchInput, BatchOutcome>
{
    public override async Task<BatchOutcome> RunAsync(TaskOrchestrationContext context, BatchInput input)
    {
        var slice = await context.CallReadAdsAsync(new ReadAdsInput(input.RunId, input.CsvName, input.Skip, input.Take, Summary: false),
            VideoFanOut.RetryOptions(input.Options));
        var duplicates = slice.Duplicates.Select(d => d.Index).ToHashSet();
        var tally = new VideoTally(slice.Rows.Count - duplicates.Count);
        var embedded = new List<string>();
        context.CreateReplaySafeLogger<ProcessBatchOrchestrator>().LogInformation(
            "Batch {InstanceId}: rows {First}..{Last}", context.InstanceId, input.Skip, input.Skip + slice.Rows.Count - 1);
        await VideoFanOut.ProcessAsync(
            context, input.RunId, slice.Rows.Where(r => !duplicates.Contains(r.Index)), input.Options,
            r =>
            {
                tally.Count(r);
                if (r.Status == VideoStatus.Embedded) embedded.Add(r.VideoId);
                context.SetCustomStatus(tally.Progress(RunProgress.Phases.Processing));
            });
        await context.CallPackVectorsAsync(PackVectorsInput.Of(input, embedded), VideoFanOut.RetryOptions(input.Options));
        return new BatchOutcome(tally.Totals);
    }
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="ProcessBatchOrchestrator"/> (registered as <see cref="TaskNames.ProcessBatch"/>).</summary>
    public static Task<BatchOutcome> CallProcessBatchAsync(this TaskOrchestrationContext context, BatchInput input, TaskOptions? options = null) =>
        context.CallSubOrchestratorAsync<BatchOutcome>(TaskNames.ProcessBatch, input, options);
}
