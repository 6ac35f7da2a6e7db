using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Results;

/// <summary>
/// <c>run_summary.json</c>: what a run read, skipped, found and wrote. Counts only: a summary of a run of any size stays a
/// few KB, and <see cref="Lists"/> names where each list is.
/// </summary>
/// <param name="SkippedRows">Every bad row of the CSV.</param>
/// <param name="Skipped">The first <see cref="RowProblemsCsv.Shown"/> of them, read from <c>row_problems.csv</c> (which lists the rest).</param>
/// <param name="Ungrouped">Videos with a face that share it with no other video (listed in <see cref="ResultFiles.Ungrouped"/>).</param>
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
    int Ungrouped,
    StageTimings TotalTimings,
    IReadOnlyList<string> Results,
    RunSummaryLists Lists);

/// <summary>Where the lists behind <see cref="RunSummary"/>'s counts are: result files, and the ledger for the per-video outcomes.</summary>
/// <param name="Videos">How to list every video with its status, reason, faces and timings (the run's ledger).</param>
public sealed record RunSummaryLists(string Pairs, string Groups, string Ungrouped, string SkippedRows, string Videos)
{
    public static RunSummaryLists For(string runId) => new(ResultFiles.Pairs, ResultFiles.Groups, ResultFiles.Ungrouped, ResultFiles.RowProblems,
        $"adsrec videos {runId} --out <the run's folder> (CLI; --storage <connection string> for a run in Azure Storage) or GET /api/runs/{runId}/videos (Azure)");
}
