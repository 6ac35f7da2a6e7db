using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Workflows;

// The ProcessBatch sub-orchestration's durable messages (stored in history: add optional members only).

/// <summary>Input of <see cref="ProcessBatchOrchestrator"/>: valid rows <c>[Skip, Skip+Take)</c> of the CSV, re-read by the batch.</summary>
public sealed record BatchInput(string RunId, string CsvName, RunOptions Options, int Skip, int Take);

/// <summary>What a batch returns: counts only (its videos' results are in the ledger; its repeated rows are in its shard,
/// copied by the parent once every batch is done, as their original may be in another batch).</summary>
public sealed record BatchOutcome(VideoTotals Totals);
