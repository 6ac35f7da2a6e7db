using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Pipeline;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Core.Workflows;

// The run's workflow, read top to bottom here: messages in Messages.cs, activities in Activities.cs, the batch
// sub-orchestration in ../ProcessBatch, the fan-out and progress counting both share in ../VideoFanOut.cs and ../VideoTally.cs.

/// <summary>
/// The whole run: read the CSV, process each distinct video (directly, or in sub-orchestrations of
/// <see cref="RunOptions.BatchSize"/> rows when the file is larger), reuse results for repeated URLs, then group.
/// Deterministic: no clock, no random, no I/O here; all work happens in activities.
/// </summary>
public sealed class AnalyzeAdsOrchestrator : TaskOrchestrator<RunRequest, RunOutcome>
{
    public override async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        var log = context.CreateReplaySafeLogger<AnalyzeAdsOrchestrator>();
        var started = context.CurrentUtcDateTime;
        var options = input.Options;
        var batchSize = Math.Max(1, options.BatchSize);
        context.SetCustomStatus(new RunProgress(0, 0, 0, 0, RunProgress.Phases.Reading));

        var read = await context.CallActivityAsync<ReadAdsOutput>(
            TaskNames.ReadAds, new ReadAdsInput(input.RunId, input.CsvName, 0, batchSize, Summary: true));
        if (read.Error is not null)
        {
            log.LogWarning("Run {RunId}: {CsvName} could not be read: {Error}", input.RunId, input.CsvName, read.Error);
            context.SetCustomStatus(new RunProgress(0, 0, 0, 0, RunProgress.Phases.Done));
            return new RunOutcome(input.RunId, 0, read.Problems, [], null, 0, started, context.CurrentUtcDateTime, read.Error);
        }

        var total = read.TotalRows;
        var duplicateIndexes = read.Duplicates.Select(d => d.Index).ToHashSet();
        var batches = total > batchSize ? (total + batchSize - 1) / batchSize : 0;
        var tally = new VideoTally(total);
        var batchesDone = 0;
        void Report(string phase) => context.SetCustomStatus(tally.Progress(phase, batches, batchesDone));
        log.LogInformation("Run {RunId}: {Rows} rows, {Duplicates} repeating an earlier URL, {Batches} batches",
            input.RunId, total, read.Duplicates.Count, batches);
        Report(RunProgress.Phases.Processing);

        var results = new List<VideoResult>(total);
        List<AdRow> duplicateRows;
        var duplicates = new List<DuplicateRow>(read.Duplicates);
        if (batches == 0)
        {
            results.AddRange(await VideoFanOut.ProcessAsync(
                context, input.RunId, read.Rows.Where(r => !duplicateIndexes.Contains(r.Index)), options,
                r => { tally.Count(r); Report(RunProgress.Phases.Processing); }));
            duplicateRows = read.Rows.Where(r => duplicateIndexes.Contains(r.Index)).ToList();
        }
        else
        {
            // a window of batches: the next starts as one finishes, so a long run does not hold every batch at once
            var window = Math.Max(1, options.MaxBatchesInFlight);
            var pending = new List<Task<BatchOutcome>>();
            var next = 0;
            Task<BatchOutcome> Start(int b) => context.CallSubOrchestratorAsync<BatchOutcome>(
                TaskNames.ProcessBatch,
                new BatchInput(input.RunId, input.CsvName, options, b * batchSize, batchSize),
                VideoFanOut.RetryOptions(options).WithInstanceId($"{context.InstanceId}-batch-{b}"));
            while (next < batches && pending.Count < window) pending.Add(Start(next++));
            duplicateRows = [];
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending);
                pending.Remove(finished);
                if (next < batches) pending.Add(Start(next++));
                var batch = await finished;
                batchesDone++;
                foreach (var r in batch.Results) tally.Count(r);
                results.AddRange(batch.Results);
                duplicateRows.AddRange(batch.DuplicateRows);
                duplicates.AddRange(batch.Duplicates ?? []);
                Report(RunProgress.Phases.Processing);
            }
        }

        if (duplicateRows.Count > 0)
        {
            Report(RunProgress.Phases.Copying);
            var byIndex = results.ToDictionary(r => r.RowIndex);
            var copies = await VideoFanOut.CopyAsync(
                context, input.RunId,
                duplicates,
                duplicateRows.ToDictionary(r => r.Index), byIndex, options);
            foreach (var c in copies) tally.Count(c);
            results.AddRange(copies);
        }

        results.Sort((a, b) => a.RowIndex.CompareTo(b.RowIndex));
        if (Health.EnvironmentFailure.CommonReason(results) is { } environment) throw new Health.EnvironmentFailureException(environment);
        Report(RunProgress.Phases.Grouping);
        var grouping = await context.CallActivityAsync<GroupVideosOutput>(
            TaskNames.GroupVideos,
            new GroupVideosInput(input.RunId, input.CsvName, options, total, read.Problems, results, started, batches),
            VideoFanOut.RetryOptions(options));
        foreach (var lost in grouping.Unreadable ?? [])
            results[results.FindIndex(r => r.VideoId == lost.VideoId)] = lost;
        Report(RunProgress.Phases.Done);
        log.LogInformation("Run {RunId} done: {Done} videos, {Failed} failed, {Groups} groups", input.RunId, tally.Done, tally.Failed, grouping.Groups);
        return new RunOutcome(input.RunId, total, read.Problems, results, grouping, batches, started, context.CurrentUtcDateTime);
    }
}
