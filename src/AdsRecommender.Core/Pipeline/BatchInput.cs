namespace AdsRecommender.Core.Pipeline;

/// <summary>Input of <see cref="ProcessBatchOrchestrator"/>: valid rows <c>[Skip, Skip+Take)</c> of the CSV, re-read by the batch.</summary>
public sealed record BatchInput(string RunId, string CsvName, RunOptions Options, int Skip, int Take);
