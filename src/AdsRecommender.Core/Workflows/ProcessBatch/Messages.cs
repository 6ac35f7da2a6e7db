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
