using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Workflows;

// The ProcessBatch sub-orchestration's durable messages (stored in history: add optional members only).

/// <summary>Input of <see cref="ProcessBatchOrchestrator"/>: valid rows <c>[Skip, Skip+Take)</c> of the CSV, re-read by the batch.</summary>
public sealed record BatchInput(string RunId, string CsvName, RunOptions Options, int Skip, int Take);

/// <summary>
/// What a batch returns: results of its distinct videos and its rows that repeat an earlier URL (copied later by the
/// parent), with the row each repeats.
/// </summary>
public sealed record BatchOutcome(IReadOnlyList<VideoResult> Results, IReadOnlyList<AdRow> DuplicateRows, IReadOnlyList<DuplicateRow>? Duplicates = null);

/// <summary>Input of <see cref="PackVectorsActivity"/>: batch number <paramref name="Batch"/>'s embedded videos.</summary>
public sealed record PackVectorsInput(string RunId, int Batch, IReadOnlyList<string> VideoIds)
{
    /// <summary>The embedded videos of the batch <paramref name="batch"/> describes (batches are numbered by their first row).</summary>
    public static PackVectorsInput Of(BatchInput batch, IEnumerable<VideoResult> results) =>
        new(batch.RunId, batch.Skip / Math.Max(1, batch.Take), results.Where(r => r.Status == VideoStatus.Embedded).Select(r => r.VideoId).ToList());
}
