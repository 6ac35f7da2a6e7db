using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Results;

/// <summary><c>run_summary.json</c>: what a run read, skipped, found and wrote.</summary>
public sealed record RunSummary(
    string RunId,
    string CsvName,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    int RowsRead,
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
