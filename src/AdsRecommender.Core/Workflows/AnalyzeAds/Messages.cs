using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.ShardedSimilarity;

namespace AdsRecommender.Core.Workflows;

// The AnalyzeAds orchestration's durable messages. Their JSON shapes are stored in orchestration history:
// add optional members only, so a run started before a change still resumes after it.

/// <summary>Input of <see cref="AnalyzeAdsOrchestrator"/>: the CSV is <paramref name="CsvName"/> in area "input" of the run.</summary>
/// <param name="Carried">Set only by the orchestration itself when it continues as new: where the previous generation stopped.</param>
public sealed record RunRequest(string RunId, string CsvName, RunOptions Options, RunGeneration? Carried = null);

/// <summary>
/// What one generation of a batched run hands the next when it continues as new (so the history holds at most
/// <see cref="RunOptions.BatchesPerGeneration"/> batches): counters and the next batch, never per-video data.
/// </summary>
public sealed record RunGeneration(
    int Generation, int NextBatch, int Batches, int TotalRows, VideoTotals Totals, int SkippedRows, DateTime StartedUtc);

/// <summary>The orchestration's custom status: how far the run is. <paramref name="Phase"/>: reading, processing, copying, grouping, done.</summary>
public sealed record RunProgress(int Total, int Done, int Failed, int Pending, string Phase, int NoFace = 0, int Batches = 0, int BatchesDone = 0)
{
    public int Embedded { get; init; }

    public static class Phases
    {
        public const string Reading = "reading";
        public const string Processing = "processing";
        public const string Copying = "copying";
        public const string Grouping = "grouping";
        public const string Done = "done";
    }
}

/// <summary>
/// Reads the run's CSV. <paramref name="Skip"/>/<paramref name="Take"/> select a slice of the valid rows.
/// With <paramref name="Summary"/> the answer counts the whole file's skipped rows (listed in <c>row_problems.csv</c>) and its duplicates;
/// without, only the slice's rows and the duplicates among them (a batch's view).
/// </summary>
public sealed record ReadAdsInput(string RunId, string CsvName, int Skip, int Take, bool Summary);

/// <param name="Rows">The requested slice of valid rows.</param>
/// <param name="SkippedRows">Bad rows in the whole file (summary read only); they are listed in the run's <c>row_problems.csv</c>.</param>
/// <param name="TotalRows">Valid rows in the whole file.</param>
/// <param name="Error">Set when the file could not be read at all (missing, bad header).</param>
public sealed record ReadAdsOutput(
    IReadOnlyList<AdRow> Rows,
    int SkippedRows,
    int TotalRows,
    IReadOnlyList<DuplicateRow> Duplicates,
    string? Error = null);

public sealed record ProcessVideoInput(string RunId, AdRow Row, RunOptions Options);

/// <summary>A video's result decided by the orchestrator (retries exhausted), to be recorded in the ledger.</summary>
public sealed record RecordVideoInput(string RunId, VideoResult Video);

/// <summary>Copies every row repeating an earlier URL, read from the run's <paramref name="Shards"/> row shards (originals from the ledger).</summary>
public sealed record CopyDuplicatesInput(string RunId, int Shards);

/// <summary>Groups the run: the videos are read from the ledger in pages, their vectors from the store.</summary>
public sealed record GroupVideosInput(
    string RunId,
    string CsvName,
    RunOptions Options,
    int RowsRead,
    int SkippedRows,
    DateTime StartedUtc,
    int Batches)
{
    /// <summary>Set for a sharded run: the pairs come from the tiles' pair shards, not from a scan in the activity.</summary>
    public ShardPlan? Sharded { get; init; }

    /// <summary>The run as the grouping service takes it (a method: not part of the message's JSON).</summary>
    public GroupingRun ToGroupingRun() => new(RunId, CsvName, Options, RowsRead, SkippedRows, StartedUtc, Batches);
}

/// <summary>One tile: shards <paramref name="A"/> &lt;= <paramref name="B"/> of the run's <see cref="ShardPlan"/>.</summary>
public sealed record SimilarityTileInput(string RunId, int A, int B, float MinSimilarity, bool BinPrimaries);

/// <summary>What grouping wrote: result names in area "results" and the threshold used.
/// <see cref="Lost"/>: videos whose vectors could not be read back (now failed in the ledger, left out of the groups).</summary>
public sealed record GroupVideosOutput(
    IReadOnlyList<string> ResultNames,
    float Threshold,
    string ThresholdSource,
    int Pairs,
    int Groups,
    int Ungrouped,
    int Lost = 0);

/// <summary>
/// Output of <see cref="AnalyzeAdsOrchestrator"/>: counts and result names, whose size does not grow with the videos
/// (each video's result is in the ledger: <c>GET /api/runs/{id}/videos</c>, <c>adsrec videos</c>) nor with the bad rows
/// (<paramref name="SkippedRows"/> counts them; they are in the run's <c>row_problems.csv</c>).
/// </summary>
public sealed record RunOutcome(
    string RunId,
    int RowsRead,
    int SkippedRows,
    VideoTotals Totals,
    GroupVideosOutput? Grouping,
    int Batches,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    string? Error = null)
{
    public int Embedded => Totals.Embedded;
    public int NoFace => Totals.NoFace;
    public int Failed => Totals.Failed;
    public int Reused => Totals.Reused;
    public StageTimings TotalTimings => Totals.TotalTimings;
}
