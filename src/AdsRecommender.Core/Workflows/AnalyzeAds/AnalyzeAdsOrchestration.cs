using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Pipeline;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Core.Workflows;

// The run's workflow, read top to bottom here: messages in Messages.cs, activities in Activities.cs, the batch
// sub-orchestration in ../ProcessBatch, the fan-out and progress counting both share in ../VideoFanOut.cs and ../VideoTally.cs.

/// <summary>
/// The whole run: read the CSV, process each distinct video (directly, or in sub-orchestrations of
/// <see cref="RunOptions.BatchSize"/> rows when the file is larger), copy results to rows repeating a URL, then group.
/// Claim check: inputs, outputs and status carry ids, row ranges and counts; each video's result is in the ledger.
/// A batched run continues as new every <see cref="RunOptions.BatchesPerGeneration"/> batches, carrying only counters
/// and the next batch, so its history stays bounded however many rows it has.
/// Deterministic: no clock, no random, no I/O here; all work happens in activities.
/// </summary>
public sealed class AnalyzeAdsOrchestrator : TaskOrchestrator<RunRequest, RunOutcome>
{
    public override async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        var log = context.CreateReplaySafeLogger<AnalyzeAdsOrchestrator>();
        var options = input.Options;
        var batchSize = Math.Max(1, options.BatchSize);
        var state = input.Carried;
        if (state is null)
        {
            var started = context.CurrentUtcDateTime;
            context.SetCustomStatus(new RunProgress(0, 0, 0, 0, RunProgress.Phases.Reading));
            var read = await context.CallReadAdsAsync(new ReadAdsInput(input.RunId, input.CsvName, 0, batchSize, Summary: true));
            if (read.Error is not null)
            {
                log.LogWarning("Run {RunId}: {CsvName} could not be read: {Error}", input.RunId, input.CsvName, read.Error);
                context.SetCustomStatus(new RunProgress(0, 0, 0, 0, RunProgress.Phases.Done));
                return new RunOutcome(input.RunId, 0, read.SkippedRows, VideoTotals.None, null, 0, started, context.CurrentUtcDateTime, read.Error);
            }
            var total = read.TotalRows;
            state = new RunGeneration(0, 0, total > batchSize ? (total + batchSize - 1) / batchSize : 0, total, VideoTotals.None, read.SkippedRows, started);
            log.LogInformation("Run {RunId}: {Rows} rows, {Batches} batches", input.RunId, total, state.Batches);
            if (state.Batches == 0)
            {
                var small = new VideoTally(total);
                var duplicateIndexes = read.Duplicates.Select(d => d.Index).ToHashSet();
                await VideoFanOut.ProcessAsync(context, input.RunId, read.Rows.Where(r => !duplicateIndexes.Contains(r.Index)), options,
                    r => { small.Count(r); context.SetCustomStatus(small.Progress(RunProgress.Phases.Processing)); });
                state = state with { Totals = small.Totals };
            }
        }

        var tally = new VideoTally(state.TotalRows, state.Totals);
        var batchesDone = state.NextBatch;
        void Report(string phase) => context.SetCustomStatus(tally.Progress(phase, state.Batches, batchesDone));
        if (state.NextBatch < state.Batches)
        {
            Report(RunProgress.Phases.Processing);
            var end = Math.Min(state.Batches, state.NextBatch + Math.Max(1, options.BatchesPerGeneration));
            await foreach (var batch in BatchWindow(context, input, state.NextBatch, end, batchSize))
            {
                batchesDone++;
                tally.Count(batch.Totals);
                Report(RunProgress.Phases.Processing);
            }
            if (end < state.Batches)
            {
                // the next generation starts with an empty history: counters and the next batch only
                context.ContinueAsNew(input with { Carried = state with { Generation = state.Generation + 1, NextBatch = end, Totals = tally.Totals } },
                    preserveUnprocessedEvents: false);
                return null!;
            }
        }

        Report(RunProgress.Phases.Copying);
        var shards = Math.Max(1, state.Batches);
        tally.Count(await context.CallCopyDuplicatesAsync(new CopyDuplicatesInput(input.RunId, shards), VideoFanOut.RetryOptions(options)));
        if (tally.Totals.CommonEnvironmentReason is { } environment) throw new Health.EnvironmentFailureException(environment);

        Report(RunProgress.Phases.Grouping);
        var groupInput = new GroupVideosInput(input.RunId, input.CsvName, options, state.TotalRows, state.SkippedRows, state.StartedUtc, state.Batches);
        if (options.ShardedSimilarityAboveVideos > 0 && tally.Totals.Embedded > options.ShardedSimilarityAboveVideos)
            groupInput = groupInput with { Sharded = await SimilarityTilesAsync(context, groupInput) };
        var grouping = await context.CallGroupVideosAsync(groupInput, VideoFanOut.RetryOptions(options));
        var totals = tally.Totals.WithLost(grouping.Lost);
        Report(RunProgress.Phases.Done);
        log.LogInformation("Run {RunId} done: {Done} videos, {Failed} failed, {Groups} groups", input.RunId, totals.Done, totals.Failed, grouping.Groups);
        return new RunOutcome(input.RunId, state.TotalRows, state.SkippedRows, totals, grouping, state.Batches, state.StartedUtc, context.CurrentUtcDateTime);
    }

    /// <summary>
    /// The sharded similarity path: one activity writes the shards, then the tiles of the upper triangle run in a window of
    /// <see cref="RunOptions.MaxBatchesInFlight"/>, each writing its pair shard; messages carry shard ids and counts only.
    /// </summary>
    private static async Task<ShardPlan> SimilarityTilesAsync(TaskOrchestrationContext context, GroupVideosInput input)
    {
        var retry = VideoFanOut.RetryOptions(input.Options);
        var plan = await context.CallPlanSimilarityShardsAsync(input, retry);
        var window = Math.Max(1, input.Options.MaxBatchesInFlight);
        var pending = new List<Task<long>>();
        foreach (var (a, b) in plan.Tiles())
        {
            if (pending.Count == window) pending.Remove(await Task.WhenAny(pending));
            pending.Add(context.CallSimilarityTileAsync(new SimilarityTileInput(input.RunId, a, b, plan.MinSimilarity, plan.BinPrimaries), retry));
        }
        await Task.WhenAll(pending);
        return plan;
    }

    /// <summary>The instance ids of a run's batch sub-orchestrations start with this (then the batch number).</summary>
    public static string BatchInstancePrefix(string runId) => $"{runId}-batch-";

    /// <summary>
    /// Batches <c>[first, end)</c> in a window of <see cref="RunOptions.MaxBatchesInFlight"/>: the next starts as one finishes,
    /// so a long run does not hold every batch at once. Yields each outcome as it finishes.
    /// </summary>
    private static async IAsyncEnumerable<BatchOutcome> BatchWindow(TaskOrchestrationContext context, RunRequest input, int first, int end, int batchSize)
    {
        var options = input.Options;
        var window = Math.Max(1, options.MaxBatchesInFlight);
        var pending = new List<Task<BatchOutcome>>();
        var next = first;
        Task<BatchOutcome> Start(int b) => context.CallProcessBatchAsync(new BatchInput(input.RunId, input.CsvName, options, b * batchSize, batchSize),
            VideoFanOut.RetryOptions(options).WithInstanceId($"{BatchInstancePrefix(context.InstanceId)}{b}"));
        while (next < end && pending.Count < window) pending.Add(Start(next++));
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            if (next < end) pending.Add(Start(next++));
            yield return await finished;
        }
    }
}
