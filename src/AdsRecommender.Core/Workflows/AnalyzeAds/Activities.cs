using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Storage;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

// The AnalyzeAds activities: thin adapters over the plain services (AdsReader, VideoProcessor, RunGrouper) that do the work.

public sealed class ReadAdsActivity(AdsReader reader) : TaskActivity<ReadAdsInput, ReadAdsOutput>
{
    public override Task<ReadAdsOutput> RunAsync(TaskActivityContext context, ReadAdsInput input) => reader.ReadAsync(input);
}

/// <summary>Download, find faces, store vectors for one row. Throws only for transient failures (so the retry policy applies).</summary>
public sealed class ProcessVideoActivity(IVideoProcessing processor) : TaskActivity<ProcessVideoInput, VideoResult>
{
    public override Task<VideoResult> RunAsync(TaskActivityContext context, ProcessVideoInput input) =>
        processor.ProcessAsync(input.RunId, input.Row, input.Options);
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

/// <summary>Rows repeating an earlier URL: copies each original's vectors and files under the row's own video id, no download.</summary>
public sealed class CopyDuplicatesActivity(DuplicateCopier copier) : TaskActivity<CopyDuplicatesInput, VideoTotals>
{
    public override Task<VideoTotals> RunAsync(TaskActivityContext context, CopyDuplicatesInput input) => copier.CopyAllAsync(input);
}

/// <summary>Reads the run's vectors, groups videos sharing a face, writes both CSVs, the report and the run summary.</summary>
public sealed class GroupVideosActivity(RunGrouper grouper) : TaskActivity<GroupVideosInput, GroupVideosOutput>
{
    public override Task<GroupVideosOutput> RunAsync(TaskActivityContext context, GroupVideosInput input) =>
        grouper.GroupAsync(input);
}

/// <summary>Sharded path, first step: writes the run's face vectors as similarity shards and returns the plan.</summary>
public sealed class PlanSimilarityShardsActivity(RunGrouper grouper) : TaskActivity<GroupVideosInput, ShardPlan>
{
    public override Task<ShardPlan> RunAsync(TaskActivityContext context, GroupVideosInput input) => grouper.PlanShardsAsync(input);
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
