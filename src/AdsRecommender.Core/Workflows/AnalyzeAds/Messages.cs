using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Similarity;

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

/// <summary>Per-run choices carried through the orchestration.</summary>
/// <param name="BatchSize">Above this many rows the run fans out one sub-orchestration per batch.</param>
/// <param name="MaxBatchesInFlight">Batches running at once; the next starts when one finishes (the worker bounds videos in flight).</param>
/// <param name="BatchesPerGeneration">After this many finished batches the run continues as new, so its history stays bounded.</param>
/// <param name="MaxAttempts">Attempts per video for transient failures (the first try included).</param>
/// <param name="FirstRetrySeconds">Delay before the first retry; doubled for each further retry.</param>
/// <param name="AllowedPrivateEndpoints">Non-public <c>address:port</c> endpoints allowed even without <paramref name="AllowPrivateNetwork"/>
/// (the demo allows only its own 127.0.0.1 server).</param>
public sealed record RunOptions(
    bool AllowPrivateNetwork = false,
    int BatchSize = 100,
    bool MultiFace = true,
    int MaxAttempts = 3,
    double FirstRetrySeconds = 5,
    IReadOnlyList<string>? AllowedPrivateEndpoints = null,
    int MaxBatchesInFlight = 8,
    int BatchesPerGeneration = 50)
{
    /// <summary>
    /// Above this many embedded videos the similarity is computed by tile activities over shards (<see cref="SimilarityTiles"/>)
    /// instead of inside the grouping activity; 0 turns the sharded path off. See docs/PERFORMANCE.md for the choice.
    /// </summary>
    public int ShardedSimilarityAboveVideos { get; init; } = DefaultShardedAbove;

    /// <summary>Face rows per similarity shard: a tile holds two shards (50,000 rows of 128 floats: 2 x 26 MB).</summary>
    public int SimilarityShardFaces { get; init; } = 50_000;

    public const int DefaultShardedAbove = 200_000;


    /// <summary>Parsed once where the run is asked for (CLI flag, HTTP query, configuration); travels as its text.</summary>
    public ThresholdSetting Threshold { get; init; } = ThresholdSetting.Default;
}

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

/// <summary>Row <paramref name="Index"/> has the same URL as the earlier row <paramref name="SameAs"/>.</summary>
public sealed record DuplicateRow(int Index, int SameAs);

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
