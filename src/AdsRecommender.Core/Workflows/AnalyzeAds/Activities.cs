using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Storage;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

// The AnalyzeAds activities: each maps its message onto a call of a plain service (AdsReader, VideoProcessor, RunGrouper,
// ...) and the service's answer back onto the message the orchestration stores; the services know nothing of the messages.
// Below each activity, its typed call (TaskCalls.CallXxxAsync): orchestrations call that, not a task name, so
// go-to-definition from a call site lands here.

public sealed class ReadAdsActivity(AdsReader reader) : TaskActivity<ReadAdsInput, ReadAdsOutput>
{
    public override async Task<ReadAdsOutput> RunAsync(TaskActivityContext context, ReadAdsInput input)
    {
        var read = await reader.ReadAsync(input.RunId, input.CsvName, input.Skip, input.Take, input.Summary);
        return new ReadAdsOutput(read.Rows, read.SkippedRows, read.TotalRows, read.Duplicates, read.Error);
    }
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="ReadAdsActivity"/> (registered as <see cref="TaskNames.ReadAds"/>).</summary>
    public static Task<ReadAdsOutput> CallReadAdsAsync(this TaskOrchestrationContext context, ReadAdsInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<ReadAdsOutput>(TaskNames.ReadAds, input, options);
}

/// <summary>Download, find faces, store vectors for one row. Throws only for transient failures (so the retry policy applies).</summary>
public sealed class ProcessVideoActivity(IVideoProcessing processor) : TaskActivity<ProcessVideoInput, VideoResult>
{
    public override Task<VideoResult> RunAsync(TaskActivityContext context, ProcessVideoInput input) =>
        processor.ProcessAsync(input.RunId, input.Row, input.Options);
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="ProcessVideoActivity"/> (registered as <see cref="TaskNames.ProcessVideo"/>).</summary>
    public static Task<VideoResult> CallProcessVideoAsync(this TaskOrchestrationContext context, ProcessVideoInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<VideoResult>(TaskNames.ProcessVideo, input, options);
}

/// <summary>Records a video the orchestrator gave up on (retries exhausted), so the ledger holds every video's result.</summary>
public sealed class RecordVideoActivity(IRunLedger ledger) : TaskActivity<RecordVideoInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordVideoInput input)
    {
        await ledger.UpsertVideoAsync(input.RunId, input.Video);
        return true;
    }
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="RecordVideoActivity"/> (registered as <see cref="TaskNames.RecordVideo"/>).</summary>
    public static Task<bool> CallRecordVideoAsync(this TaskOrchestrationContext context, RecordVideoInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<bool>(TaskNames.RecordVideo, input, options);
}

/// <summary>Rows repeating an earlier URL: copies each original's vectors and files under the row's own video id, no download.</summary>
public sealed class CopyDuplicatesActivity(DuplicateCopier copier) : TaskActivity<CopyDuplicatesInput, VideoTotals>
{
    public override async Task<VideoTotals> RunAsync(TaskActivityContext context, CopyDuplicatesInput input)
    {
        var totals = VideoTotals.None;
        await foreach (var copy in copier.CopyAllAsync(input.RunId, input.Shards)) totals = totals.Add(copy);
        return totals;
    }
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="CopyDuplicatesActivity"/> (registered as <see cref="TaskNames.CopyDuplicates"/>).</summary>
    public static Task<VideoTotals> CallCopyDuplicatesAsync(this TaskOrchestrationContext context, CopyDuplicatesInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<VideoTotals>(TaskNames.CopyDuplicates, input, options);
}

/// <summary>Reads the run's vectors, groups videos sharing a face, writes both CSVs, the report and the run summary.</summary>
public sealed class GroupVideosActivity(RunGrouper grouper) : TaskActivity<GroupVideosInput, GroupVideosOutput>
{
    public override async Task<GroupVideosOutput> RunAsync(TaskActivityContext context, GroupVideosInput input)
    {
        var grouped = await grouper.GroupAsync(input.ToGroupingRun(), input.Sharded);
        return new GroupVideosOutput(grouped.ResultNames, grouped.Threshold, grouped.ThresholdSource, grouped.Pairs, grouped.Groups,
            grouped.Ungrouped, grouped.Lost);
    }
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="GroupVideosActivity"/> (registered as <see cref="TaskNames.GroupVideos"/>).</summary>
    public static Task<GroupVideosOutput> CallGroupVideosAsync(this TaskOrchestrationContext context, GroupVideosInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<GroupVideosOutput>(TaskNames.GroupVideos, input, options);
}

/// <summary>Sharded path, first step: writes the run's face vectors as similarity shards and returns the plan.</summary>
public sealed class PlanSimilarityShardsActivity(RunGrouper grouper) : TaskActivity<GroupVideosInput, ShardPlan>
{
    public override Task<ShardPlan> RunAsync(TaskActivityContext context, GroupVideosInput input) =>
        grouper.PlanShardsAsync(input.ToGroupingRun());
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="PlanSimilarityShardsActivity"/> (registered as <see cref="TaskNames.PlanSimilarityShards"/>).</summary>
    public static Task<ShardPlan> CallPlanSimilarityShardsAsync(this TaskOrchestrationContext context, GroupVideosInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<ShardPlan>(TaskNames.PlanSimilarityShards, input, options);
}

/// <summary>
/// Sharded path: one tile of two similarity shards, written as a pair shard; returns its pair count. At most one tile
/// per core runs in a process (<see cref="SimilarityTileGate"/>); the others wait for a slot.
/// </summary>
public sealed class SimilarityTileActivity(SimilarityTiles tiles, SimilarityTileGate gate) : TaskActivity<SimilarityTileInput, long>
{
    public override Task<long> RunAsync(TaskActivityContext context, SimilarityTileInput input) =>
        gate.RunAsync(() => tiles.RunTileAsync(input.RunId, input.A, input.B, input.MinSimilarity, input.BinPrimaries, CancellationToken.None));
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="SimilarityTileActivity"/> (registered as <see cref="TaskNames.SimilarityTile"/>).</summary>
    public static Task<long> CallSimilarityTileAsync(this TaskOrchestrationContext context, SimilarityTileInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<long>(TaskNames.SimilarityTile, input, options);
}
