namespace AdsRecommender.Core.Pipeline;

/// <summary>What <see cref="RunGrouper"/> needs of a run: where its vectors are (the ledger's videos, <paramref name="Batches"/>
/// packed batches), its grouping choices and the counts its summary reports.</summary>
public sealed record GroupingRun(
    string RunId,
    string CsvName,
    RunOptions Options,
    int RowsRead,
    int SkippedRows,
    DateTime StartedUtc,
    int Batches);

/// <summary>What grouping wrote: result names in area "results" and the threshold used.
/// <see cref="Lost"/>: videos whose vectors could not be read back (now failed in the ledger, left out of the groups).</summary>
public sealed record GroupedRun(
    IReadOnlyList<string> ResultNames,
    float Threshold,
    string ThresholdSource,
    int Pairs,
    int Groups,
    int Ungrouped,
    int Lost);
