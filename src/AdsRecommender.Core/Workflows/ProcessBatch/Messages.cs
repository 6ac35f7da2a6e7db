using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Core.Workflows;

// The ProcessBatch sub-orchestration's durable messages (stored in history: add optional members only).

/// <summary>Input of <see cref="ProcessBatchOrchestrator"/>: valid rows <c>[Skip, Skip+Take)</c> of the CSV, re-read by the batch.</summary>
public sealed record BatchInput(string RunId, string CsvName, RunOptions Options, int Skip, int Take);

/// <summary>What a batch returns: counts only (its videos' results are in the ledger; its repeated rows are in its shard,
/// copied by the parent once every batch is done, as their original may be in another batch).</summary>
public sealed record BatchOutcome(VideoTotals Totals);

/// <summary>Input of <see cref="PackVectorsActivity"/>: batch number <paramref name="Batch"/>'s embedded videos (at most
/// one batch of ids, so the payload is bounded by the batch size, not by the run).</summary>
public sealed record PackVectorsInput(string RunId, int Batch, IReadOnlyList<string> VideoIds)
{
    /// <summary>The embedded videos of the batch <paramref name="batch"/> describes (batches are numbered by their first row).</summary>
    public static PackVectorsInput Of(BatchInput batch, IReadOnlyList<string> embedded) =>
        new(batch.RunId, batch.Skip / Math.Max(1, batch.Take), embedded);
}
