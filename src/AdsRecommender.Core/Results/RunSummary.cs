using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Results;

/// <summary><c>run_summary.json</c>: what a run read, skipped, found and wrote.</summary>
/// <param name="SkippedRows">Every bad row of the CSV.</param>
/// <param name="Skipped">The first <see cref="RowProblemsCsv.Shown"/> of them, read from <c>row_problems.csv</c> (which lists the rest).</param>
public sealed record RunSummary(
    string RunId,
    string CsvName,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    int RowsRead,
    int SkippedRows,
    IReadOnlyList<RowProblem> Skipped,
    int Embedded,
    int NoFace,
    int Failed,
    int Reused,
    int Batches,
    float Threshold,
    string ThresholdSource,
    bool MultiFace,
    int Pairs,
    int Groups,
    IReadOnlyList<string> Ungrouped,
    StageTimings TotalTimings,
    IReadOnlyList<VideoResult> Videos,
    IReadOnlyList<string> Results);
