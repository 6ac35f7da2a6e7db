using AdsRecommender.Core.Ingest;

namespace AdsRecommender.Core.Pipeline;

/// <param name="Rows">The requested slice of valid rows.</param>
/// <param name="TotalRows">Valid rows in the whole file.</param>
/// <param name="Error">Set when the file could not be read at all (missing, bad header).</param>
public sealed record ReadAdsOutput(
    IReadOnlyList<AdRow> Rows,
    IReadOnlyList<RowProblem> Problems,
    int TotalRows,
    IReadOnlyList<DuplicateRow> Duplicates,
    string? Error = null);
